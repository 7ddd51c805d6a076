"""Schema migrations: numbered, applied once, refusing a newer database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reportedly.errors import StoreError
from reportedly.store.migrations import MIGRATIONS, migrate, schema_version
from reportedly.store.sqlite import connect


def test_migrations_numbered_in_order() -> None:
    assert [m[0] for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


@pytest.mark.parametrize("reopen", [1, 2])
def test_migrations_apply_once(tmp_path: Path, reopen: int) -> None:
    db = tmp_path / "l.db"
    for _ in range(reopen):
        conn = connect(db)
        assert schema_version(conn) == MIGRATIONS[-1][0]
        conn.close()
    conn = connect(db)
    assert migrate(conn) == MIGRATIONS[-1][0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "failures", "entities", "events", "mentions", "articles_fts"} <= tables


@pytest.mark.parametrize("pragma,expected", [("journal_mode", "wal"), ("foreign_keys", 1)])
def test_migrations_connection_settings(tmp_path: Path, pragma: str, expected: object) -> None:
    conn = connect(tmp_path / "l.db")
    assert conn.execute(f"PRAGMA {pragma}").fetchone()[0] == expected


def test_migrations_refuse_newer_database(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    raw = sqlite3.connect(db)
    raw.execute(f"PRAGMA user_version = {MIGRATIONS[-1][0] + 1}")
    raw.close()
    with pytest.raises(StoreError, match="newer"):
        connect(db)


def test_migrations_readonly_missing_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        connect(tmp_path / "missing.db", readonly=True)
