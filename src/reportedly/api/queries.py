"""Read queries the web UI needs and the `Ledger` API does not have (yet).

Each takes a `Ledger` and runs parameterized SQL against the schema of
`reportedly.store.migrations`; they return plain frozen dataclasses. They belong in
`reportedly.ledger.api` eventually: the names say what each would become there
(`ledger_entity` -> `Ledger.entity(id)`, `count_events` -> a total next to `Ledger.claims`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from reportedly.ledger.api import DEFAULT_LIMIT, Ledger
from reportedly.ledger.records import Claim, LedgerEntity
from reportedly.ledger.search import rank_window
from reportedly.model import Lead
from reportedly.store.codec import from_dict
from reportedly.store.database import Database

# Events of one entity its counterparts are counted over (`counterparts`): enough to rank the 16 drawn
# (the busiest entity's top counterparts share hundreds of the sampled events); 5,000 took 105 ms of
# its page's 115 at a million events under load, 2,000 take 26 (issue 12).
COUNTERPART_EVENTS = 2000
# Events a listing's total counts up to (`count_events(cap=...)`): past it the page says "10,000+"
# of them, as GitHub's search does; counting every one of a million events took 150-300 ms on
# PostgreSQL under load (issue 12).
COUNT_CAP = 10_000


@dataclass(frozen=True, slots=True)
class Counts:
    """How much the ledger holds."""

    articles: int
    entities: int
    events: int
    mentions: int
    failures: int
    by_status: tuple[tuple[str, int], ...]  # (status, events), most common first


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article in a listing."""

    id: str
    title: str | None
    published: str | None
    agency: str | None
    duplicate_of: str | None


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One article's mention of a ledger event, with its evidence sentences."""

    article: str
    event: str  # the event's id inside the article
    title: str | None
    published: str | None
    evidence: str | None
    trigger: str | None


@dataclass(frozen=True, slots=True)
class Counterpart:
    """An entity that takes part in events with another one."""

    id: str
    name: str
    type: str
    events: int  # ledger events both take part in


def connection(ledger: Ledger) -> Database:
    """The ledger's read-only database (the queries here extend its API)."""
    return ledger._conn  # noqa: SLF001 (this module is the Ledger's extension, folded in later)


