"""Readers: turn files, folders and stdin into RawArticles, or Failures that say why not.

A batch never dies on one bad input: every problem becomes a Failure naming the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from reportedly.errors import InputError
from reportedly.ingest import feeds, html, jsonl, text, warc
from reportedly.ingest.files import InputFile, TruncatedInput, decode, iter_files, read_bytes, sniff_format
from reportedly.ingest.select import Selection, Skipped
from reportedly.ingest.web import Fetcher, FetchPolicy, is_url, read_url
from reportedly.model import Failure, RawArticle, SourceRef

__all__ = ["read_inputs", "read_file", "feeds", "html", "jsonl", "text", "warc"]

_TEXT_READERS = {
    "text": text.read_text,
    "feed": feeds.read_feed,
    "jsonl": jsonl.read_jsonl,
}


def read_inputs(paths: Iterable[str], max_bytes: int,
                max_html_bytes: int = html.MAX_HTML_BYTES, *, selection: Selection | None = None,
                on_skip: Callable[[Skipped], None] | None = None,
                fetch: FetchPolicy | None = None) -> Iterator[RawArticle | Failure]:
    """Every article in the given paths, in order; problems become Failures.

    Args:
        paths: files, folders (read recursively) or '-' for stdin; `.gz` works for every format.
        max_bytes: the most bytes one input may hold after decompression.
        max_html_bytes: the largest HTML page (or WARC record) handed to the HTML extractor.
        selection: `--include`/`--exclude` globs for folder walks (see `reportedly.ingest.select`).
        on_skip: called with each file of a folder that is not read (README, binary...) and why.
        fetch: how http(s) URLs among `paths` are fetched (`reportedly.ingest.web`; default policy).

    Yields:
        RawArticle for each article read, Failure for each input (or item) that could not be.
    """
    fetcher: Fetcher | None = None
    try:
        for path in paths:
            if is_url(path):
                fetcher = fetcher or Fetcher(replace(fetch or FetchPolicy(), max_bytes=max_bytes))
                yield from read_url(path, fetcher, max_html_bytes)
                continue
            for item in iter_files([path], selection):
                if isinstance(item, Skipped):
                    if on_skip is not None:
                        on_skip(item)
                    continue
                if isinstance(item, InputError):
                    yield Failure(SourceRef(path=item.path, url=None, format="unknown"), item.problem)
                    continue
                yield from read_file(item, max_bytes, max_html_bytes)
    finally:
        if fetcher is not None:
            fetcher.close()


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
        content = decode(data, item.display)
        if fmt == "html":
            yield from html.read_html(content, source, max_html_bytes)
            return
        yield from _TEXT_READERS[fmt](content, source)
    except InputError as err:
        yield Failure(SourceRef(path=item.display, url=None, format=fmt), err.problem)
    except RecursionError:
        yield Failure(SourceRef(path=item.display, url=None, format=fmt), "markup nested too deeply to parse")
