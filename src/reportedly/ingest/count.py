"""How many articles a set of inputs holds, when that can be known cheaply before reading them (for a
progress bar's total and time left): one per plain file or page, one per line of JSON Lines; unknown
(None) for stdin, feeds, WARC archives and compressed multi-article files."""

from __future__ import annotations

from reportedly.errors import InputError
from reportedly.ingest.files import SNIFF_BYTES, InputFile, iter_files
from reportedly.ingest.select import Selection, Skipped
from reportedly.ingest.web import is_url

# Openings of inputs that hold an unknown number of articles: WARC archives, feeds, gzip.
_MANY = (b"warc/", b"<?xml", b"<rss", b"<feed", b"<rdf:rdf", b"\x1f\x8b")


def count_articles(paths: list[str], selection: Selection | None = None) -> int | None:
    """The number of articles in `paths`, or None when some input cannot be counted without reading it.

    Args:
        paths: files, folders or '-', as for `read_inputs`.
        selection: the same globs the run uses.
    """
    if any(is_url(p) for p in paths):
        return None  # a URL may be a page or a feed
    total = 0
    for item in iter_files(paths, selection):
        if isinstance(item, Skipped):
            continue
        if isinstance(item, InputError):
            total += 1  # it will be one failure
            continue
        n = _count_file(item)
        if n is None:
            return None
        total += n
    return total


def _count_file(item: InputFile) -> int | None:
    if item.path is None:
        return None  # stdin
    try:
        with open(item.path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
            if head.lstrip().lower().startswith(_MANY):
                return None
            if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
                return 1
            handle.seek(0)
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 1  # it will be one failure
