"""Cleaning: from a RawArticle to the body every later offset indexes into.

Order matters: normalize, drop the title line, drop boilerplate lines, then take the dateline off
the first paragraph (a dateline is only a dateline at the start of the story).
"""

from __future__ import annotations

import hashlib

from reportedly.clean.boilerplate import remove_boilerplate
from reportedly.clean.dateline import parse_dateline
from reportedly.clean.language import identify_language
from reportedly.clean.normalize import normalize_text
from reportedly.model import CleanArticle, RawArticle, Removed

__all__ = ["clean_article", "article_id", "normalize_text", "remove_boilerplate", "parse_dateline"]

# Hex digits of the SHA-256 kept in an article id: 64 bits, collision-free at news-archive scale.
ID_HEX_CHARS = 16


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
        text = normalize_text(raw.text)
        text = _drop_title_line(text, raw.title)
        text, removed = remove_boilerplate(text, [raw.author] if raw.author else [])
        text = normalize_text(text)
        dateline, consumed = parse_dateline(text)
        text = text[consumed:].lstrip()
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


def _drop_title_line(text: str, title: str | None) -> str:
    if title:
        first, sep, rest = text.partition("\n")
        if sep and first.strip() == title.strip():
            return rest.lstrip("\n")
    return text
