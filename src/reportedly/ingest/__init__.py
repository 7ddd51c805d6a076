"""Readers: turn files, folders and stdin into RawArticles, or Failures that say why not.

A batch never dies on one bad input: every problem becomes a Failure naming the file.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import Any

from reportedly.errors import InputError
from reportedly.ingest import jsonl, text
from reportedly.ingest.files import InputFile, TruncatedInput, decode, iter_files, read_bytes, sniff_format
from reportedly.model import Failure, RawArticle, SourceRef

__all__ = ["read_inputs", "read_file", "feeds", "html", "jsonl", "text", "warc"]

# The HTML, feed and WARC readers import trafilatura, feedparser, lxml and warcio (0.2-0.3 s of CPU):
# they are imported when an input of theirs arrives, so a run over plain text never pays for them.
_LAZY_READERS = ("feeds", "html", "warc")
# reportedly.ingest.html.MAX_HTML_BYTES (tests/ingest/test_html.py checks they agree).
MAX_HTML_BYTES = 10 * 1024 * 1024


def __getattr__(name: str) -> Any:
    if name in _LAZY_READERS:
        return importlib.import_module(f"reportedly.ingest.{name}")
    raise AttributeError(f"module 'reportedly.ingest' has no attribute {name!r}")


def read_inputs(paths: Iterable[str], max_bytes: int,
                max_html_bytes: int = MAX_HTML_BYTES) -> Iterator[RawArticle | Failure]:
    """Every article in the given paths, in order; problems become Failures.

    Args:
        paths: files, folders (read recursively) or '-' for stdin; `.gz` works for every format.
        max_bytes: the most bytes one input may hold after decompression.
        max_html_bytes: the largest HTML page (or WARC record) handed to the HTML extractor.

    Yields:
        RawArticle for each article read, Failure for each input (or item) that could not be.
    """
    for item in iter_files(list(paths)):
        if isinstance(item, InputError):
            yield Failure(SourceRef(path=item.path, url=None, format="unknown"), item.problem)
            continue
        yield from read_file(item, max_bytes, max_html_bytes)


def read_file(item: InputFile, max_bytes: int,
              max_html_bytes: int = MAX_HTML_BYTES) -> Iterator[RawArticle | Failure]:
    """The articles in one file, chosen by content; any error becomes one Failure for the file."""
    fmt = "unknown"
    try:
        cut: TruncatedInput | None = None
        try:
            data = read_bytes(item, max_bytes)
        except TruncatedInput as err:
            if sniff_format(err.partial, item.display) != "warc":
                raise
            data, cut = err.partial, err
        fmt = sniff_format(data, item.display)
        source = SourceRef(path=item.display, url=None, format=fmt)
        if fmt == "warc":
            from reportedly.ingest import warc

            yield from warc.read_warc(data, source, max_html_bytes, cut=cut.problem if cut else None)
            return
        content = decode(data, item.display)
        if fmt == "html":
            from reportedly.ingest import html

            yield from html.read_html(content, source, max_html_bytes)
            return
        if fmt == "feed":
            from reportedly.ingest import feeds

            yield from feeds.read_feed(content, source)
            return
        yield from (jsonl.read_jsonl if fmt == "jsonl" else text.read_text)(content, source)
    except InputError as err:
        yield Failure(SourceRef(path=item.display, url=None, format=fmt), err.problem)
    except RecursionError:
        yield Failure(SourceRef(path=item.display, url=None, format=fmt), "markup nested too deeply to parse")
