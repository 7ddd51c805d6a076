"""Finding, reading, decoding and sniffing inputs: gzip, caps, encodings, folders, symlinks, stdin."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from reportedly.errors import InputError
from reportedly.ingest import read_inputs, sniff_format
from reportedly.ingest.files import InputFile, declared_charset, decode, iter_files, read_bytes
from reportedly.model import Failure, RawArticle
from tests.conftest import FIXTURES

INPUTS = FIXTURES / "inputs"
# Legacy-encoded news text: curly quotes and dashes (cp1252), accents (latin-1), Cyrillic (cp1251).
LEGACY = {
    "cp1252": "WASHINGTON \u2014 The senator said \u201cwe will not back down\u201d on Tuesday, according "
              "to a caf\u00e9 owner\u2019s account.\n\nShe added that the na\u00efve plan would fail.",
    "latin-1": "Z\u00fcrich - Le ministre fran\u00e7ais a d\u00e9clar\u00e9 que la r\u00e9forme \u00e9tait "
               "n\u00e9cessaire. \u00abNous irons jusqu'au bout\u00bb, a-t-il ajout\u00e9.",
    "cp1251": "\u041c\u041e\u0421\u041a\u0412\u0410, 30 \u043d\u043e\u044f\u0431\u0440\u044f. \u041c\u0438"
              "\u043d\u0438\u0441\u0442\u0440 \u0438\u043d\u043e\u0441\u0442\u0440\u0430\u043d\u043d\u044b"
              "\u0445 \u0434\u0435\u043b \u0437\u0430\u044f\u0432\u0438\u043b, \u0447\u0442\u043e \u043f"
              "\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b \u043f\u0440\u043e\u0439\u0434\u0443"
              "\u0442 \u0432 \u0434\u0435\u043a\u0430\u0431\u0440\u0435.",
}


@pytest.mark.parametrize("encoding", sorted(LEGACY))
def test_files_legacy_encoding_detected(encoding: str) -> None:
    assert decode(LEGACY[encoding].encode(encoding), "a.txt") == LEGACY[encoding]


@pytest.mark.parametrize(("declared", "codec"), [
    ('<meta charset="windows-1251">', "cp1251"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
    ('<?xml version="1.0" encoding="koi8-r"?>', "koi8-r"),
    ('<meta charset="no-such-charset">', None),
    ("<p>no declaration</p>", None),
])
def test_files_declared_charset(declared: str, codec: str | None) -> None:
    assert declared_charset(declared.encode("ascii")) == codec


def test_files_declared_charset_wins_over_guessing() -> None:
    text = "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440"  # short: too little to guess from
    page = f'<html><head><meta charset="koi8-r"></head><body><p>{text}</p></body></html>'
    assert text in decode(page.encode("koi8-r"), "a.html")


@pytest.mark.parametrize(("data", "expected"), [
    # a UTF-8 page with one cp1252 byte in an ad snippet stays UTF-8 (trafilatura-eval maescot.de)
    ("Gr\u00fc\u00dfe aus M\u00fcnchen, sch\u00f6ne Gr\u00fc\u00dfe. ".encode() * 3 + b"K\xfcchen",
     "Gr\u00fc\u00dfe aus M\u00fcnchen"),
    ("Byte-order mark and caf\u00e9".encode("utf-8-sig"), "Byte-order mark and caf\u00e9"),
    ("UTF-16 with a BOM".encode("utf-16"), "UTF-16 with a BOM"),
])
def test_files_invalid_or_marked_utf8_decoded(data: bytes, expected: str) -> None:
    assert decode(data, "a.txt").startswith(expected)


@pytest.mark.parametrize(("data", "reason"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file"),
    (b"%PDF-1.7\n" + bytes([0, 1, 2, 3, 200, 201]) * 50, "binary file"),
    (b"text\x01\x02\x03\x04\x05\x06 with control characters\x07\x08" * 20, "control characters"),
])
def test_files_binary_refused(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode(data, "a.bin")


@pytest.mark.parametrize(("name", "data", "fmt"), [
    ("page.txt", b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("noext", b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
    ("feed.xml", b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>', "feed"),
    ("a.dat", b'{"text": "x"}\n', "jsonl"),
    ("story.html", b"Just a plain story.\n\nNo markup here.", "text"),
    ("x.bin", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
    ("notes.txt", b"Plain text.", "text"),
])
def test_files_format_sniffed_by_content(name: str, data: bytes, fmt: str) -> None:
    assert sniff_format(data, name) == fmt


@pytest.mark.parametrize("fixture", ["harbour-strike.txt", "council-vote.html", "wire.rss", "science.atom",
                                     "articles.jsonl"])
def test_files_gzip_works_for_every_format(tmp_path: Path, fixture: str) -> None:
    plain = list(read_inputs([str(INPUTS / fixture)], 1 << 20))
    packed = tmp_path / f"{fixture}.gz"
    packed.write_bytes(gzip.compress((INPUTS / fixture).read_bytes()))
    zipped = list(read_inputs([str(packed)], 1 << 20))
    assert [a.text for a in zipped] == [a.text for a in plain]  # type: ignore[union-attr]
    assert all(isinstance(a, RawArticle) for a in zipped)


@pytest.mark.parametrize(("data", "limit", "reason"), [
    (gzip.compress(b"a" * 5_000_000), 1_000_000, "decompresses to more than 1,000,000 bytes"),
    (b"a" * 2_000, 1_000, "larger than 1,000 bytes"),
    (gzip.compress(b"Title\n\nBody of a story.")[:-12], 1_000_000, "truncated gzip"),
    (b"", 1_000, "empty input"),
    (b"  \n\t\n", 1_000, "empty input"),
])
def test_files_read_bytes_refused(tmp_path: Path, data: bytes, limit: int, reason: str) -> None:
    path = tmp_path / "input"
    path.write_bytes(data)
    with pytest.raises(InputError, match=reason):
        read_bytes(InputFile(str(path), path), limit)


def test_files_stdin_read_and_gunzipped() -> None:
    data = gzip.compress(b"Title\n\nA story from stdin.")
    assert read_bytes(InputFile("-", None), 1_000, stdin=io.BytesIO(data)) == b"Title\n\nA story from stdin."


def _names(items: list[object]) -> list[str]:
    return [Path(i.display).name if isinstance(i, InputFile) else f"error:{Path(i.path).name}"  # type: ignore[attr-defined]
            for i in items]


def test_files_folder_walked_recursively_in_order(tmp_path: Path) -> None:
    """A folder's files by name, then its subfolders by name, depth first; hidden entries skipped."""
    for rel in ("b.txt", "a/z.txt", "a/deeper/y.txt", ".hidden/x.txt", "c.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", "utf-8")
    assert _names(list(iter_files([str(tmp_path)]))) == ["b.txt", "c.txt", "z.txt", "y.txt"]


