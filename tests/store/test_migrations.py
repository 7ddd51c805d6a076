"""Schema migrations: numbered, applied once, refusing a newer database, backfilling what they add."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from reportedly.errors import StoreError
from reportedly.store.database import connect
from reportedly.store.migrations import MIGRATIONS, migrate, schema_version
from reportedly.store.writer import store_batch
from tests.store.builders import moscow_meeting, name_documents, recount_entities, stored_counts
from tests.store.old_ledgers import downgrade


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


def _downgrade_to_4(db: Path) -> None:
    """Make a current ledger look as reportedly left it before migration 5 (no stored counts)."""
    downgrade(db, 4)


@pytest.mark.parametrize("readonly", [False, True])
def test_migrations_backfill_entity_counts_and_names(tmp_path: Path, readonly: bool) -> None:
    db = tmp_path / "l.db"
    conn = connect(db)
    store_batch(
        conn,
        [
            moscow_meeting("a1", "2021-11-29", "a source close to NRF", "anonymous", "assert"),
            moscow_meeting("a2", "2021-12-01", "Zabihullah Mujahid", "person", "deny", member_of="Taliban"),
        ],
        [],
    )
    conn.close()
    _downgrade_to_4(db)
    if readonly:  # a reader never migrates: it names the command that does
        with pytest.raises(StoreError, match="reportedly migrate"):
            connect(db, readonly=True)
        connect(db).close()
    conn = connect(db, readonly=readonly)
    assert schema_version(conn) == MIGRATIONS[-1][0]
    counts = stored_counts(conn)
    assert counts == recount_entities(conn)
    assert max(counts.values()) == (2, 2, 1)  # both articles name Massoud, Baradar...: one event
    plan = " ".join(
        r[3]
        for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM entities ORDER BY n_articles DESC, name LIMIT 5"
        )
    )
    assert "entities_popular" in plan
    docs, aliases = name_documents(conn)
    assert docs == aliases and len(docs) == len(counts)


def test_migrations_two_processes_upgrade_once(tmp_path: Path) -> None:
    """A second opener that read the old version before the first one's upgrade committed waits
    for the lock, then finds the migrations applied instead of applying them twice."""
    import threading

    from reportedly.store.migrations import _statements

    db = tmp_path / "l.db"
    connect(db).close()
    _downgrade_to_4(db)
    first = sqlite3.connect(db, isolation_level=None)
    first.execute("BEGIN IMMEDIATE")  # the first opener holds the write lock while it migrates
    outcome: list[object] = []
    second = threading.Thread(target=lambda: outcome.append(schema_version(connect(db))))
    second.start()
    second.join(timeout=0.5)  # it has read version 4 and waits for the lock
    for _version, _name, sql in MIGRATIONS[4:]:
        for statement in _statements(sql):
            first.execute(statement)
    first.execute(f"PRAGMA user_version = {MIGRATIONS[-1][0]}")
    first.execute("COMMIT")
    second.join()
    assert outcome == [MIGRATIONS[-1][0]]


def test_migrations_one_history_for_both_engines() -> None:
    """Every numbered migration has its PostgreSQL script: a new one without it fails here."""
    from reportedly.store.migrations_pg import POSTGRESQL

    assert sorted(POSTGRESQL) == [m[0] for m in MIGRATIONS]


def test_migrations_postgresql_applies_once_and_refuses_newer(new_ledger: Any, backend: str) -> None:
    """The same history on either engine: applied once, a newer ledger refused by writers and readers."""
    url = new_ledger()
    for _ in range(2):
        with connect(url) as db:
            assert db.schema_version() == MIGRATIONS[-1][0]
    with connect(url) as db:
        if backend == "sqlite":
            db.execute(f"PRAGMA user_version = {MIGRATIONS[-1][0] + 1}")
        else:
            db.execute("UPDATE reportedly_schema SET version = ?", (MIGRATIONS[-1][0] + 1,))
    for readonly in (False, True):
        with pytest.raises(StoreError, match="newer"):
            connect(url, readonly=readonly)


def test_migrations_backfill_event_origins(new_ledger: Any, backend: str) -> None:
    """Migration 12 counts each stored event's origins as the writer does and as `Claim.n_origins`
    reads them, on either engine; `claims(min_origins=N)` selects by that count."""
    import reportedly
    from reportedly.store.migrations_pg import POSTGRESQL

    url = new_ledger()
    speakers = [("Zabihullah Mujahid", "person"), ("a source close to NRF", "anonymous"), ("AFP", "media")]
    with connect(url) as db:
        store_batch(
            db,
            [
                moscow_meeting(f"a{i}", "2021-12-01", who, kind, "assert")
                for i, (who, kind) in enumerate(speakers)
            ],
            [],
        )
        written = {r[0]: r[1] for r in db.execute("SELECT id, n_origins FROM events")}
        db.execute("DROP INDEX events_origins")
        db.execute("ALTER TABLE events DROP COLUMN n_origins")
    with connect(url) as db, db.transaction():  # migration 12 again, as a ledger at version 11 gets it
        db.run_script(MIGRATIONS[11][2] if backend == "sqlite" else POSTGRESQL[12])
    with connect(url) as db:
        assert {r[0]: r[1] for r in db.execute("SELECT id, n_origins FROM events")} == written
    with reportedly.open(url) as ledger:
        claims = ledger.claims()
        assert {c.id: c.n_origins for c in claims} == written
        most = max(written.values())
        assert most >= 2
        assert [c.id for c in ledger.claims(min_origins=most)] == [
            c.id for c in claims if c.n_origins >= most
        ]
        assert ledger.claims(min_origins=most + 1) == []


def test_migrations_postgresql_moves_the_search_index(postgres: Any) -> None:
    """Migration 13 on a PostgreSQL ledger holding articles: their `tsvector`s move from `articles.fts`
    to `article_search` (the column dropped), and searches find and rank what they did before."""
    from reportedly.ledger.search import count_matches, search
    from reportedly.store.migrations_pg import POSTGRESQL

    url = str(postgres.database(f"search_move_{id(postgres)}"))
    speakers = [("Zabihullah Mujahid", "person"), ("a source close to NRF", "anonymous"), ("AFP", "media")]
    with connect(url) as db:
        articles = [moscow_meeting(f"a{i}", "2021-12-01", *who, "assert") for i, who in enumerate(speakers)]
        store_batch(db, articles, [])
        before = (search(db, "moscow", limit=10), count_matches(db, "moscow"))
        db.run_script(  # the index as it was at version 12 (migration 1's generated column)
            "DROP TRIGGER articles_search_insert ON articles; DROP FUNCTION reportedly_search_index(); "
            "DROP TABLE article_search; ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS "
            "(to_tsvector('simple', reportedly_unaccent(coalesce(title, '') || ' ' || text))) STORED; "
            "CREATE INDEX articles_fts ON articles USING gin (fts);"
        )
    with connect(url) as db, db.transaction():
        db.run_script(POSTGRESQL[13])
    with connect(url) as db:
        assert db.execute("SELECT count(*) FROM article_search").fetchone()[0] == len(speakers)
        assert not db.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = 'articles' AND column_name = 'fts'"
        ).fetchall()
        assert (search(db, "moscow", limit=10), count_matches(db, "moscow")) == before
        assert before[1] == len(speakers)


def test_migrations_postgresql_text_columns_in_byte_order(postgres: Any) -> None:
    """Every text column of a PostgreSQL ledger sorts byte by byte (the C collation), as the module
    promises and SQLite's BINARY does, those added after migration 2 too (migration 15)."""
    url = str(postgres.database(f"byte_order_{id(postgres)}"))
    with connect(url) as db:
        columns = db.execute(
            "SELECT table_name, column_name, collation_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND data_type = 'text' ORDER BY 1, 2"
        ).fetchall()
    assert {"watch_links", "entity_keys", "entities"} <= {c[0] for c in columns}
    assert [c[:2] for c in columns if c[2] != "C"] == []