def counts(ledger: Ledger) -> Counts:
    """Articles, entities, events, mentions and failures stored, and events per status."""
    conn = connection(ledger)

    def one(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    statuses = tuple(
        (r[0], int(r[1]))
        for r in conn.execute(
            "SELECT status, count(*) FROM events GROUP BY status ORDER BY count(*) DESC, status"
        )
    )
    return Counts(
        articles=one("SELECT count(*) FROM articles"),
        entities=one("SELECT count(*) FROM entities"),
        events=sum(n for _, n in statuses),
        mentions=one("SELECT count(*) FROM mentions"),
        failures=one("SELECT count(*) FROM failures"),
        by_status=statuses,
    )


def recent_articles(ledger: Ledger, *, limit: int, offset: int = 0) -> list[ArticleRow]:
    """Articles, latest publication first (undated last), then latest stored first."""
    rows = connection(ledger).execute(
        "SELECT id, title, published, agency, duplicate_of FROM articles "
        "ORDER BY published DESC NULLS LAST, rowid DESC LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [ArticleRow(*r) for r in rows]


def article_leads(ledger: Ledger, ids: list[str]) -> dict[str, Lead | None]:
    """The stored `lead` of each of these articles, in one query: {article id: Lead or None}."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = connection(ledger).execute(f"SELECT id, data FROM articles WHERE id IN ({marks})", ids)
    return {r[0]: from_dict(Lead, json.loads(r[1]).get("lead")) for r in rows}


def article_titles(ledger: Ledger, ids: list[str]) -> dict[str, str | None]:
    """The title of each of these articles, in one query: {article id: title}."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = connection(ledger).execute(f"SELECT id, title FROM articles WHERE id IN ({marks})", ids)
    return {r[0]: r[1] for r in rows}


def event_filter(
    ledger: Ledger,
    *,
    actor: str | None,
    type: str | None,  # noqa: A002
    status: str | None,
    since: str | None,
) -> tuple[str, list[object]]:
    """The WHERE clause and arguments that select what `Ledger.claims` selects with these filters."""
    return ledger.event_filter(actor=actor, type=type, status=status, since=since)


def claims_page(
    ledger: Ledger,
    *,
    limit: int,
    offset: int = 0,
    actor: str | None = None,
    type: str | None = None,  # noqa: A002
    status: str | None = None,
    since: str | None = None,
) -> list[Claim]:
    """`Ledger.claims(...)[offset:offset + limit]`, without decoding the rows before `offset`."""
    rows = ledger._event_rows(actor, type, status, since, limit, offset)  # noqa: SLF001
    return ledger._decode_claims(rows)  # noqa: SLF001


def count_events(
    ledger: Ledger,
    *,
    actor: str | None = None,
    type: str | None = None,  # noqa: A002
    status: str | None = None,
    since: str | None = None,
    cap: int | None = None,
) -> int:
    """How many ledger events `Ledger.claims` would return with these filters and no limit.

    Args:
        cap: count no further than this many plus one: a count above `cap` means "more than
            `cap`" (`cap + 1` is returned), and costs what counting `cap` events costs. An actor
            alone is counted whole, off the entity's stored count or an index: the caller clamps.
    """
    if actor is not None and type is None and status is None and since is None:
        ids = ledger.actor_ids(actor)
        conn = connection(ledger)
        if len(ids) == 1:  # one entity: the count the writer keeps with it (migration 5)
            row = conn.execute("SELECT n_events FROM entities WHERE id = ?", ids).fetchone()
            return int(row[0]) if row else 0
        # several entities share the name: their events counted off
        # `event_participants_entity_event` (migration 10) without visiting each event
        marks = ",".join("?" * len(ids)) or "NULL"
        sql = (
            "SELECT count(*) FROM (SELECT DISTINCT event_id FROM event_participants "
            f"WHERE entity_id IN ({marks})) x"
        )
        return int(conn.execute(sql, ids).fetchone()[0])
    where, args = event_filter(ledger, actor=actor, type=type, status=status, since=since)
    if cap is None:
        sql = f"SELECT count(*) FROM events WHERE {where}"
    else:
        sql = f"SELECT count(*) FROM (SELECT 1 FROM events WHERE {where} LIMIT ?) x"
        args = [*args, cap + 1]
    return int(connection(ledger).execute(sql, args).fetchone()[0])


def event_types(ledger: Ledger) -> list[str]:
    """The event types present, for the ledger's filter form."""
    # one index probe per type on `events_type` (a loose index scan): DISTINCT read every event's
    # entry, 390 ms at a million events on PostgreSQL under load
    rows = connection(ledger).execute(
        "WITH RECURSIVE t(type) AS (SELECT min(type) FROM events UNION ALL "
        "SELECT (SELECT min(type) FROM events WHERE type > t.type) FROM t WHERE t.type IS NOT NULL) "
        "SELECT type FROM t WHERE type IS NOT NULL"
    )
    return [r[0] for r in rows]


def mentions(ledger: Ledger, event_id: str, *, limit: int, offset: int = 0) -> tuple[int, list[MentionRow]]:
    """Every article mention of one ledger event with its evidence, earliest publication first.

    Returns:
        the number of mentions and the page asked for.
    """
    conn = connection(ledger)
    total = int(conn.execute("SELECT count(*) FROM mentions WHERE event_id = ?", (event_id,)).fetchone()[0])
    rows = conn.execute(
        "SELECT m.article_id, m.local_id, a.title, m.published, json_extract(m.data, '$.evidence'), "
        "json_extract(m.data, '$.trigger') FROM mentions m JOIN articles a ON a.id = m.article_id "
        "WHERE m.event_id = ? ORDER BY m.published IS NULL, m.published, m.id LIMIT ? OFFSET ?",
        (event_id, limit, offset),
    )
    return total, [MentionRow(*r) for r in rows]


def ledger_entity(ledger: Ledger, entity_id: str) -> LedgerEntity | None:
    """One ledger entity by id (an id merged into another entity names that entity, `entity_keys`),
    with aliases, dated roles and affiliations."""
    row = (
        connection(ledger)
        .execute(
            "SELECT * FROM entities "
            "WHERE id = coalesce((SELECT entity_id FROM entity_keys WHERE key = ?), ?)",
            (entity_id, entity_id),
        )
        .fetchone()
    )
    return ledger._entities([row])[0] if row else None  # noqa: SLF001 (see the module docstring)


def count_entities(ledger: Ledger, *, name: str | None = None) -> int:
    """How many entities `Ledger.entities(name=...)` would return with no limit."""
    return ledger.count_entities(name=name)


def counterparts(ledger: Ledger, entity_id: str, *, limit: int) -> list[Counterpart]:
    """Entities sharing ledger events with this one (any role), most shared events first.

    Counted over at most `COUNTERPART_EVENTS` of the entity's events, those first in id order:
    event ids are hashes, so for an entity in more events than that (the busiest in a million-event
    ledger take part in 140,000) this is a uniform sample, and the counts are the sample's; below
    it they are exact. Counting all took seconds for such an entity (issue 12)."""
    rows = connection(ledger).execute(
        "SELECT e.id, e.name, e.type, count(DISTINCT p2.event_id) AS n "
        "FROM (SELECT DISTINCT event_id FROM event_participants WHERE entity_id = ? "
        "ORDER BY event_id LIMIT ?) p1 "
        "JOIN event_participants p2 ON p2.event_id = p1.event_id AND p2.entity_id != ? "
        "JOIN entities e ON e.id = p2.entity_id "
        "GROUP BY e.id, e.name, e.type ORDER BY n DESC, e.name LIMIT ?",
        (entity_id, COUNTERPART_EVENTS, entity_id, limit),
    )
    return [Counterpart(id=r[0], name=r[1], type=r[2], events=int(r[3])) for r in rows]


def article_entity_ids(ledger: Ledger, article_id: str) -> dict[str, str]:
    """An article's entity ids ("e3") mapped to ledger entity ids."""
    return {
        r[0]: r[1]
        for r in connection(ledger).execute(
            "SELECT local_id, entity_id FROM article_entities WHERE article_id = ?", (article_id,)
        )
    }


def article_event_ids(ledger: Ledger, article_id: str) -> dict[str, str]:
    """An article's event ids ("v1") mapped to the ledger events they were merged into."""
    return {
        r[0]: r[1]
        for r in connection(ledger).execute(
            "SELECT local_id, event_id FROM mentions WHERE article_id = ? AND event_id IS NOT NULL",
            (article_id,),
        )
    }


def search_window(ledger: Ledger) -> int:
    """How many of a search's latest matches are ranked, so paged through (engine-dependent)."""
    return rank_window(connection(ledger))


__all__ = [
    "COUNT_CAP",
    "claims_page",
    "DEFAULT_LIMIT",
    "ArticleRow",
    "Counterpart",
    "Counts",
    "MentionRow",
    "article_entity_ids",
    "article_event_ids",
    "count_entities",
    "count_events",
    "counterparts",
    "counts",
    "event_types",
    "ledger_entity",
    "mentions",
    "recent_articles",
    "search_window",
]
