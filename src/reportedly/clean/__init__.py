"""Cleaning: from a RawArticle to the body every later offset indexes into.

Order matters: normalize, drop the title line, drop boilerplate lines, then take the dateline off
the first paragraph (a dateline is only a dateline at the start of the story).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from reportedly.clean.boilerplate import remove_boilerplate
from reportedly.clean.dateline import agency_from_byline, parse_dateline
from reportedly.clean.language import identify_language
from reportedly.clean.normalize import normalize_text
from reportedly.model import CleanArticle, Dateline, RawArticle, Removed

__all__ = ["clean_article", "clean_body", "article_id", "normalize_text", "remove_boilerplate",
           "parse_dateline"]

# Hex digits of the SHA-256 kept in an article id: 64 bits, collision-free at news-archive scale.
ID_HEX_CHARS = 16
# A byline naming the agency ("By Jane Doe, Reuters") is looked for in this many opening lines.
BYLINE_LINES = 3


def article_id(text: str) -> str:
    """A stable id from the article's text: same text, same id, on every machine and run."""
    return "a_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:ID_HEX_CHARS]


def clean_article(raw: RawArticle, clean: bool = True, published: str | None = None) -> CleanArticle:
    """Clean one article.

    Args:
        raw: what a reader produced.
        clean: False keeps verbatim input unchanged (offsets then index into the input file);
            the dateline is still recognized but stays in the text.
        published: the publication date to use when the input carries none.

    Returns:
        the CleanArticle, with every removed line and its reason.
    """
    removed: list[Removed] = []
    if clean or not raw.verbatim:
        text, dateline, removed = clean_body(raw.text, raw.title, raw.author)
    else:
        text = raw.text
        dateline, _ = parse_dateline(_drop_title_line(text.lstrip(), raw.title).lstrip())
    return CleanArticle(
        id=article_id(normalize_text(raw.text)),
        source=raw.source,
        title=raw.title,
        published=raw.published or published,
        language=identify_language(text),
        dateline=dateline,
        text=text,
        removed=tuple(removed),
        author=raw.author,
    )


def clean_body(text: str, title: str | None = None, author: str | None = None
               ) -> tuple[str, Dateline | None, list[Removed]]:
    """Normalize, drop the title line and boilerplate, take the dateline off the first paragraph.

    Repeated to a fixed point, so cleaning a cleaned body changes nothing: taking the dateline off
    can leave a line that is itself boilerplate or a second dateline ("KABUL — KABUL (AP) —").

    Args:
        text: the body as the reader produced it.
        title: the title, dropped when the body repeats it as its first line.
        author: the author from metadata; a line that is only this name is a byline.

    Returns:
        (cleaned body, the dateline or None, removed lines with reasons).
    """
    text = normalize_text(text)
    byline = next((line for line in text.split("\n")[:BYLINE_LINES] if agency_from_byline(line)), None)
    agency = agency_from_byline(byline) if byline else None
    dateline: Dateline | None = None
    removed: list[Removed] = []
    while True:
        text = _drop_title_line(text, title)
        text, gone = remove_boilerplate(text, [author] if author else [])
        removed.extend(gone)
        text = _drop_title_line(normalize_text(text), title)  # the title may surface under boilerplate
        found, consumed = parse_dateline(text)
        if found is None:
            break
        if dateline is None:
            dateline = found
        else:
            removed.append(Removed(text=found.text, reason="repeated dateline"))
        text = text[consumed:]
    if agency and dateline is None:
        dateline = Dateline(text=byline.strip() if byline else "", place=None, country=None, agency=agency)
    elif agency and dateline is not None and dateline.agency is None:
        dateline = replace(dateline, agency=agency)
    return text, dateline, removed


def _drop_title_line(text: str, title: str | None) -> str:
    """Drop every leading line that repeats the title (pages print it twice)."""
    while title:
        first, sep, rest = text.partition("\n")
        if not (sep and first.strip() == title.strip()):
            break
        text = rest.lstrip("\n")
    return text
