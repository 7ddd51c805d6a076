"""HTML pages: trafilatura for the main text, title and author; htmldate for the publication date."""

from __future__ import annotations

from collections.abc import Iterator

import trafilatura
from htmldate import find_date

from reportedly.errors import InputError
from reportedly.model import RawArticle, SourceRef
from reportedly.registry import readers


@readers.register("readers.html.v1")
def read_html(text: str, source: SourceRef) -> Iterator[RawArticle]:
    """One article from an HTML page.

    Raises:
        InputError: no main text could be found in the page.
    """
    yield extract_html(text, source)


def extract_html(html: str, source: SourceRef, url: str | None = None) -> RawArticle:
    """The main text and metadata of one page (shared by the HTML, feed and WARC readers)."""
    doc = trafilatura.bare_extraction(
        html, url=url or source.url, with_metadata=True, include_comments=False, include_tables=False
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise InputError(source.path or source.url or "-", "no article text found in the HTML page")
    published = find_date(html, url=url or source.url, extensive_search=True, original_date=True)
    return RawArticle(
        source=source,
        text=body,
        title=getattr(doc, "title", None) or None,
        published=published or None,
        author=getattr(doc, "author", None) or None,
    )
