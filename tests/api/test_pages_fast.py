"""Long pages stay fast: no listing asks the database once per row (a 500-row entity page was
1,500 queries, a search page one query per hit), and the batched reads equal the Ledger's."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import reportedly
from reportedly.api import queries, views


def statements(ledger_db: Path, view: Callable[..., dict[str, Any]], *args: Any, limit: int) -> int:
    """How many SQL statements one view runs for a page of `limit` rows, counted where every statement
    passes on either engine (`Database.execute`, `executemany`)."""
    seen: list[str] = []
    with reportedly.open(ledger_db) as ledger:
        db = queries.connection(ledger)
        execute, executemany = db.execute, db.executemany

        def traced(sql: str, *rest: Any) -> Any:
            seen.append(sql)
            return execute(sql, *rest)

        def traced_many(sql: str, *rest: Any) -> Any:
            seen.append(sql)
            return executemany(sql, *rest)

        db.execute, db.executemany = traced, traced_many  # type: ignore[method-assign]
        view(ledger, *args, page=views.Page(limit, 0))
    return len(seen)


@pytest.mark.parametrize(
    ("kind", "args"),
    [
        ("claims", ()),
        ("entities", ()),
        ("search", ("Moscow",)),
        ("search", ("said",)),
        ("event", ("event",)),
        ("entity", ("entity",)),
    ],
)
def test_pages_query_count_does_not_grow_with_the_page(
    ledger_db: Path, ids: dict[str, str], kind: str, args: tuple[str, ...]
) -> None:
    view = getattr(views, kind)
    args = tuple(ids.get(a, a) for a in args)
    short, long = (statements(ledger_db, view, *args, limit=n) for n in (1, views.MAX_PAGE))
    assert long == short, (kind, short, long)


def test_pages_connection_kept_per_thread_and_reopened_when_the_file_changes(
    ledger_db: Path, tmp_path: Path
) -> None:
    import shutil

    from reportedly.api.app import _env, _Site
    from reportedly.errors import StoreError
    from reportedly.store.database import is_url

    if is_url(ledger_db):
        pytest.skip("a ledger file replaced under the server: PostgreSQL ledgers are read through a pool")
    db = tmp_path / "ledger.db"
    shutil.copyfile(ledger_db, db)
    site = _Site(db, _env())

    used: list[Any] = []

    def conn_and_count(ledger: Any) -> dict[str, Any]:
        used.append(queries.connection(ledger))
        return {"n": queries.counts(ledger).articles}

    assert site.call(conn_and_count)["n"] > 0 and site.call(conn_and_count)["n"] > 0
    assert used[0] is used[1]  # no reopening per request
    emptied = tmp_path / "other.db"
    shutil.copyfile(ledger_db, emptied)
    conn = sqlite3.connect(emptied)
    with conn:  # committed, then closed: nothing left in a -wal file
        conn.execute("DELETE FROM failures")
        conn.execute("INSERT INTO failures (path, error, first_seen, last_seen) VALUES ('x', 'y', 'z', 'z')")
    conn.close()
    emptied.replace(db)  # a new file under the same name (another inode)
    after = site.call(lambda ledger: {"failures": queries.counts(ledger).failures})
    assert after == {"failures": 1}
    db.unlink()
    with pytest.raises(StoreError, match="no such database"):
        site.call(conn_and_count)


def test_pages_overview_and_article_show_the_lead_line(ledger_db: Path) -> None:
    with reportedly.open(ledger_db) as ledger:
        stored = {a.id: a for a in ledger.articles()}
        rows = views.overview(ledger)["articles"]
        page = views.article(ledger, rows[0]["id"])
    assert rows and all(row["lead"] == views.lead_line(stored[row["id"]].lead) for row in rows)
    assert any(row["lead"] for row in rows)
    lead = stored[rows[0]["id"]].lead
    assert page["article"]["lead_line"] == views.lead_line(lead)
    assert lead is None or lead.who is None or page["article"]["lead_line"].startswith(lead.who.text)


def test_pages_overview_html_shows_the_lead_line(client: Any, ledger_db: Path) -> None:
    with reportedly.open(ledger_db) as ledger:
        lines = [row["lead"] for row in views.overview(ledger)["articles"] if row["lead"]]
    html = client.get("/").text
    assert 'class="lead-line"' in html and html.count('class="lead-line"') == len(lines)


def test_pages_reader_shortcuts_equal_the_whole_queries(
    ledger_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The large-ledger shortcuts (issue 12) answer what the plain queries answer: an entity's total
    off the participants index, the event types by a loose index scan, counterparts below the
    sample bound; above it, counts are over the sample only."""
    with reportedly.open(ledger_db) as ledger:
        everything = ledger.claims(limit=10**6)
        assert queries.event_types(ledger) == sorted({c.type for c in everything})
        db = queries.connection(ledger)
        entities = [r[0] for r in db.execute("SELECT DISTINCT entity_id FROM event_participants")]
        assert entities
        for entity in entities:
            assert queries.count_events(ledger, actor=entity) == len(ledger.claims(actor=entity, limit=10**6))
            whole = db.execute(
                "SELECT e.id, count(DISTINCT p2.event_id) AS n FROM event_participants p1 "
                "JOIN event_participants p2 ON p2.event_id = p1.event_id AND p2.entity_id != p1.entity_id "
                "JOIN entities e ON e.id = p2.entity_id WHERE p1.entity_id = ? GROUP BY e.id",
                (entity,),
            ).fetchall()
            found = queries.counterparts(ledger, entity, limit=10**6)
            assert {(c.id, c.events) for c in found} == {(r[0], r[1]) for r in whole}
        monkeypatch.setattr(queries, "COUNTERPART_EVENTS", 1)
        busiest = max(entities, key=lambda e: queries.count_events(ledger, actor=e))
        assert all(c.events == 1 for c in queries.counterparts(ledger, busiest, limit=10**6))


def test_pages_entity_page_says_when_counterparts_are_a_sample(
    client: Any, ledger_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A busy entity's counterparts are counted over a sample of its events: the page says so, with the
    sample's size and the entity's event count; below the bound it says nothing."""
    with reportedly.open(ledger_db) as ledger:
        db = queries.connection(ledger)
        entities = [r[0] for r in db.execute("SELECT DISTINCT entity_id FROM event_participants")]
        busiest = max(entities, key=lambda e: queries.count_events(ledger, actor=e))
        total = queries.count_events(ledger, actor=busiest)
    assert total > 1
    assert "Counted over a sample" not in client.get(f"/entities/{busiest}").text
    monkeypatch.setattr(queries, "COUNTERPART_EVENTS", 1)
    html = client.get(f"/entities/{busiest}").text
    assert f"Counted over a sample of 1 of its {total:,} events." in html
