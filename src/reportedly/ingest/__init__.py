"""Readers: turn files, folders and stdin into RawArticles, or Failures that say why not.

Each input goes to the registered reader that is surest it is its format (see ingest.reader): the
built-in readers (text, html, feed, jsonl, warc) register when this package is imported, outside
packages through the `reportedly_readers` entry point group. A batch never dies on one bad input:
every problem becomes a Failure naming the file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from reportedly import registry
from reportedly.errors import InputError
from reportedly.ingest import feeds, html, jsonl, text, warc
from reportedly.ingest.files import InputFile, TruncatedInput, iter_files, read_bytes
from reportedly.ingest.reader import NOT_MINE, Payload, Reader, Sample
from reportedly.ingest.select import Selection, Skipped
from reportedly.ingest.web import Fetcher, FetchPolicy, is_url, read_url
from reportedly.model import Failure, RawArticle, SourceRef

log = logging.getLogger(__name__)

# The readers one run chooses among, in the order of their registered names.
Readers = tuple[Reader, ...]

__all__ = ["read_inputs", "read_file", "registered_readers", "choose_reader", "sniff_format",
           "feeds", "html", "jsonl", "text", "warc"]


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
    readers = registered_readers()
    fetcher: Fetcher | None = None
    try:
        for path in paths:
            if is_url(path):
                fetcher = fetcher or Fetcher(replace(fetch or FetchPolicy(), max_bytes=max_bytes))
                yield from read_url(path, fetcher, max_html_bytes,
                                    lambda data, name: choose_reader(data, name, readers))
                continue
            for item in iter_files([path], selection):
                if isinstance(item, Skipped):
                    if on_skip is not None:
                        on_skip(item)
                    continue
                if isinstance(item, InputError):
                    yield Failure(SourceRef(path=item.path, url=None, format="unknown"), item.problem)
                    continue
                yield from read_file(item, max_bytes, max_html_bytes, readers)
    finally:
        if fetcher is not None:
            fetcher.close()


def read_file(item: InputFile, max_bytes: int, max_html_bytes: int = html.MAX_HTML_BYTES,
              readers: Readers | None = None) -> Iterator[RawArticle | Failure]:
    """The articles in one file, read by the reader its content chooses (among `readers`, by default
    every registered one); any error becomes one Failure for the file."""
    readers = registered_readers() if readers is None else readers
    fmt = "unknown"
    try:
        cut: TruncatedInput | None = None
        try:
            data = read_bytes(item, max_bytes)
        except TruncatedInput as err:
            if not choose_reader(err.partial, item.display, readers).partial_ok:
                raise
            data, cut = err.partial, err
        reader = choose_reader(data, item.display, readers)
        fmt = reader.format
        source = SourceRef(path=item.display, url=None, format=fmt)
        yield from reader(Payload(data, source, max_html_bytes, cut=cut.problem if cut else None))
    except InputError as err:
        yield Failure(SourceRef(path=item.display, url=None, format=fmt), err.problem)
    except RecursionError:
        yield Failure(SourceRef(path=item.display, url=None, format=fmt), "markup nested too deeply to parse")
    except Exception as err:  # the input boundary: a reader's bug fails this input, not the run
        log.warning("%s: reading failed: %r", item.display, err)
        yield Failure(SourceRef(path=item.display, url=None, format=fmt),
                      f"reading failed: internal error ({type(err).__name__}); the log has the details")


def registered_readers() -> Readers:
    """Every registered reader (built-in and from entry points), sorted by name.

    Raises:
        TypeError: something registered as a reader is not an ingest.reader.Reader.
    """
    readers: list[Reader] = []
    for name, reader in sorted(registry.readers.get_all().items()):
        if not isinstance(reader, Reader):
            raise TypeError(f"{name} is registered as a reader but is no reportedly.ingest.reader.Reader")
        readers.append(reader)
    return tuple(readers)


def choose_reader(data: bytes, name: str, readers: Readers | None = None) -> Reader:
    """The reader surest that `data` (read from the file `name`) is its format.

    Every reader (of `readers`, by default every registered one) sniffs the same sample; ties go to
    the one whose registered name sorts first.

    Raises:
        InputError: no reader takes the input.
    """
    sample = Sample.of(data, name)
    best: tuple[int, Reader] | None = None
    for reader in registered_readers() if readers is None else readers:
        score = reader.sniff(sample)
        if score > NOT_MINE and (best is None or score > best[0]):
            best = (score, reader)
    if best is None:
        raise InputError(name, "no registered reader takes this input")
    return best[1]


def sniff_format(data: bytes, name: str) -> str:
    """The `source.format` the input would be read as ("html", "feed", ...); see choose_reader."""
    return choose_reader(data, name).format
