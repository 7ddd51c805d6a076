"""Ledger entity identity: an id never changes meaning, whatever the entity later learns (issue 18)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reportedly.merge.entities import ledger_entity_id
from reportedly.model import Article
from reportedly.store.database import connect
from reportedly.store.writer import store_batch
from tests.store.builders import ArticleBuilder
from tests.store.old_ledgers import downgrade


def _article(aid: str, name: str, kb_id: str | None = None) -> Article:
    b = ArticleBuilder(aid, published="2021-11-29")
    b.entity(name, kb_id=kb_id)
    return b.build()


# "George Bush" is created under its name key; a linked "George W. Bush" (Q2) later joins it, so the
# entity is re-keyed to kb:Q2 and renamed; a linked "George P. Bush" (Q3) may not join it (two kb
# ids); a later bare "George Bush" then matches both by name (ambiguous) and was created anew,
# under the name key's hash: the first entity's id (IntegrityError: UNIQUE constraint failed).
REKEYED = [
    _article("a1", "George Bush"),
    _article("a2", "George W. Bush", "Q2"),
    _article("a3", "George P. Bush", "Q3"),
]
LATER = _article("a4", "George Bush")


def _entity_of(conn: sqlite3.Connection, article: str) -> str:
    (row,) = conn.execute("SELECT entity_id FROM article_entities WHERE article_id = ?", (article,))
    return str(row[0])


def test_identity_survives_rekeying_and_rename() -> None:
    conn = connect(":memory:")
    for article in REKEYED:
        store_batch(conn, [article], [])
    first = _entity_of(conn, "a1")
    assert first == ledger_entity_id("per:george bush")
    assert tuple(conn.execute("SELECT key, name FROM entities WHERE id = ?", (first,)).fetchone()) == (
        "kb:Q2",
        "George W. Bush",
    )
    store_batch(conn, [LATER], [])  # raised IntegrityError before
    assert _entity_of(conn, "a4") == first  # found by the key it was created under
    keys = {r[0] for r in conn.execute("SELECT key FROM entity_keys WHERE entity_id = ?", (first,))}
    assert {"per:george bush", "kb:Q2"} <= keys


def test_identity_repairs_a_ledger_written_before_entity_keys(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = connect(db)
    for article in REKEYED:
        store_batch(conn, [article], [])
    conn.close()
    downgrade(db, 7)  # as an older reportedly left it: the creation key forgotten
    conn = connect(db)  # migration 8 backfills current keys only; the id still names its key
    store_batch(conn, [LATER], [])
    assert _entity_of(conn, "a4") == _entity_of(conn, "a1")
    assert conn.execute("SELECT count(*) FROM entities").fetchone()[0] == 2


def test_identity_new_id_never_reuses_a_taken_one() -> None:
    from reportedly.store.entities import new_entity_id

    conn = connect(":memory:")
    store_batch(conn, [REKEYED[0]], [])
    taken = ledger_entity_id("per:george bush")
    fresh = new_entity_id(conn, "per:george bush")
    assert fresh != taken and fresh == ledger_entity_id("per:george bush#1")


def test_identity_a_hash_shared_by_another_key_is_not_a_match() -> None:
    import reportedly.store.entities as store_entities

    conn = connect(":memory:")
    store_batch(conn, [REKEYED[0]], [])  # "George Bush", its creation key recorded
    real = store_entities.ledger_entity_id
    with pytest.MonkeyPatch.context() as patch:  # "Zamir Kabulov" hashes to the same id (a collision)
        patch.setattr(store_entities, "ledger_entity_id",
                      lambda key: real("per:george bush") if key == "per:zamir kabulov" else real(key))
        store_batch(conn, [_article("a9", "Zamir Kabulov")], [])
    assert _entity_of(conn, "a9") == real("per:zamir kabulov#1") != _entity_of(conn, "a1")