@pytest.mark.parametrize(("link", "target", "reason"), [
    ("sub/up", "..", "symlink loop"),
    ("sub/self", "sub/self", "broken symlink or symlink loop"),
    ("escape", "OUTSIDE", "outside the input folder"),
    ("escape.txt", "OUTSIDE/secret.txt", "outside the input folder"),
])
def test_files_symlinks_guarded(tmp_path: Path, link: str, target: str, reason: str) -> None:
    root, outside = tmp_path / "in", tmp_path / "outside"
    (root / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("not yours", "utf-8")
    (root / "sub" / "story.txt").write_text("x", "utf-8")
    os.symlink(str(target).replace("OUTSIDE", str(outside)), root / link)
    items = list(iter_files([str(root)]))
    assert "story.txt" in _names(items) and "secret.txt" not in _names(items)
    (error,) = [i for i in items if isinstance(i, InputError)]
    assert reason in error.problem and error.path.endswith(Path(link).name)


def test_files_missing_path_is_a_failure(tmp_path: Path) -> None:
    (failure,) = read_inputs([str(tmp_path / "nope.txt")], 1_000)
    assert isinstance(failure, Failure) and failure.error == "no such file or directory"


@pytest.mark.parametrize("packed", [False, True])
def test_files_stdin_dash_through_cli(packed: bool) -> None:
    from typer.testing import CliRunner

    from reportedly.cli import app

    data = (INPUTS / "council-vote.html").read_bytes()
    result = CliRunner().invoke(app, ["analyze", "-"], input=gzip.compress(data) if packed else data)
    assert result.exit_code == 0, result.output
    (article,) = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert article["source"] == {"path": "-", "url": None, "format": "html"}
    assert article["title"] == "City council approves flood barrier plan"
