"""Read queries the web UI needs and the `Ledger` API does not have (yet).

Each takes a `Ledger` and runs parameterized SQL against the schema of
`reportedly.store.migrations`; they return plain frozen dataclasses. They belong in
`reportedly.ledger.api` eventually: the names say what each would become there
(`ledger_entity` -> `Ledger.entity(id)`, `count_events` -> a total next to `Ledger.claims`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from reportedly.ledger import api as ledger_api
from reportedly.ledger.api import DEFAULT_LIMIT, Ledger
from reportedly.ledger.records import Claim, LedgerEntity
from reportedly.ledger.search import RANK_WINDOW
from reportedly.model import Lead
from reportedly.store.codec import from_dict
from reportedly.store.database import Database

# The order of `Ledger.claims` (latest publication first, undated last), which SQLite walks on the
# `events_recent` index (migration 3); a test pins that pages equal slices of `Ledger.claims`.
CLAIMS_ORDER = "ORDER BY last_published DESC NULLS LAST, id DESC"


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
    where, args = ["1 = 1"], []
    if actor is not None:
        ids = [
            r[0]
            for r in connection(ledger).execute(
                # the ledger's actor lookup, one indexed search per branch (a kb id is the key "kb:<id>")
                "SELECT id FROM entities WHERE name = ? COLLATE NOCASE "
                "UNION SELECT id FROM entities WHERE id = ? "
                "UNION SELECT id FROM entities WHERE key = 'kb:' || ? "
                "UNION SELECT entity_id FROM entity_aliases WHERE alias = ? COLLATE NOCASE",
                (actor,) * 4,
            )
        ]
        marks = ",".join("?" * len(ids)) or "NULL"
        where.append(f"id IN (SELECT event_id FROM event_participants WHERE entity_id IN ({marks}))")
        args.extend(ids)
    # PLOVER types are upper case and statuses lower case: exact matches walk the composite
    # indexes of migration 4 (a NOCASE comparison cannot use them and scans every event)
    for column, value in (("type", type and type.upper()), ("status", status and status.lower())):
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    if since is not None:
        where.append("last_published >= ?")
        args.append(since)
    return " AND ".join(where), args


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
    where, args = event_filter(ledger, actor=actor, type=type, status=status, since=since)
    conn = connection(ledger)
    # Ids first: sorting and skipping rows without their JSON payload is what keeps deep pages fast.
    ids = [
        r[0]
        for r in conn.execute(
            f"SELECT id FROM events WHERE {where} {CLAIMS_ORDER} LIMIT ? OFFSET ?", [*args, limit, offset]
        )
    ]
    marks = ",".join("?" * len(ids))
    found = {
        r[0]: json.loads(r[1])
        for r in conn.execute(f"SELECT id, data FROM events WHERE id IN ({marks})", ids)
    }
    datas = [found[i] for i in ids]
    refs = ledger._refs({i for d in datas for i in ledger_api._entity_ids(d)})  # noqa: SLF001
    return [ledger_api._claim(d, refs) for d in datas]  # noqa: SLF001


def count_events(
    ledger: Ledger,
    *,
    actor: str | None = None,
    type: str | None = None,  # noqa: A002
    status: str | None = None,
    since: str | None = None,
) -> int:
    """How many ledger events `Ledger.claims` would return with these filters and no limit."""
    where, args = event_filter(ledger, actor=actor, type=type, status=status, since=since)
    return int(connection(ledger).execute(f"SELECT count(*) FROM events WHERE {where}", args).fetchone()[0])


def event_types(ledger: Ledger) -> list[str]:
    """The event types present, for the ledger's filter form."""
    return [r[0] for r in connection(ledger).execute("SELECT DISTINCT type FROM events ORDER BY type")]


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
    """Entities sharing ledger events with this one (any role), most shared events first."""
    rows = connection(ledger).execute(
        "SELECT e.id, e.name, e.type, count(DISTINCT p2.event_id) AS n FROM event_participants p1 "
        "JOIN event_participants p2 ON p2.event_id = p1.event_id AND p2.entity_id != p1.entity_id "
        "JOIN entities e ON e.id = p2.entity_id WHERE p1.entity_id = ? "
        "GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?",
        (entity_id, limit),
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


def count_search(ledger: Ledger, text: str) -> int:
    """How many articles `Ledger.search(text)` can page through: its matches, up to the ranked window."""
    return min(ledger.count_matches(text), RANK_WINDOW)


__all__ = [
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
    "count_search",
    "counterparts",
    "counts",
    "event_types",
    "ledger_entity",
    "mentions",
    "recent_articles",
]