_NOT_C = (  # the text columns of a PostgreSQL ledger that do not sort byte by byte
    "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() "
    "AND data_type = 'text' AND collation_name IS DISTINCT FROM 'C'"
)


def test_migrations_postgresql_byte_order_keeps_a_populated_ledger(postgres: Any) -> None:
    """Migration 15 on a PostgreSQL ledger at version 14 that holds articles, entity keys and watch
    state: the columns it names take the C collation, every row stays as it was, and the
    indexes it rebuilds still serve the lookups (an entity key, a pending link)."""
    from reportedly.store.migrations_pg import _M15_BYTE_ORDER

    url = str(postgres.database(f"byte_order_upgrade_{id(postgres)}"))
    tables = ("entities", "entity_keys", "watch_sources", "watch_links")
    with connect(url) as db:
        articles = [moscow_meeting(f"a{i}", "2021-12-01", "AFP", "media", "assert") for i in range(2)]
        store_batch(db, articles, [])
        db.execute("UPDATE entities SET cameo = 'RUSGOV', sector = 'GOV', cameo_source = 'kb'")
        db.execute("INSERT INTO watch_sources (url, etag, last_polled) VALUES ('https://a.example/f', 'W/1', "
                   "'2021-12-01T00:00:00')")
        db.execute("INSERT INTO watch_links (url, source, first_seen) VALUES ('https://a.example/1', "
                   "'https://a.example/f', '2021-12-01T00:00:00')")
        before = {t: sorted(map(tuple, db.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}
        assert before["entity_keys"] and before["watch_links"]
        db.run_script(_M15_BYTE_ORDER.replace('COLLATE "C"', 'COLLATE "default"'))  # as at version 14
        db.execute("UPDATE reportedly_schema SET version = 14")
        assert db.execute(_NOT_C).fetchone()[0] == _M15_BYTE_ORDER.count("ALTER COLUMN")
    with connect(url) as db:  # migrates to the latest version
        assert db.schema_version() == MIGRATIONS[-1][0]
        assert {t: sorted(map(tuple, db.execute(f"SELECT * FROM {t}").fetchall())) for t in tables} == before
        assert db.execute(_NOT_C).fetchone()[0] == 0
        key, entity = before["entity_keys"][0]
        assert db.execute("SELECT entity_id FROM entity_keys WHERE key = ?", (key,)).fetchall() == [(entity,)]
        pending = db.execute("SELECT url FROM watch_links WHERE done = 0 ORDER BY first_seen, url").fetchall()
        assert pending == [("https://a.example/1",)]
