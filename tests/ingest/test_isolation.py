"""Per-input isolation (issue 18): every input is stored or recorded as failed with a one-line reason;
good inputs in the same batch are always stored; never a traceback, never a hang."""

from __future__ import annotations

import gzip
import io
import os
import socket
import sqlite3
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.config import Settings
from reportedly.ingest import read_inputs
from reportedly.ingest.files import decode, display_name
from reportedly.ingest.select import Skipped
from reportedly.model import Failure, RawArticle
from reportedly.pipeline import ingest

GOOD = "Harbour reopens\n\nKABUL (ANI): Ahmad Massoud met Zamir Kabulov in Moscow on {n}, a source said.\n"
MAX = Settings().max_input_bytes


def _good(folder: Path, n: int) -> list[Path]:
    paths = [folder / f"good{i}.txt" for i in range(n)]
    for i, path in enumerate(paths):
        path.write_text(GOOD.format(n=f"day {i}"), "utf-8")
    return paths


def _failures(db: Path) -> dict[str, str]:
    return dict(sqlite3.connect(db).execute("SELECT path, error FROM failures").fetchall())


def test_isolation_non_utf8_file_name_keeps_the_batch(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder, 7)
    odd = os.path.join(os.fsencode(folder), b"caf\xe9-\xff.txt")
    with open(odd, "wb") as out:
        out.write(GOOD.format(n="an odd name").encode())
    db = tmp_path / "l.db"
    report = ingest([str(folder)], Settings(db=db))  # raised UnicodeEncodeError: 0 of 8 stored
    assert (report.stored, report.failed) == (8, 0)
    paths = {r[0] for r in sqlite3.connect(db).execute("SELECT path FROM articles")}
    assert display_name(os.fsdecode(odd)) in paths and any(p.endswith("caf\\xe9-\\xff.txt") for p in paths)
    assert ingest([str(folder)], Settings(db=db)).already_stored == 8  # the same name on every run


def test_isolation_jsonl_lone_surrogate_fails_that_line(tmp_path: Path) -> None:
    feed = tmp_path / "x.jsonl"
    good = '{"text": "KABUL (ANI): Ahmad Massoud met Zamir Kabulov in Moscow."}'
    feed.write_text(good + '\n{"text": "bad \\ud800 text"}\n{"text": "fine", "title": "\\udfff"}\n', "utf-8")
    db = tmp_path / "l.db"
    report = ingest([str(feed)], Settings(db=db))  # crashed: the id was hashed outside the boundary
    assert (report.stored, report.failed) == (1, 2)
    reasons = _failures(db)
    assert reasons[f"{feed}:2"] == "line 2: 'text' holds a lone surrogate escape, not Unicode text"
    assert reasons[f"{feed}:3"] == "line 3: 'title' holds a lone surrogate escape, not Unicode text"


def _read(paths: list[str]) -> list[RawArticle | Failure]:
    return list(read_inputs(paths, MAX))


