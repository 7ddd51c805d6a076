"""What every reader is: one signature, its own sniffing, registered by name.

A reader is a `Reader` registered under the `readers` kind (`readers.<name>.vN`). For each input the
ingest stage asks every registered reader how sure it is that the bytes are its format (`sniff`, on a
`Sample` of the first bytes and the file name's suffix), hands the bytes to the surest (`read`, on a
`Payload`), and names the reader's `format` in every record's `source.format`. A new format is one
module with a `Reader` and its registration, in this package or in another distribution (entry point
group `reportedly_readers`); nothing else to edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reportedly.ingest.files import SNIFF_BYTES, decode
from reportedly.model import Failure, RawArticle, SourceRef

# How sure a reader is that an input is its format. The surest reader reads it; ties go to the
# reader whose registered name sorts first. The levels keep the built-in readers' order of old:
# a signature, then markup, then other content, then the file name.
NOT_MINE = 0
FALLBACK = 1  # plain text: reads anything that decodes
BY_SUFFIX = 40  # the file name says so ("x.jsonl"), the content does not say otherwise
SUFFIX_WITHOUT_MARKUP = 50  # the name says markup ("x.html"), the content has no '<': plain text
CONTENT_LIKELY = 80  # the content looks like the format (a leading '{')
CONTENT_MARKUP = 90  # HTML markup at the top (a doctype, an <html> root, a <p> or <div> tag)
CONTENT_CERTAIN = 100  # the format's own signature ('WARC/', an XML feed root)

_LEADING = b"\xef\xbb\xbf \t\r\n"
XML_OPENINGS = (b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")


@dataclass(frozen=True, slots=True)
class Sample:
    """What a reader sniffs: the input's first bytes, lower-cased with any BOM and blanks before them
    dropped, and the file name's suffix (lower case, without `.gz`; '' when there is none)."""

    head: bytes
    suffix: str

    @classmethod
    def of(cls, data: bytes, name: str) -> Sample:
        """The sample of `data` read from the file called `name`."""
        head = data[:SNIFF_BYTES].lstrip(_LEADING).lower()
        base = name.lower().removesuffix(".gz").rsplit("/", 1)[-1]
        return cls(head=head, suffix=base.rsplit(".", 1)[-1] if "." in base else "")

    def opens_as_xml(self) -> bool:
        """Whether the head opens like an XML document (a prolog, or a feed's root element)."""
        return self.head.startswith(XML_OPENINGS)

    def opens_with(self, *prefixes: bytes) -> bool:
        """Whether the head starts with any of `prefixes` (lower case)."""
        return self.head.startswith(prefixes)


@dataclass(frozen=True, slots=True)
class Payload:
    """One input as every reader receives it.

    Attributes:
        data: the bytes, decompressed (only the part before the break when `cut` is set).
        source: where they came from; `format` is the reader's.
        max_html_bytes: the largest HTML page (or record) a reader hands to the HTML extractor.
        cut: why the bytes end early (truncated gzip), for readers that accept partial input.
    """

    data: bytes
    source: SourceRef
    max_html_bytes: int
    cut: str | None = None

    def text(self) -> str:
        """The bytes decoded (BOM, UTF-8, declared charset, detection; see ingest.files.decode).

        Raises:
            InputError: the bytes are binary, or no encoding fits.
        """
        return decode(self.data, self.source.path or "-")


@dataclass(frozen=True, slots=True)
class Reader:
    """A registered reader.

    Attributes:
        format: the value of `source.format` for what it reads ("html", "feed", ...).
        sniff: how sure it is that a sample is its format (NOT_MINE ... CONTENT_CERTAIN).
        read: the articles in one input; a bad item is a Failure, a bad input raises InputError.
        partial_ok: it reads the part of a truncated input before the break (else the input fails).
    """

    format: str
    sniff: Callable[[Sample], int]
    read: Callable[[Payload], Iterator[RawArticle | Failure]]
    partial_ok: bool = False

    def __call__(self, payload: Payload) -> Iterator[RawArticle | Failure]:
        """Read one input (see `read`)."""
        return self.read(payload)
