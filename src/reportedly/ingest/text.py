"""Plain-text articles: the first line is the title when a blank line follows it (as in the seed)."""

from __future__ import annotations

from collections.abc import Iterator

from reportedly.ingest.reader import FALLBACK, SUFFIX_WITHOUT_MARKUP, Payload, Reader, Sample
from reportedly.model import RawArticle, SourceRef
from reportedly.registry import readers

# A first line longer than this is a paragraph, not a headline.
MAX_TITLE_CHARS = 300
# Names of markup files: one that holds no '<' is the plain text it is.
MARKUP_SUFFIXES = frozenset({"html", "htm", "rss", "atom", "xml"})


def read_text(text: str, source: SourceRef) -> Iterator[RawArticle]:
    """One article from plain text.

    The title is recognized only when the first line is followed by a blank line. The text is kept
    whole (title line included): cleaning drops the title line, and with cleaning off every
    offset indexes into the file as read.
    """
    title, _body = split_title(text)
    yield RawArticle(source=source, text=text, title=title, verbatim=True)


def split_title(text: str) -> tuple[str | None, str]:
    """("Title", body) when the text opens with one short line and a blank line, else (None, text)."""
    stripped = text.lstrip("\ufeff")
    first, sep, rest = stripped.partition("\n")
    if sep and first.strip() and len(first) <= MAX_TITLE_CHARS and rest.lstrip(" \t\r").startswith("\n"):
        return first.strip(), rest
    return None, text


def sniff_text(sample: Sample) -> int:
    """Any input is text at worst; a markup file name over content with no markup is text for sure."""
    if b"<" not in sample.head and sample.suffix in MARKUP_SUFFIXES:
        return SUFFIX_WITHOUT_MARKUP
    return FALLBACK


def _read(payload: Payload) -> Iterator[RawArticle]:
    return read_text(payload.text(), payload.source)


readers.register("readers.text.v1", func=Reader("text", sniff=sniff_text, read=_read))