def test_isolation_fifo_device_socket_refused_up_front(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder, 1)
    os.mkfifo(folder / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.txt"))
    try:
        items = _read([str(folder), str(folder / "pipe.txt"), "/dev/zero"])  # a FIFO hung the run
    finally:
        server.close()
    failures = {i.source.path: i.error for i in items if isinstance(i, Failure)}
    assert [i.source.path for i in items if isinstance(i, RawArticle)] == [str(folder / "good0.txt")]
    assert failures == {  # in a folder they were skipped silently
        str(folder / "pipe.txt"): "a FIFO (named pipe), not a regular file; not read",
        str(folder / "sock.txt"): "a socket, not a regular file; not read",
        "/dev/zero": "a character device, not a regular file; not read",
    }


def test_isolation_jsonl_bad_lines_fail_alone(tmp_path: Path) -> None:
    lines = [
        '{"text": "first"}',
        '{"text": "a raw \x00 NUL"}',  # refused the whole file as binary
        "[" * 100_000 + "]" * 100_000,  # dropped every line after it
        '{"text": "legal \u2028 separator inside a string"}',
        b'{"text": "not utf-8 \xff"}'.decode("latin-1"),
        '{"n": ' + "9" * 5000 + "}",
        '{"text": "last"}',
    ]
    data = b"\n".join(line.encode("latin-1") if "\xff" in line else line.encode("utf-8") for line in lines)
    (tmp_path / "x.jsonl").write_bytes(data)
    items = _read([str(tmp_path / "x.jsonl")])
    texts = [i.text for i in items if isinstance(i, RawArticle)]
    assert texts == ["first", "legal \u2028 separator inside a string", "last"]
    reasons = [i.error for i in items if isinstance(i, Failure)]
    assert reasons == [
        "line 2: invalid JSON (Invalid control character at)",
        "line 3: JSON nested too deeply",
        "line 5: not valid UTF-8 (JSON Lines are UTF-8)",
        "line 6: invalid JSON value (Exceeds the limit (4300 digits) for integer string conversion)",
    ]


def test_isolation_deeply_nested_html_keeps_its_text(tmp_path: Path) -> None:
    body = "The harbour reopened on Monday after storm repairs, the port authority said. " * 4
    page = "<html><body>" + "<div>" * 400 + f"<p>{body}</p>" + "</div>" * 400 + "</body></html>"
    (tmp_path / "deep.html").write_text(page, "utf-8")
    (item,) = _read([str(tmp_path / "deep.html")])  # lost its text: "no article text found"
    assert isinstance(item, RawArticle) and body.strip() in item.text


def test_isolation_internal_error_text_is_not_a_reason(tmp_path: Path, monkeypatch: Any) -> None:
    import reportedly.runner as runner

    def broken(*_args: object, **_kwargs: object) -> None:
        raise AttributeError("'NoneType' object has no attribute 'startswith'")

    monkeypatch.setattr(runner, "clean_article", broken)
    _good(tmp_path, 1)
    (item,) = list(runner.analyze([str(tmp_path / "good0.txt")], Settings()))
    assert isinstance(item, Failure)
    assert item.error == "cleaning failed: internal error (AttributeError); the log has the details"


def test_isolation_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\x1b]0;owned\x07\x1b[2J\u202e.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\u202e" not in result.output and "\x07" not in result.output
    assert "evil\\x1b]0;owned\\x07\\x1b[2J\\u202e.txt: empty input" in result.output


@pytest.mark.parametrize(("data", "expected"), [
    ("He said \u201cno\u201d \u2014 twice. It cost \u20ac5.".encode("cp1252"),
     "He said \u201cno\u201d \u2014 twice. It cost \u20ac5."),  # was read as cp437: "He said \u00f4no\u00f6"
    ("R\u00e9forme adopt\u00e9e \u00e0 Paris".encode("latin-1"), "R\u00e9forme adopt\u00e9e \u00e0 Paris"),
])
def test_isolation_legacy_western_text_decoded(data: bytes, expected: str) -> None:
    assert decode(data, "a.txt") == expected


def test_isolation_broken_bytes_refused_not_mojibake() -> None:
    from reportedly.errors import InputError

    data = "d\u00e9j\u00e0 vu".encode().decode("cp1252").encode("cp1252") + b" plus \xff\xfe\x81 noise"
    with pytest.raises(InputError):  # was decoded as UTF-16 without a byte-order mark: CJK noise
        decode(data, "a.txt")


# --- fuzzing every reader: random bytes, names, encodings, formats, gzip -------------------------

NAMES = st.text(alphabet=string.ascii_letters + string.digits + "-_ é\u00ff\x1b", min_size=1, max_size=12)
SUFFIXES = st.sampled_from(
    ["", ".txt", ".html", ".jsonl", ".xml", ".rss", ".warc", ".json", ".gz", ".txt.gz"]
)
PREFIXES = st.sampled_from([b"", b"{", b"<html><body><p>", b"<?xml version='1.0'?><rss><channel><item>",
                            b"WARC/1.0\r\n", b"\xef\xbb\xbf", b"\xff\xfe", b'{"text": "'])
CONTENT = st.tuples(PREFIXES, st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(st.text(max_size=200), st.sampled_from(["cp1252", "latin-1", "cp1251", "utf-16", "koi8-r"]))
    .map(lambda p: p[0].encode(p[1], "replace")),
    st.lists(st.text(max_size=40), max_size=6).map(
        lambda xs: "\n".join(f'{{"text": {x!r}}}' for x in xs).encode("utf-8", "surrogatepass")),
)).map(lambda p: p[0] + p[1])
FILES = st.lists(st.tuples(NAMES, SUFFIXES, CONTENT, st.booleans()), min_size=1, max_size=6,
                 unique_by=lambda f: f[0] + f[1])


