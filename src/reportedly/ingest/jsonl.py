"""JSON Lines: one article per line with at least `text`; optional `title`, `url`, `published`."""

from __future__ import annotations

import json
from collections.abc import Iterator

from reportedly.model import Failure, RawArticle, SourceRef
from reportedly.registry import readers


@readers.register("readers.jsonl.v1")
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
        url = obj.get("url") if isinstance(obj.get("url"), str) else None
        yield RawArticle(
            source=SourceRef(path=where.path, url=url, format="jsonl"),
            text=obj["text"],
            title=_str_or_none(obj.get("title")),
            published=_str_or_none(obj.get("published")),
            author=_str_or_none(obj.get("author")),
            verbatim=True,
        )


def _str_or_none(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
