"""JSON Lines: one article per line with at least `text`; optional `title`, `url`, `published`, `author`.

`published` is an ISO 8601 date or date-time, kept as its date (YYYY-MM-DD, the contract's form).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Literal

from reportedly.ingest.reader import BY_SUFFIX, CONTENT_LIKELY, NOT_MINE, Payload, Reader, Sample
from reportedly.model import Failure, RawArticle, SourceRef
from reportedly.registry import readers


def read_jsonl(text: str, source: SourceRef) -> Iterator[RawArticle | Failure]:
    """One article per non-blank line; a bad line is a Failure naming its line number."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = SourceRef(path=f"{source.path}:{number}", url=None, format="jsonl")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Failure(where, f"line {number}: invalid JSON ({err.msg})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            yield Failure(where, f"line {number}: an object with a non-empty string 'text' is required")
            continue
        published = _iso_date(obj.get("published"))
        if published is False:
            yield Failure(where, f"line {number}: 'published' must be an ISO 8601 date like 2024-02-23, "
                          f"not {obj.get('published')!r}")
            continue
        url = obj.get("url") if isinstance(obj.get("url"), str) else None
        yield RawArticle(
            source=SourceRef(path=where.path, url=url, format="jsonl"),
            text=obj["text"],
            title=_str_or_none(obj.get("title")),
            published=published,
            author=_str_or_none(obj.get("author")),
            verbatim=True,
        )


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
    return read_jsonl(payload.text(), payload.source)


readers.register("readers.jsonl.v1", func=Reader("jsonl", sniff=sniff_jsonl, read=_read))
