"""WARC archives: each HTML response record is an article; a truncated archive fails where it breaks."""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from reportedly.errors import InputError
from reportedly.ingest.files import decode
from reportedly.ingest.html import extract_html
from reportedly.model import Failure, RawArticle, SourceRef
from reportedly.registry import readers


@readers.register("readers.warc.v1")
def read_warc(data: bytes, source: SourceRef) -> Iterator[RawArticle | Failure]:
    """One article per HTML response record; other records are skipped as not articles."""
    name = source.path or "-"
    count = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            count += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = SourceRef(path=f"{name}#{count}", url=url, format="warc")
            try:
                html = decode(record.content_stream().read(), where.path or name)
                yield extract_html(html, where, url)
            except InputError as err:
                yield Failure(where, f"record {count} ({url}): {err.problem}")
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as err:
        yield Failure(SourceRef(path=name, url=None, format="warc"),
                      f"truncated or corrupt WARC after {count} HTML records: {err}")