def _write_fuzz(folder: Path, files: list[tuple[str, str, bytes, bool]]) -> list[Path]:
    written = []
    for i, (name, suffix, data, packed) in enumerate(files):
        path = folder / f"f{i}-{name}{suffix}"
        path.write_bytes(gzip.compress(data) if packed or suffix.endswith(".gz") else data)
        written.append(path)
    return written


def _one_line(reason: str) -> bool:
    return "\n" not in reason and "Traceback" not in reason and "object has no attribute" not in reason


@settings(max_examples=60, deadline=30_000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=FILES)
def test_isolation_fuzz_every_reader(tmp_path_factory: pytest.TempPathFactory,
                                     files: list[tuple[str, str, bytes, bool]]) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    good = _good(folder, 1)[0]
    written = _write_fuzz(folder, files)
    skipped: list[Skipped] = []
    items = list(read_inputs([str(folder)], MAX, on_skip=skipped.append))
    paths = [i.source.path or "" for i in items]
    assert str(good) in paths  # the good input is always read
    assert all(s.reason and _one_line(s.reason) for s in skipped)
    paths += [s.path for s in skipped]  # a folder's file that is no article is skipped with its reason
    for path in written:  # every input is accounted for: an article, a reasoned failure or skip
        name = display_name(str(path))
        assert any(p == name or p.startswith((name + ":", name + "#")) for p in paths), name
    for item in items:
        if isinstance(item, Failure):
            assert item.error and _one_line(item.error), item.error
        else:
            item.text.encode("utf-8")  # storable: no lone surrogate got through


@settings(max_examples=25, deadline=30_000)
@given(data=CONTENT, packed=st.booleans())
def test_isolation_fuzz_stdin(data: bytes, packed: bool) -> None:
    import reportedly.ingest.files as files

    stream = io.BytesIO(gzip.compress(data) if packed else data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(files, "_stdin", lambda: stream)
        items = _read(["-"])
    assert items
    for item in items:
        if isinstance(item, Failure):
            assert _one_line(item.error), item.error
        else:
            item.text.encode("utf-8")


@settings(max_examples=30, deadline=None)
@given(names=st.lists(st.text(max_size=30), min_size=1, max_size=5))
def test_isolation_fuzz_failures_store_under_any_name(names: list[str]) -> None:
    from reportedly.model import SourceRef
    from reportedly.store.database import connect
    from reportedly.store.writer import store_batch
    from tests.store.builders import moscow_meeting

    conn = connect(":memory:")
    failures = [Failure(SourceRef(path=display_name(n) or "-", url=None, format="text"), "x") for n in names]
    assert store_batch(conn, [moscow_meeting("a1", "2021-12-01", "Zabihullah Mujahid", "person", "deny")],
                       failures) == 1
    recorded = {r[0] for r in conn.execute("SELECT path FROM failures")}
    assert recorded == {f.source.path for f in failures}
