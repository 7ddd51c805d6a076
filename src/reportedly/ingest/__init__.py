"""Readers: turn files, folders and stdin into RawArticles, or Failures that say why not.

A batch never dies on one bad input: every problem becomes a Failure naming the file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from reportedly.errors import InputError
from reportedly.ingest import feeds, html, jsonl, text, warc
from reportedly.ingest.files import (
    InputFile,
    TruncatedInput,
    decode,
    decode_jsonl,
    iter_files,
    read_bytes,
    sniff_format,
)
from reportedly.model import Failure, RawArticle, SourceRef

log = logging.getLogger(__name__)

__all__ = ["read_inputs", "read_file", "feeds", "html", "jsonl", "text", "warc"]

_TEXT_READERS = {
    "text": text.read_text,
    "feed": feeds.read_feed,
    "jsonl": jsonl.read_jsonl,
}


def read_inputs(paths: Iterable[str], max_bytes: int,
                max_html_bytes: int = html.MAX_HTML_BYTES) -> Iterator[RawArticle | Failure]:
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
              max_html_bytes: int = html.MAX_HTML_BYTES) -> Iterator[RawArticle | Failure]:
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
            yield from warc.read_warc(data, source, max_html_bytes, cut=cut.problem if cut else None)
            return
        content = decode_jsonl(data, item.display) if fmt == "jsonl" else decode(data, item.display)
        if fmt == "html":
            yield from html.read_html(content, source, max_html_bytes)
            return
        yield from _TEXT_READERS[fmt](content, source)
    except InputError as err:
        yield Failure(SourceRef(path=item.display, url=None, format=fmt), err.problem)
    except RecursionError:
        yield Failure(SourceRef(path=item.display, url=None, format=fmt), "markup nested too deeply to parse")
    except Exception as err:  # the input boundary: a reader's bug fails this input, not the run
        log.warning("%s: reading failed: %r", item.display, err)
        yield Failure(SourceRef(path=item.display, url=None, format=fmt),
                      f"reading failed: internal error ({type(err).__name__}); the log has the details")
