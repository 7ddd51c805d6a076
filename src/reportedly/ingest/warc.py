"""WARC archives: each HTML response record is an article; a truncated archive fails where it breaks.

Records before the break still come out. A record is truncated when the archive ends before the
bytes its Content-Length promised (warcio then hands over a short record without complaint), or when
the gzip stream around the archive was cut (the caller passes `cut`).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from reportedly.errors import InputError
from reportedly.ingest.files import decode
from reportedly.ingest.html import MAX_HTML_BYTES, extract_html
from reportedly.ingest.reader import BY_SUFFIX, CONTENT_CERTAIN, NOT_MINE, Payload, Reader, Sample
from reportedly.model import Failure, RawArticle, SourceRef
from reportedly.registry import readers

# warcio trips over record headers cut in half with these (a missing WARC-Target-URI is None).
_WARCIO_CUT_HEADER = (AttributeError, IndexError, KeyError)


class _Truncated(Exception):
    """A record ended before its Content-Length."""


def read_warc(data: bytes, source: SourceRef, max_html_bytes: int = MAX_HTML_BYTES,
              cut: str | None = None) -> Iterator[RawArticle | Failure]:
    """One article per HTML response record; other records are skipped as not articles.

    Args:
        data: the archive, decompressed.
        source: the archive's file.
        max_html_bytes: records with a larger HTML payload fail (see reportedly.ingest.html).
        cut: why the archive's bytes are known to end early (truncated gzip), if they do.

    Yields:
        a RawArticle per HTML record, a Failure per record that has no article text, and one
        Failure for the archive when it is truncated or corrupt, after the records before the break.
    """
    from warcio.exceptions import ArchiveLoadFailed  # here: only a WARC pays for importing warcio

    name = source.path or "-"
    count = 0
    try:
        for record, url in _records(data):
            count += 1
            where = SourceRef(path=f"{name}#{count}", url=url, format="warc")
            try:
                yield extract_html(decode(record, where.path or name), where, url, max_bytes=max_html_bytes)
            except InputError as err:
                yield Failure(where, f"record {count} ({url}): {err.problem}")
    except (_Truncated, ArchiveLoadFailed, EOFError, OSError, ValueError, *_WARCIO_CUT_HEADER) as err:
        yield Failure(SourceRef(path=name, url=None, format="warc"),
                      f"truncated or corrupt WARC after {count} HTML records: {err}")
        return
    if cut:
        yield Failure(SourceRef(path=name, url=None, format="warc"),
                      f"truncated WARC after {count} HTML records: {cut}")


def _records(data: bytes) -> Iterator[tuple[bytes, str | None]]:
    """(payload, target URI) of each complete HTML response record, in order.

    warcio hands over a record cut short, and ends quietly at a header cut in half, so each
    record's length is checked against its Content-Length, and the end of the last record read
    against the end of the data.

    Raises:
        _Truncated: a record is cut short, or bytes are left after the last complete record.
    """
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(io.BytesIO(data))
    end = 0
    for record in records:
        if record.length is None:
            raise _Truncated(f"a {record.rec_type} record has no Content-Length (header cut short?)")
        wanted = _is_html_response(record)
        payload = record.content_stream().read() if wanted else b""
        records.read_to_end(record)
        if getattr(record.raw_stream, "limit", 0) > 0:
            raise _Truncated(f"a {record.rec_type} record is cut short")
        end = records.get_record_offset() + records.get_record_length()
        if wanted:
            yield payload, record.rec_headers.get_header("WARC-Target-URI")
    if end < len(data.rstrip(b"\r\n")):
        raise _Truncated(f"{len(data.rstrip()) - end:,} bytes after the last complete record")


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    return "html" in (record.http_headers.get_header("Content-Type") or "").lower()


def sniff_warc(sample: Sample) -> int:
    """A WARC record header first ('WARC/1.0'); else a .warc file name."""
    if sample.opens_with(b"warc/"):
        return CONTENT_CERTAIN
    return BY_SUFFIX if sample.suffix == "warc" else NOT_MINE


def _read(payload: Payload) -> Iterator[RawArticle | Failure]:
    return read_warc(payload.data, payload.source, payload.max_html_bytes, cut=payload.cut)


readers.register("readers.warc.v1", func=Reader("warc", sniff=sniff_warc, read=_read, partial_ok=True))
