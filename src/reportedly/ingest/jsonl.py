"""JSON Lines: one article per line with at least `text`; optional `title`, `url`, `published`, `author`.

`published` is an ISO 8601 date or date-time, kept as its date (YYYY-MM-DD, the contract's form).

Each line stands alone: a line that is not UTF-8 (JSON Lines are UTF-8: `files.decode_jsonl` keeps
stray bytes as lone surrogates), holds a raw NUL, is nested too deeply, or escapes a lone surrogate
("\\ud800") fails with its line number, and the lines around it are read as usual.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from typing import Literal

from reportedly.ingest.files import decode_jsonl
from reportedly.ingest.reader import BY_SUFFIX, CONTENT_LIKELY, NOT_MINE, Payload, Reader, Sample
from reportedly.model import Failure, RawArticle, SourceRef
from reportedly.registry import readers

_SURROGATE = re.compile("[\ud800-\udfff]")
_FIELDS = ("text", "title", "author", "url", "published")


def read_jsonl(text: str, source: SourceRef) -> Iterator[RawArticle | Failure]:
    """One article per non-blank line; a bad line is a Failure naming its line number."""
    found = False
    # lines end at "\n" only: U+2028 and friends are legal inside a JSON string
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if line.strip():
            found = True
            yield _read_line(line, number, source)
    if not found:  # blank to str.strip, not to bytes.strip ("\x1c", "\u2028"): still an answer
        yield Failure(source, "no JSON lines in the file (only blank lines)")


def _read_line(line: str, number: int, source: SourceRef) -> RawArticle | Failure:
    where = SourceRef(path=f"{source.path}:{number}", url=None, format="jsonl")
    problem, obj = _parse(line)
    if problem is None and isinstance(obj, dict):
        problem = _lone_surrogate(obj)
    if problem is not None:
        return Failure(where, f"line {number}: {problem}")
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
        return Failure(where, f"line {number}: an object with a non-empty string 'text' is required")
    published = _iso_date(obj.get("published"))
    if published is False:
        return Failure(where, f"line {number}: 'published' must be an ISO 8601 date like 2024-02-23, "
                       f"not {obj.get('published')!r}")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    return RawArticle(
        source=SourceRef(path=where.path, url=url, format="jsonl"),
        text=obj["text"],
        title=_str_or_none(obj.get("title")),
        published=published,
        author=_str_or_none(obj.get("author")),
        verbatim=True,
    )


def _parse(line: str) -> tuple[str | None, object]:
    """(None, the parsed value), or (why the line is not JSON, None)."""
    if _SURROGATE.search(line):
        return "not valid UTF-8 (JSON Lines are UTF-8)", None
    try:
        return None, json.loads(line)
    except json.JSONDecodeError as err:
        return f"invalid JSON ({err.msg})", None
    except RecursionError:
        return "JSON nested too deeply", None
    except ValueError as err:  # e.g. an integer of more digits than Python converts
        return f"invalid JSON value ({str(err).split(':')[0]})", None


def _lone_surrogate(obj: dict[str, object]) -> str | None:
    """Why a field used is not Unicode text (a lone surrogate escape like "\\ud800"), or None."""
    for field in _FIELDS:
        value = obj.get(field)
        if isinstance(value, str) and _SURROGATE.search(value):
            return f"'{field}' holds a lone surrogate escape, not Unicode text"
    return None


def _iso_date(value: object) -> str | None | Literal[False]:
    """YYYY-MM-DD from an ISO 8601 date or date-time; None when absent; False when unreadable."""
    text = _str_or_none(value)
    if text is None:
        return None
    try:
        return datetime.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return False


def _str_or_none(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


SUFFIXES = frozenset({"jsonl", "ndjson"})


def sniff_jsonl(sample: Sample) -> int:
    """Content that opens with a JSON object; else a JSON Lines file name."""
    if sample.opens_with(b"{"):
        return CONTENT_LIKELY
    return BY_SUFFIX if sample.suffix in SUFFIXES else NOT_MINE


def _read(payload: Payload) -> Iterator[RawArticle | Failure]:
    return read_jsonl(decode_jsonl(payload.data, payload.source.path or "-"), payload.source)


readers.register("readers.jsonl.v1", func=Reader("jsonl", sniff=sniff_jsonl, read=_read))
