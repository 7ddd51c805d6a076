"""Finding input files, reading their bytes safely, and decoding them.

Inputs are untrusted: decompression is capped (gzip bombs), directory walks never leave the folder
they were given (symlinks pointing outside are refused, symlink loops are detected), and bytes that
are not text are refused with a reason instead of being decoded into noise.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import re
import stat
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from reportedly.errors import InputError
from reportedly.ingest.select import Selection, Skipped

GZIP_MAGIC = b"\x1f\x8b"
# A decoded text with more than this share of control characters is binary, not an article.
MAX_CONTROL_SHARE = 0.01
# Bytes read to sniff a format: enough for an XML prolog plus a doctype and a root element.
SNIFF_BYTES = 4096
READ_CHUNK = 1 << 20

# Bytes with at least this many valid multi-byte UTF-8 characters per stray byte are UTF-8 with a
# legacy-encoded snippet (trafilatura's test pages hold several), not a legacy-encoded text: legacy
# single-byte text almost never forms valid multi-byte UTF-8 sequences.
MIN_UTF8_GOOD_PER_BAD = 1

# In legacy Western text, bytes above ASCII (accents, curly quotes, dashes) are a small share of the
# letters; Cyrillic or Greek in a single-byte code page is nearly all such bytes.
MAX_WESTERN_HIGH_SHARE = 0.25

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_DECLARED = re.compile(rb"""(?:<meta[^>]{0,200}?charset\s*=\s*["']?|<\?xml[^>]{0,100}?encoding\s*=\s*["'])"""
                       rb"([a-zA-Z0-9_.:-]{2,30})", re.IGNORECASE)
_WESTERN_ALIASES = {"latin_1", "iso8859-1", "ascii", "cp1252"}


def display_name(raw: str | os.PathLike[str]) -> str:
    """A path as text that can be stored, compared and shown: bytes of a file name that are not
    UTF-8 (which Python keeps as lone surrogates) become backslash escapes ("caf\\xe9.txt").

    The same file gets the same name on every run, so a recorded failure still matches it.
    """
    text = os.fspath(raw)
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that no file name byte produced
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return data.decode("utf-8", "backslashreplace")


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is ("a FIFO"...), or None for a regular file or folder.

    Reading a FIFO blocks until someone writes to it, a device can be endless: both are refused.
    """
    for test, kind in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else "not a regular file"


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read: its path as the user should see it, and the bytes once read."""

    display: str
    path: Path | None  # None for stdin


def iter_files(
    paths: list[str], selection: Selection | None = None
) -> Iterator[InputFile | InputError | Skipped]:
    """Expand the command line into files: directories recursively, '-' for stdin.

    Directory walks follow symlinks only when they stay inside the directory given, and report
    a loop or an escape as an error for that entry rather than failing the run.

    Args:
        paths: file paths, directory paths, or '-'.
        selection: globs narrowing what a folder walk reads (files named in `paths` are always read);
            README-like, build, code, media and binary files in folders are skipped in any case.

    Yields:
        an InputFile per file, an InputError for an entry that cannot be read, a Skipped for a file
        of a folder that is not an article.
    """
    for raw in paths:
        if raw == "-":
            yield InputFile("-", None)
            continue
        path, name = Path(raw), display_name(raw)
        try:
            mode = path.stat().st_mode
        except OSError as err:
            yield InputError(name, "no such file or directory" if not path.exists() else
                             f"cannot read: {err.strerror or err}")
            continue
        kind = special_kind(mode)
        if kind:
            yield InputError(name, f"{kind}, not a regular file; not read")
        elif stat.S_ISDIR(mode):
            yield from _walk(path, selection or Selection())
        else:
            yield InputFile(name, path)


def _walk(root: Path, selection: Selection) -> Iterator[InputFile | InputError | Skipped]:
    real_root = root.resolve()
    seen_dirs: set[str] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        real = folder.resolve()
        if str(real) in seen_dirs:
            yield InputError(display_name(folder), "symlink loop: this folder was already visited")
            continue
        seen_dirs.add(str(real))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            yield InputError(display_name(folder), f"cannot list folder: {err.strerror or err}")
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path, name = Path(entry.path), display_name(entry.path)
            if entry.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    yield InputError(name, "broken symlink or symlink loop")
                    continue
                if not target.is_relative_to(real_root):
                    yield InputError(name, "symlink points outside the input folder; not followed")
                    continue
            if entry.is_dir(follow_symlinks=True):
                subdirs.append(path)
            elif entry.is_file(follow_symlinks=True):
                reason = selection.skip_reason(path, root)
                yield Skipped(name, reason) if reason else InputFile(name, path)
            else:
                yield _refused(entry, name)
        stack.extend(reversed(subdirs))


def _refused(entry: os.DirEntry[str], name: str) -> InputError:
    """The reason a folder entry that is neither file nor folder is not read (counted, not silent)."""
    try:
        kind = special_kind(entry.stat(follow_symlinks=True).st_mode) or "not a regular file"
    except OSError as err:
        return InputError(name, f"cannot read: {err.strerror or err}")
    return InputError(name, f"{kind}, not a regular file; not read")


def read_bytes(item: InputFile, limit: int, stdin: io.BufferedIOBase | None = None) -> bytes:
    """Read a file's bytes, gunzipping when it is gzip, never past `limit` bytes.

    Raises:
        InputError: empty, unreadable, or larger than `limit` (before or after decompression).
    """
    try:
        if item.path is None:
            stream = stdin if stdin is not None else _stdin()
            data = _read_capped(stream, limit, item.display, "input")
        else:
            # non-blocking, so a FIFO swapped in after the walk looked cannot hang the open
            fd = os.open(item.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
            with open(fd, "rb") as handle:
                kind = special_kind(os.fstat(fd).st_mode)
                if kind:
                    raise InputError(item.display, f"{kind}, not a regular file; not read")
                data = _read_capped(handle, limit, item.display, "file")
    except OSError as err:
        raise InputError(item.display, f"cannot read: {err.strerror or err}") from err
    if data[:2] == GZIP_MAGIC:
        data = gunzip_capped(data, limit, item.display)
    if not data.strip():
        raise InputError(item.display, "empty input")
    return data


def _stdin() -> io.BufferedIOBase:
    import sys

    return sys.stdin.buffer  # type: ignore[return-value]


def _read_capped(stream: io.BufferedIOBase | io.BufferedReader, limit: int, name: str, what: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(name, f"{what} larger than {limit:,} bytes; raise --max-bytes to read it")
    return data


class TruncatedInput(InputError):
    """Compressed input that ends early; `partial` holds what decompressed before the cut.

    A WARC reader still reads the records before the cut; other readers report the whole file.
    """

    def __init__(self, path: str, problem: str, partial: bytes) -> None:
        super().__init__(path, problem)
        self.partial = partial


def gunzip_capped(data: bytes, limit: int, name: str) -> bytes:
    """Decompress gzip data, refusing output past `limit` bytes (a gzip bomb stops early).

    Raises:
        InputError: the output would pass `limit`, or the data is not gzip.
        TruncatedInput: the data ends before the end of the gzip stream.
    """
    out = bytearray()
    gz = gzip.GzipFile(fileobj=io.BytesIO(data))
    try:
        while chunk := gz.read1(READ_CHUNK):
            out += chunk
            if len(out) > limit:
                raise InputError(name, f"decompresses to more than {limit:,} bytes (gzip bomb?); "
                                 "raise --max-bytes to read it")
    except EOFError as err:
        problem = f"truncated gzip data after {len(out):,} bytes ({err})"
        raise TruncatedInput(name, problem, bytes(out)) from err
    except (OSError, zlib.error) as err:
        raise InputError(name, f"corrupt gzip data: {err}") from err
    finally:
        gz.close()
    return bytes(out)


def decode(data: bytes, name: str) -> str:
    """Decode bytes to text, never crashing on a bad byte.

    In order: a byte-order mark; strict UTF-8; the charset the page declares (HTML meta, XML
    prolog); UTF-8 with replacement characters when the bytes are UTF-8 but for a few stray bytes
    (a legacy-encoded ad snippet inside a UTF-8 page); else the encoding charset_normalizer detects,
    cp1252 winning ties among single-byte Western code pages (browsers' default, WHATWG) when the
    bytes read as Western text, refused when they do not (broken UTF-8, noise: never mojibake).

    Raises:
        InputError: the bytes are binary (NUL bytes, control characters) or no encoding fits.
    """
    if b"\x00" in data[:SNIFF_BYTES] and not data.startswith(_UTF16_BOMS):
        raise InputError(name, "binary file (NUL bytes), not text")
    text = _decode_text(data, name)
    sample = text[:SNIFF_BYTES * 4]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > MAX_CONTROL_SHARE:
        raise InputError(name, "binary file (control characters), not text")
    return text


def decode_jsonl(data: bytes, name: str) -> str:
    """Decode JSON Lines, which are UTF-8, so that one bad line fails alone (`ingest.jsonl`).

    Bytes that are not UTF-8 stay as lone surrogates (the reader fails their line); NUL and other
    control bytes are left to the line they are on. Data that does not open with a JSON object
    is checked and decoded like any text.
    """
    body = data.removeprefix(b"\xef\xbb\xbf")
    if body.lstrip()[:1] != b"{":
        return decode(data, name)
    return body.decode("utf-8", "surrogateescape")


def _decode_text(data: bytes, name: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    lenient = data.decode("utf-8", errors="replace")
    if declared == "utf-8" or _is_mostly_utf8(lenient):
        return lenient
    return _detect(data, name)


def declared_charset(data: bytes) -> str | None:
    """The Python codec of the charset a page declares in its first bytes, or None.

    Latin-1 and ASCII declarations read as cp1252, as browsers do (WHATWG Encoding Standard):
    pages that say iso-8859-1 routinely hold cp1252 quotes and dashes.
    """
    match = _DECLARED.search(data[:SNIFF_BYTES * 2])
    if match is None:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return "cp1252" if codec in _WESTERN_ALIASES else codec


def _is_mostly_utf8(lenient: str) -> bool:
    bad = lenient.count("\ufffd")
    good = sum(1 for ch in lenient if ch > "\x7f") - bad
    return good > 0 and good >= MIN_UTF8_GOOD_PER_BAD * bad


def _detect(data: bytes, name: str) -> str:
    western = _plain_western(data)
    if western is not None:
        return western
    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:  # (UTF-16 and -32 need their byte-order mark here: without it, that is a guess)
        raise InputError(name, "not text: no character encoding fits these bytes")
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos]
    if any("cp1252" in m.could_be_from_charset for m in tied):
        return _western(data, name)
    return str(best)


def _plain_western(data: bytes) -> str | None:
    """cp1252 text mostly in ASCII letters, with a few accented letters or typographic quotes and
    dashes (what a legacy Western newsroom writes), or None. Too short a text leaves the statistical
    detector guessing, and it guesses cp437 or Cyrillic for "He said \x93no\x94"."""
    high = sum(1 for byte in data if byte > 0x7F)
    letters = sum(1 for byte in data if 0x41 <= byte <= 0x5A or 0x61 <= byte <= 0x7A)
    if not high or high > MAX_WESTERN_HIGH_SHARE * letters:
        return None
    try:
        return _western(data, "-")
    except InputError:
        return None


def _western(data: bytes, name: str) -> str:
    """cp1252 text, when the bytes are that: every byte defined, every character beyond ASCII a
    letter, a digit or typographic punctuation, and nothing that reads as UTF-8 taken for cp1252
    ("Ã©"). Otherwise the bytes are broken UTF-8 or noise, and decoding them either way would store
    mojibake: they are refused with the reason."""
    bad = _first_invalid_utf8(data)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and not _MOJIBAKE.search(text) and all(_western_char(ch) for ch in set(text) if ch > "\x7f"):
        return text
    raise InputError(name, f"not valid UTF-8 (byte {bad:,}) and not legacy-encoded Western text either; "
                     "save it as UTF-8")


_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                       "\u0192\u02c6\u02dc\u2013-\u2122]")


def _western_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch) in {"Pi", "Pf", "Pd", "Po", "Ps", "Pe", "Sc", "Zs", "No"}


def _first_invalid_utf8(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start
    return 0

