"""Ledger entity identity: an id never changes meaning, whatever the entity later learns (issue 18)."""

from __future__ import annotations

import dataclasses
import itertools
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from reportedly.api.queries import ledger_entity
from reportedly.ledger.api import Ledger
from reportedly.merge.entities import ledger_entity_id
from reportedly.model import Article
from reportedly.store.database import Database, connect
from reportedly.store.writer import store_batch
from tests.store.builders import ArticleBuilder
from tests.store.old_ledgers import downgrade


def _article(aid: str, name: str, kb_id: str | None = None) -> Article:
    b = ArticleBuilder(aid, published="2021-11-29")
    b.entity(name, kb_id=kb_id)
    return b.build()


# "George Bush" is created under its name key; linked "George W. Bush" (Q2) and "George P. Bush" (Q3)
# are their gazetteer ids' entities (a linked entity never joins an unlinked one by name alone). On
# main before issue 18 the first entity was re-keyed to kb:Q2 and renamed, and a later bare "George
# Bush" was created again under the name key's hash: the first entity's id (IntegrityError: UNIQUE
# constraint failed).
REKEYED = [
    _article("a1", "George Bush"),
    _article("a2", "George W. Bush", "Q2"),
    _article("a3", "George P. Bush", "Q3"),
]
LATER = _article("a4", "George Bush")


def _entity_of(conn: sqlite3.Connection, article: str) -> str:
    (row,) = conn.execute("SELECT entity_id FROM article_entities WHERE article_id = ?", (article,))
    return str(row[0])


def test_identity_survives_linked_namesakes() -> None:
    conn = connect(":memory:")
    for article in REKEYED:
        store_batch(conn, [article], [])
    first = _entity_of(conn, "a1")
    assert first == ledger_entity_id("per:george bush")
    assert _entity_of(conn, "a2") == ledger_entity_id("kb:Q2") != first
    store_batch(conn, [LATER], [])
    assert _entity_of(conn, "a4") == first  # found by the key it was created under
    keys = {r[0] for r in conn.execute("SELECT key FROM entity_keys WHERE entity_id = ?", (first,))}
    assert "per:george bush" in keys and not any(k.startswith("kb:") for k in keys)


# "Hillary Clinton" and "Hillary Rodham Clinton" do not match (rule 3); "Hillary R. Clinton" matches
# both, so in any order the three are one entity: when it arrives last it merges the two.
CLINTON = ["Hillary Clinton", "Hillary Rodham Clinton", "Hillary R. Clinton"]


def _clinton(i: int, name: str) -> Article:
    b = ArticleBuilder(f"c{i}", published=f"2016-03-0{i + 1}")
    b.entity(name, roles=("candidate",))
    b.entity("Bernie Sanders")
    b.event("CONSULT", actors=(name, "Bernie Sanders"), place="Moscow", date="2016-03-01")
    return b.build()


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_identity_a_bridging_name_merges_and_the_old_id_redirects(
    order: tuple[int, ...], new_ledger: Callable[..., str]
) -> None:
    conn = connect(new_ledger())
    ids: dict[int, str] = {}
    for i in order:
        store_batch(conn, [_clinton(i, CLINTON[i])], [])
        ids[i] = _entity_of_person(conn, f"c{i}", CLINTON[i])
    (survivor,) = {_entity_of_person(conn, f"c{i}", CLINTON[i]) for i in range(3)}
    for old in ids.values():  # every id ever given still names the entity (itself or a redirect)
        assert old == survivor or conn.execute(
            "SELECT entity_id FROM entity_keys WHERE key = ?", (old,)).fetchone()[0] == survivor
    row = conn.execute("SELECT name, n_articles, n_mentions, n_events FROM entities WHERE id = ?",
                       (survivor,)).fetchone()
    assert tuple(row) == ("Hillary Rodham Clinton", 3, 3, 1)  # the three meetings are one event
    assert conn.execute("SELECT count(*) FROM entities").fetchone()[0] == 2
    (event,) = conn.execute("SELECT id FROM events").fetchall()
    actors = {r[0] for r in conn.execute("SELECT entity_id FROM event_participants WHERE event_id = ?",
                                          (event[0],))}
    assert survivor in actors and len(actors) == 2
    ledger = Ledger(conn)
    for old in set(ids.values()) - {survivor}:  # no stored mention or event names a merged id
        for table in ("mentions", "events"):
            assert not conn.execute(f"SELECT 1 FROM {table} WHERE data LIKE ?", (f"%{old}%",)).fetchone()
        assert not conn.execute("SELECT 1 FROM mention_keys WHERE key LIKE ?", (f"%{old}%",)).fetchone()
        assert [c.id for c in ledger.claims(actor=old)] == [event[0]]  # readers follow the redirect
        found = ledger_entity(ledger, old)
        assert found is not None and found.id == survivor


def _entity_of_person(conn: Database, article: str, name: str) -> str:
    (row,) = conn.execute(
        "SELECT ae.entity_id FROM article_entities ae WHERE ae.article_id = ? AND ae.local_id = 'e1'",
        (article,),
    )
    return str(row[0])


def test_identity_repairs_a_ledger_written_before_entity_keys(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = connect(db)
    for article in REKEYED:
        store_batch(conn, [article], [])
    first = _entity_of(conn, "a1")
    conn.close()
    downgrade(db, 7)  # as an older reportedly left it: the creation key forgotten, the entity
    with sqlite3.connect(db) as old:  # re-keyed to the gazetteer id a linked article joined it under
        old.execute("UPDATE entities SET key = 'kb:Q9', kb_id = 'Q9' WHERE id = ?", (first,))
    old.close()
    conn = connect(db)  # migration 8 backfills current keys only; the id still names its key
    store_batch(conn, [LATER], [])
    assert _entity_of(conn, "a4") == first
    assert conn.execute("SELECT count(*) FROM entities").fetchone()[0] == 3


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


# How each article coded Hillary Clinton: the first read a code about her (a role), the second, later,
# only its frame's country (inferred); the third, bridging the two names, none.
CLINTON_CODES = [("USAELI", "ELI", "role", False), ("USA", None, "country", True), (None, None, None, False)]


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_identity_a_merge_keeps_the_code_read_about_the_entity(
    order: tuple[int, ...], new_ledger: Callable[..., str]
) -> None:
    """Merging two entities ranks their codes as one entity's articles are ranked (`_LATEST_CODE`): a
    code read about the entity outranks one inferred from an article's frame, however recent, and its
    `cameo_source` and `cameo_inferred` come with it, whichever entity survives."""
    conn = connect(new_ledger())
    for i in order:
        article = _clinton(i, CLINTON[i])
        cameo, sector, source, inferred = CLINTON_CODES[i]
        coded = tuple(
            dataclasses.replace(e, cameo=cameo, sector=sector, cameo_source=source, cameo_inferred=inferred)
            if e.name == CLINTON[i] else e
            for e in article.entities
        )
        store_batch(conn, [dataclasses.replace(article, entities=coded)], [])
    (survivor,) = {_entity_of_person(conn, f"c{i}", CLINTON[i]) for i in range(3)}
    row = conn.execute("SELECT cameo, sector, cameo_source, cameo_inferred FROM entities WHERE id = ?",
                       (survivor,)).fetchone()
    assert tuple(row) == ("USAELI", "ELI", "role", 0)
