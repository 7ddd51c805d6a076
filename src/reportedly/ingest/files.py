"""Finding input files, reading their bytes safely, decoding them, and sniffing their format.

Inputs are untrusted: decompression is capped (gzip bombs), directory walks never leave the folder
they were given (symlinks pointing outside are refused, symlink loops are detected), and bytes that
are not text are refused with a reason instead of being decoded into noise.
"""

from __future__ import annotations

import gzip
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from reportedly.errors import InputError

GZIP_MAGIC = b"\x1f\x8b"
# A decoded text with more than this share of control characters is binary, not an article.
MAX_CONTROL_SHARE = 0.01
# Bytes read to sniff a format: enough for an XML prolog plus a doctype and a root element.
SNIFF_BYTES = 4096
READ_CHUNK = 1 << 20

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read: its path as the user should see it, and the bytes once read."""

    display: str
    path: Path | None  # None for stdin


def iter_files(paths: list[str]) -> Iterator[InputFile | InputError]:
    """Expand the command line into files: directories recursively, '-' for stdin.

    Directory walks follow symlinks only when they stay inside the directory given, and report
    a loop or an escape as an error for that entry rather than failing the run.

    Args:
        paths: file paths, directory paths, or '-'.

    Yields:
        an InputFile per file, or an InputError for an entry that cannot be read.
    """
    for raw in paths:
        if raw == "-":
            yield InputFile("-", None)
            continue
        path = Path(raw)
        if not path.exists():
            yield InputError(raw, "no such file or directory")
        elif path.is_dir():
            yield from _walk(path)
        else:
            yield InputFile(raw, path)


def _walk(root: Path) -> Iterator[InputFile | InputError]:
    real_root = root.resolve()
    seen_dirs: set[str] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        real = folder.resolve()
        if str(real) in seen_dirs:
            yield InputError(str(folder), "symlink loop: this folder was already visited")
            continue
        seen_dirs.add(str(real))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            yield InputError(str(folder), f"cannot list folder: {err.strerror or err}")
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    yield InputError(str(path), "broken symlink or symlink loop")
                    continue
                if not target.is_relative_to(real_root):
                    yield InputError(str(path), "symlink points outside the input folder; not followed")
                    continue
            if entry.is_dir(follow_symlinks=True):
                subdirs.append(path)
            elif entry.is_file(follow_symlinks=True):
                yield InputFile(str(path), path)
        stack.extend(reversed(subdirs))


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
            with open(item.path, "rb") as handle:
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


def gunzip_capped(data: bytes, limit: int, name: str) -> bytes:
    """Decompress gzip data, refusing output past `limit` bytes (a gzip bomb stops early)."""
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            while chunk := gz.read(READ_CHUNK):
                out += chunk
                if len(out) > limit:
                    raise InputError(name, f"decompresses to more than {limit:,} bytes (gzip bomb?)")
    except (OSError, EOFError) as err:
        raise InputError(name, f"corrupt gzip data: {err}") from err
    return bytes(out)


def decode(data: bytes, name: str) -> str:
    """Decode bytes to text: UTF-8 (with or without BOM) first, else the detected legacy encoding.

    Raises:
        InputError: the bytes are binary (NUL bytes, control characters) or no encoding fits.
    """
    if b"\x00" in data[:SNIFF_BYTES] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(name, "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise InputError(name, "not text: no character encoding fits these bytes") from None
        text = str(best)
    sample = text[:SNIFF_BYTES * 4]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > MAX_CONTROL_SHARE:
        raise InputError(name, "binary file (control characters), not text")
    return text


def sniff_format(data: bytes, name: str) -> str:
    """Choose a reader by content, with the extension only as a tie-breaker.

    Returns:
        one of "warc", "feed", "html", "jsonl", "text".
    """
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed") or head.startswith(
        b"<rdf:rdf"
    ):
        if re.search(rb"<(rss|feed|rdf:rdf|channel)[\s>]", head):
            return "feed"
        if b"<html" in head:
            return "html"
    if head.startswith(b"<!doctype html") or head.startswith(b"<html") or re.search(
        rb"<(html|head|body|article|div|p)[\s>]", head[:1024]
    ):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    suffix = name.lower().removesuffix(".gz").rsplit(".", 1)[-1]
    return {"warc": "warc", "jsonl": "jsonl", "ndjson": "jsonl", "html": "html", "htm": "html",
            "rss": "feed", "atom": "feed", "xml": "feed"}.get(suffix, "text")
