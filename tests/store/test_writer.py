"""Storing batches: idempotent, read back unchanged, failures kept with their reason."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import reportedly
from reportedly.model import Article, Failure, SourceRef
from reportedly.store.database import connect
from reportedly.store.writer import store_batch
from tests.store.builders import (
    ArticleBuilder,
    moscow_meeting,
    name_documents,
    recount_entities,
    stored_counts,
)


def _articles() -> list:
    return [
        moscow_meeting("a1", "2021-11-29", "a source close to NRF", "anonymous", "assert"),
        moscow_meeting("a2", "2021-12-01", "Zabihullah Mujahid", "person", "deny", member_of="Taliban"),
    ]


def _counts(db: Path) -> dict[str, int]:
    conn = connect(db)
    tables = ("articles", "entities", "article_entities", "mentions", "events", "entity_aliases", "failures")
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


@pytest.mark.parametrize("batches", [1, 2])
def test_writer_restore_is_noop(tmp_path: Path, batches: int) -> None:
    db = tmp_path / "l.db"
    conn = connect(db)
    arts = _articles()
    assert store_batch(conn, arts[:batches], []) == batches
    store_batch(conn, arts, [])
    before = _counts(db)
    assert store_batch(conn, arts + arts, []) == 0
    assert _counts(db) == before
    assert before["articles"] == 2 and before["events"] == 1


def _tehran_talks(aid: str, published: str) -> Article:
    """Massoud in another event (Tehran, a month later), named twice: his counts must add up."""
    b = ArticleBuilder(aid, published=published)
    b.entity("Ahmad Massoud", kb_id="rp:ahmad-massoud")
    b.entity("Iran", "GPE", kb_id="cty:IRN", kind="government")
    b.event("CONSULT", actors=("Ahmad Massoud",), recipients=("Iran",), place="Tehran", date=published)
    art = b.build()
    massoud = art.entities[0]
    twice = replace(massoud, mentions=massoud.mentions * 2)
    return replace(art, entities=(twice, *art.entities[1:]))


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 0, 1), (1, 2, 0)])
@pytest.mark.parametrize("batch", [1, 3])
def test_writer_entity_counts_kept_and_never_doubled(
    tmp_path: Path, order: tuple[int, ...], batch: int
) -> None:
    arts = [*_articles(), _tehran_talks("a3", "2022-01-10")]
    conn = connect(tmp_path / "l.db")
    ordered = [arts[i] for i in order]
    for start in range(0, len(ordered), batch):
        store_batch(conn, ordered[start : start + batch], [])
    counts = stored_counts(conn)
    assert counts == recount_entities(conn)
    massoud = conn.execute("SELECT id FROM entities WHERE kb_id = 'rp:ahmad-massoud'").fetchone()[0]
    assert counts[massoud] == (3, 4, 2)  # three articles, named 1 + 1 + 2 times, two ledger events
    store_batch(conn, ordered + ordered, [])  # re-ingest: nothing new, nothing counted twice
    assert stored_counts(conn) == counts
    docs, aliases = name_documents(conn)
    assert docs == aliases  # each name once in its entity's document, every entity indexed


@pytest.mark.parametrize("index", [0, 1])
def test_writer_reads_back_unchanged(tmp_path: Path, index: int) -> None:
    db = tmp_path / "l.db"
    arts = _articles()
    store_batch(connect(db), arts, [])
    with reportedly.open(db) as ledger:
        assert ledger.article(arts[index].id) == arts[index]
        assert list(ledger.articles()) == arts


def test_writer_failures_counted_and_cleared(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    conn = connect(db)
    art = _articles()[0]
    bad = Failure(SourceRef(path=art.source.path, url=None, format="text"), "analysis failed: boom")
    store_batch(conn, [], [bad])
    store_batch(conn, [], [bad])
    with reportedly.open(db) as ledger:
        (failure,) = ledger.failures()
    assert (failure.path, failure.attempts, failure.error) == (art.source.path, 2, "analysis failed: boom")
    store_batch(conn, [art], [])
    with reportedly.open(db) as ledger:
        assert ledger.failures() == []


@pytest.mark.parametrize("hostile", ["'); DROP TABLE articles; --", '" OR 1=1 --', "[bold]x[/bold] *"])
def test_writer_untrusted_text_stored_verbatim(tmp_path: Path, hostile: str) -> None:
    from dataclasses import replace

    db = tmp_path / "l.db"
    art = replace(_articles()[0], title=hostile, text=_articles()[0].text + hostile)
    store_batch(connect(db), [art], [])
    with reportedly.open(db) as ledger:
        assert ledger.article(art.id) == art
        assert ledger.search(hostile) or ledger.search("Moscow")


@pytest.mark.parametrize("index", [0, 1])
def test_writer_article_json_is_the_contract(index: int) -> None:
    import json

    from reportedly.model import article_to_dict
    from reportedly.store.writer import article_json

    article = _articles()[index]
    expected = article_to_dict(article)
    del expected["text"]
    assert json.loads(article_json(article)) == expected


def test_writer_article_json_real_analysis(seed_article) -> None:  # type: ignore[no-untyped-def]
    import json

    from reportedly.model import article_to_dict
    from reportedly.store.writer import article_json

    expected = article_to_dict(seed_article)
    del expected["text"]
    assert json.loads(article_json(seed_article)) == expected


def test_writer_writes_a_batchs_events_in_one_statement_per_table(tmp_path: Path) -> None:
    """The events a batch forms are written with one statement per table, however many (on PostgreSQL
    each statement is a round trip; it was four per event)."""
    conn = connect(tmp_path / "l.db")
    days = ("2019-01-10", "2020-06-10", "2021-11-29")  # far apart: three events, not one
    arts = [moscow_meeting(f"a{i}", d, "Zabihullah Mujahid", "person", "deny") for i, d in enumerate(days)]
    seen: list[str] = []
    execute, executemany = conn.execute, conn.executemany

    def traced(sql: str, *rest: object) -> object:
        seen.append(sql)
        return execute(sql, *rest)  # type: ignore[arg-type]

    def traced_many(sql: str, *rest: object) -> None:
        seen.append(sql)
        executemany(sql, *rest)  # type: ignore[arg-type]

    conn.execute, conn.executemany = traced, traced_many  # type: ignore[method-assign]
    store_batch(conn, arts, [])
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == len(days)
    writes = ("INSERT INTO events ", "INSERT INTO event_participants", "INSERT INTO event_status",
              "UPDATE mentions SET event_id")
    assert [sum(s.startswith(w) for s in seen) for w in writes] == [1, 1, 1, 1]
    conn.close()


def test_rows_in_binds_the_values_after_the_in_list_with_every_chunk(tmp_path: Path) -> None:
    """`rows_in` asks `size` ids at a time and binds `params` (the placeholders after `IN (...)`) with
    each chunk: `store.entities.events_naming` filters every chunk of articles by one entity."""
    conn = connect(tmp_path / "l.db")
    conn.execute("CREATE TABLE t (id TEXT, tag TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(f"a{i}", "x" if i % 2 else "y") for i in range(7)])
    sql = "SELECT id FROM t WHERE id IN ({marks}) AND tag = ?"
    found = [r[0] for r in conn.rows_in(sql, [f"a{i}" for i in range(7)], size=3, params=("x",))]
    assert found == ["a1", "a3", "a5"]
    conn.close()
