"""HTML pages: trafilatura for the main text, title and author; htmldate for the publication date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reportedly.errors import InputError
from reportedly.ingest.reader import BY_SUFFIX, CONTENT_MARKUP, NOT_MINE, Payload, Reader, Sample
from reportedly.model import RawArticle, SourceRef
from reportedly.registry import readers

# Largest page handed to trafilatura and htmldate. Their time grows with page size (a 50 MB page
# takes minutes), while real news pages, inline scripts included, stay well under 5 MB; the
# default of Settings.max_html_bytes, kept equal here for callers without Settings.
MAX_HTML_BYTES = 10 * 1024 * 1024

# trafilatura's own quality-gate options (tests/eval_common.py): the precise extractor with its
# fallbacks (fast=False) and tables kept; tables hold real article text (results, figures) on
# trafilatura's evaluation set. Comments are reader comments, never the article.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "fast": False,
    "include_comments": False,
    "include_tables": True,
    "include_formatting": False,
}


# libxml2's HTML parser (lxml, under trafilatura) drops what lies deeper than this many elements, so
# a page nested deeper "has no text". Such a page is read again with its layout wrappers removed.
MAX_PARSE_DEPTH = 255
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)
_WRAPPERS = re.compile(r"</?(?:div|span|section|font|center|main|article|aside|b|i|u|em|strong|small|big)"
                       r"(?:\s[^>]*)?>", re.IGNORECASE)


def nesting_depth(html: str) -> int:
    """How deep the page's elements nest (a tag scan: unclosed void elements do not count)."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(html):
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and name.lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def read_html(text: str, source: SourceRef, max_bytes: int = MAX_HTML_BYTES) -> Iterator[RawArticle]:
    """One article from an HTML page.

    Raises:
        InputError: the page is larger than `max_bytes`, or no main text could be found in it.
    """
    yield extract_html(text, source, max_bytes=max_bytes)


def extract_html(html: str, source: SourceRef, url: str | None = None,
                 max_bytes: int = MAX_HTML_BYTES) -> RawArticle:
    """The main text and metadata of one page (shared by the HTML, feed and WARC readers).

    Args:
        html: the decoded page.
        source: where it came from (named in errors).
        url: the page's URL when known (helps the date and relative links).
        max_bytes: refuse pages longer than this many characters (see MAX_HTML_BYTES).

    Raises:
        InputError: the page is too large, or has no main text.
    """
    name = source.path or source.url or "-"
    if len(html) > max_bytes:
        raise InputError(name, f"HTML page of {len(html):,} characters is larger than the "
                         f"{max_bytes:,} extracted (max_html_bytes); not an article page")
    import trafilatura  # here: importing it costs 0.2 s, paid only when HTML arrives

    url = url or source.url
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **TRAFILATURA_OPTIONS)
    body = getattr(doc, "text", None) if doc is not None else None
    if (not body or not body.strip()) and nesting_depth(html) > MAX_PARSE_DEPTH:
        doc = trafilatura.bare_extraction(_WRAPPERS.sub("", html), url=url, with_metadata=True,
                                          **TRAFILATURA_OPTIONS)
        body = getattr(doc, "text", None) if doc is not None else None
        if not body or not body.strip():
            raise InputError(name, f"HTML nested more than {MAX_PARSE_DEPTH} elements deep: no article "
                             "text could be parsed out of it")
    if not body or not body.strip():
        raise InputError(name, "no article text found in the HTML page")
    return RawArticle(
        source=source,
        text=body,
        title=getattr(doc, "title", None) or None,
        published=find_published(html, url),
        author=getattr(doc, "author", None) or None,
    )


def find_published(html: str, url: str | None = None) -> str | None:
    """The publication date of a page (YYYY-MM-DD), or None when htmldate finds none.

    htmldate's extensive mode (text patterns as well as markup) looking for the original date,
    not the last update: a claim is dated by when it was first published.
    """
    from htmldate import find_date

    return find_date(html, url=url, extensive_search=True, original_date=True) or None


# An element every page has near its top, looked for in the first kilobyte of the sample.
_PAGE_TAG = re.compile(rb"<(html|head|body|article|div|p)[\s>]")
PAGE_TAG_BYTES = 1024
SUFFIXES = frozenset({"html", "htm"})


def sniff_html(sample: Sample) -> int:
    """An HTML doctype or root, an XML document holding <html>, or a page element near the top; else
    an HTML file name. (An XML feed root outranks all of these: see ingest.feeds.sniff_feed.)"""
    head = sample.head
    if sample.opens_as_xml() and b"<html" in head:
        return CONTENT_MARKUP
    if sample.opens_with(b"<!doctype html", b"<html") or _PAGE_TAG.search(head[:PAGE_TAG_BYTES]):
        return CONTENT_MARKUP
    return BY_SUFFIX if sample.suffix in SUFFIXES else NOT_MINE


def _read(payload: Payload) -> Iterator[RawArticle]:
    return read_html(payload.text(), payload.source, payload.max_html_bytes)


readers.register("readers.html.v1", func=Reader("html", sniff=sniff_html, read=_read))
