"""Unusable database files: every command says so in one line with exit code 2, the web server
answers 503 in the error shape, and a reader never writes (or migrates) the file it reads."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reportedly.store.database import connect
from reportedly.store.migrations import MIGRATIONS
from reportedly.store.writer import store_batch
from tests.store.builders import moscow_meeting
from tests.store.old_ledgers import downgrade


def _good(path: Path) -> Path:
    with connect(path) as db:
        store_batch(
            db,
            [
                moscow_meeting(f"a{i}", f"2021-11-{10 + i}", "Zabihullah Mujahid", "person", "deny")
                for i in range(30)
            ],
            [],
        )
    return path


def _truncated(folder: Path) -> Path:
    good = _good(folder / "good.db")
    (folder / "x.db").write_bytes(good.read_bytes()[:3000])
    return folder / "x.db"


def _garbage(folder: Path) -> Path:
    (folder / "x.db").write_bytes(b"this is no database, just text " * 40)
    return folder / "x.db"


def _empty(folder: Path) -> Path:
    (folder / "x.db").write_bytes(b"")
    return folder / "x.db"


def _foreign(folder: Path) -> Path:
    raw = sqlite3.connect(folder / "x.db")
    raw.execute("CREATE TABLE customers (id INTEGER, name TEXT)")
    raw.commit()
    raw.close()
    return folder / "x.db"


def _newer(folder: Path) -> Path:
    path = _good(folder / "x.db")
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {MIGRATIONS[-1][0] + 1}")
    raw.commit()
    raw.close()
    return path


def _corrupt(folder: Path) -> Path:
    """A ledger whose pages past the first are overwritten: it opens, and fails when read."""
    path = _good(folder / "x.db")
    data = bytearray(path.read_bytes())
    for page in range(4096, len(data), 4096):
        data[page + 8 : page + 40] = b"\xff" * 32
    path.write_bytes(bytes(data))
    return path


BAD: dict[str, Callable[[Path], Path]] = {
    "truncated": _truncated,
    "garbage": _garbage,
    "empty": _empty,
    "foreign": _foreign,
    "newer": _newer,
    "corrupt": _corrupt,
}
READERS = [["claims"], ["events"], ["entities"], ["search", "Moscow"], ["export", "--format", "jsonl"]]


def _main(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    from reportedly.cli import main

    monkeypatch.setattr(sys, "argv", ["reportedly", *args])
    monkeypatch.setenv("COLUMNS", "60")  # a narrow terminal must not wrap the line either
    with pytest.raises(SystemExit) as exit_info:
        main()
    return int(exit_info.value.code or 0), capsys.readouterr().err


@pytest.mark.parametrize("kind", sorted(BAD))
@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_bad_database_readers_one_line(
    kind: str,
    command: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = BAD[kind](tmp_path)
    before = path.read_bytes()
    code, err = _main([*command, "--db", str(path)], capsys, monkeypatch)
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ") and str(path) in err, err
    assert path.read_bytes() == before  # read-only: nothing written, nothing migrated


@pytest.mark.parametrize("kind", sorted(set(BAD) - {"empty"}))  # an empty file is a new SQLite database
def test_bad_database_ingest_one_line(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import SEED

    path = BAD[kind](tmp_path)
    code, err = _main(["ingest", str(SEED), "--db", str(path)], capsys, monkeypatch)
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ") and str(path) in err, err


@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_database_serve_refuses_to_start(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if kind == "corrupt":  # opens fine; the web tests below see it fail on reading
        return
    code, err = _main(["serve", "--db", str(BAD[kind](tmp_path))], capsys, monkeypatch)
    assert code == 2 and len(err.strip().splitlines()) == 1 and err.startswith("error: "), err


def test_bad_database_serve_answers_503_in_the_error_shape(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from reportedly.api.app import make_app

    path = _good(tmp_path / "x.db")
    with TestClient(make_app(path), base_url="http://127.0.0.1") as client:
        assert client.get("/api/claims").status_code == 200
        (tmp_path / "c").mkdir()
        shutil.copy(_corrupt(tmp_path / "c"), path)  # the file goes bad under the running server
        reply = client.get("/api/claims")
        assert reply.status_code == 503
        body = reply.json()
        assert body["ok"] is False and body["status"] == 503 and "malformed" in body["error"]
        assert set(body) == {"ok", "error", "errors", "status"}


def test_bad_database_older_ledger_refused_by_the_server_until_migrated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _good(tmp_path / "x.db")
    downgrade(path, 5)  # as an older reportedly left it (6-8 re-apply cleanly below)
    code, err = _main(["serve", "--db", str(path)], capsys, monkeypatch)
    assert code == 2 and "reportedly migrate" in err, err
    code, err = _main(["migrate", "--db", str(path)], capsys, monkeypatch)
    assert code == 0 and f"schema version {MIGRATIONS[-1][0]}" in err, err
    code, err = _main(["claims", "--db", str(path), "--format", "json"], capsys, monkeypatch)
    assert code == 0, err


def test_bad_database_unreachable_postgresql_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "postgresql://someone:SECRET@127.0.0.1:1/ledger?connect_timeout=2"  # nothing listens on port 1
    code, err = _main(["claims", "--db", url], capsys, monkeypatch)
    assert code == 2 and len(err.strip().splitlines()) == 1 and err.startswith("error: "), err
    assert "127.0.0.1" in err and "SECRET" not in err  # the database named, its password never shown
