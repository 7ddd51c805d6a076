"""RSS and Atom feeds: each item is an article; full content is used when the feed carries it."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

from reportedly.errors import InputError
from reportedly.ingest.html import extract_html
from reportedly.ingest.reader import BY_SUFFIX, CONTENT_CERTAIN, NOT_MINE, Payload, Reader, Sample
from reportedly.model import Failure, RawArticle, SourceRef
from reportedly.registry import readers

# Entity declarations are how "billion laughs" expansion attacks start; no news feed needs them.
_DOCTYPE_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)
_BLANKS = re.compile(r"\s*\n\s*")
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf|channel)[\s>]")
SUFFIXES = frozenset({"rss", "atom", "xml"})


def read_feed(text: str, source: SourceRef) -> Iterator[RawArticle | Failure]:
    """One article per feed item; an item without text is a Failure, not a silent drop.

    Raises:
        InputError: the feed declares XML entities (expansion attack) or holds no items.
    """
    name = source.path or "-"
    if _DOCTYPE_ENTITY.search(text):
        raise InputError(name, "feed declares XML entities (possible entity-expansion attack); refused")
    import feedparser  # here: only a feed pays for importing it

    parsed = feedparser.parse(text, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        problem = str(parsed.get("bozo_exception") or "no items")
        raise InputError(name, f"not a usable RSS/Atom feed: {problem}")
    for index, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or None
        where = SourceRef(path=f"{source.path}#{index}", url=link, format="feed")
        html = _entry_html(entry)
        if not html:
            yield Failure(where, f"item {index}: no content or summary")
            continue
        try:
            body, author = _item_text(html, where, link)
        except InputError as err:
            yield Failure(where, f"item {index}: {err.problem}")
            continue
        yield RawArticle(
            source=where,
            text=body,
            title=entry.get("title") or None,
            published=_entry_date(entry),
            author=entry.get("author") or author,
        )


def _item_text(html: str, where: SourceRef, link: str | None) -> tuple[str, str | None]:
    """An item's text: trafilatura's, or the markup's plain text when trafilatura finds the item too short.

    Feed items are the article already (no navigation to strip), and trafilatura refuses texts below
    its minimum size, so a one-paragraph item would otherwise be lost.
    """
    try:
        article = extract_html(f"<html><body><article>{html}</article></body></html>", where, link)
        return article.text, article.author
    except InputError:
        import lxml.html

        fragment = lxml.html.fragment_fromstring(html, create_parent="div") if "<" in html else None
        text = _BLANKS.sub("\n", fragment.text_content() if fragment is not None else html).strip()
        if not text:
            raise
        return text, None


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary", "") or ""
    return best if len(best) >= len(summary) else summary


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


def sniff_feed(sample: Sample) -> int:
    """An XML document with an RSS, Atom or RDF root near the top; else a feed's file name."""
    if sample.opens_as_xml() and _FEED_ROOT.search(sample.head):
        return CONTENT_CERTAIN
    return BY_SUFFIX if sample.suffix in SUFFIXES else NOT_MINE


def _read(payload: Payload) -> Iterator[RawArticle | Failure]:
    return read_feed(payload.text(), payload.source)


readers.register("readers.feed.v1", func=Reader("feed", sniff=sniff_feed, read=_read))
