"""The ledger's Python API: `reportedly.open(db)` returns a `Ledger`; the CLI and the web UI call it.

Every method returns frozen dataclasses from `reportedly.ledger.records` (or `reportedly.model`),
never database rows; `reportedly.model.to_dict` turns any of them into JSON.
"""

from __future__ import annotations

import json
import os
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from reportedly.errors import StoreError
from reportedly.ledger import search as fulltext
from reportedly.ledger.filters import check_filters, unknown_actor
from reportedly.ledger.records import (
    Claim,
    ClaimSource,
    ClaimSpeaker,
    Contradiction,
    DatedRole,
    EntityRef,
    EventSummary,
    LedgerEntity,
    MentionRef,
    SearchHit,
    SideCount,
    StatusChange,
    StoredFailure,
    TimelineEntry,
)
from reportedly.merge.status import OWN_VOICE, StanceFact, compute_status, side_counts, stored_origin
from reportedly.model import Article, EventDate, Location
from reportedly.store.codec import article_from_dict
from reportedly.store.database import Database, Pool, connect, is_url

# Rows a listing returns when the caller gives no limit.
DEFAULT_LIMIT = 1000
# Claims `iter_claims` reads and decodes at a time: enough that a round trip per chunk is noise
# (PostgreSQL: ~1 ms), few enough that the first claim is out after a tenth of the default listing.
CLAIMS_CHUNK = 100
# Letters in a token of the entity name index: shorter name filters cannot use it.
TRIGRAM = 3
# Shortest event id prefix accepted for an event: "ev_" and three hex digits.
MIN_PREFIX = 6


class Ledger:
    """A claim ledger database, opened for reading. Use `reportedly.open(path)`."""

    def __init__(self, db: Database) -> None:
        self._conn = db  # the database (`store.database.Database`), open read-only

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def actor_ids(self, actor: str) -> list[str]:
        """The ledger entities `actor` names: by name or alias (any case), id, gazetteer id, or an id
        merged into another entity (`entity_keys`). One indexed search per branch: an OR of them
        in one WHERE scanned every entity on PostgreSQL (40 ms at 50,000 entities, under load)."""
        rows = self._conn.execute(
            "SELECT id FROM entities WHERE name = ? COLLATE NOCASE "
            "UNION SELECT id FROM entities WHERE id = ? "
            "UNION SELECT id FROM entities WHERE kb_id = ? "
            "UNION SELECT entity_id FROM entity_aliases WHERE alias = ? COLLATE NOCASE "
            "UNION SELECT entity_id FROM entity_keys WHERE key = ?",
            (actor,) * 5,
        )
        return sorted(r[0] for r in rows)

    def _entity_names(self) -> list[str]:
        rows = self._conn.execute("SELECT name FROM entities UNION SELECT alias FROM entity_aliases")
        return [r[0] for r in rows]

    def _event_rows(
        self,
        actor: str | None,
        type: str | None,
        status: str | None,  # noqa: A002
        since: str | None,
        limit: int | None,
        offset: int = 0,
        *,
        min_origins: int | None = None,
    ) -> list[Any]:
        """The `events` rows `claims` decodes, latest first, from `offset` on (the web's pages)."""
        # ids first, then the rows of those only: sorting an actor's events reads `events_id_recent`
        # (migration 10) alone, not a whole row per event, and a deep page skips ids, not payloads.
        ids = self._event_ids(actor, type, status, since, limit, offset, min_origins=min_origins)
        return self._rows_of(ids)

    def _event_ids(
        self,
        actor: str | None,
        type: str | None,  # noqa: A002
        status: str | None,
        since: str | None,
        limit: int | None,
        offset: int = 0,
        *,
        min_origins: int | None = None,
    ) -> list[str]:
        """The ids of the events `claims` lists, latest first (the `events_recent` index's order,
        migration 3)."""
        where, args = self.event_filter(
            actor=actor, type=type, status=status, since=since, min_origins=min_origins
        )
        return [
            r[0]
            for r in self._conn.execute(
                f"SELECT id FROM events WHERE {where} "
                "ORDER BY last_published DESC NULLS LAST, id DESC LIMIT ? OFFSET ?",
                [*args, limit if limit is not None else DEFAULT_LIMIT, offset],
            )
        ]

    def _rows_of(self, ids: list[str]) -> list[Any]:
        """The `id, data` rows of these events (only what `claims` decodes), in the order of `ids`."""
        sql = "SELECT id, data FROM events WHERE id IN ({marks})"
        found = {r[0]: r for r in self._conn.rows_in(sql, ids)}
        return [found[i] for i in ids]

    def event_filter(
        self,
        *,
        actor: str | None,
        type: str | None,  # noqa: A002
        status: str | None,
        since: str | None,
        min_origins: int | None = None,
    ) -> tuple[str, list[object]]:
        """The WHERE clause over `events` and its arguments for `claims`' filters (the web's pages
        and totals select with the same one)."""
        where: list[str] = ["1 = 1"]
        args: list[object] = []
        if actor is not None:
            ids = self.actor_ids(actor)
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
        if min_origins is not None:  # the count stored with each event (migration 12)
            where.append("n_origins >= ?")
            args.append(min_origins)
        return " AND ".join(where), args

    def claims(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,  # noqa: A002
        status: str | None = None,
        since: str | None = None,
        limit: int | None = None,
        min_origins: int | None = None,
    ) -> list[Claim]:
        """Ledger events with every source's stance (the contract's claims objects).

        Args:
            actor: keep events in which this entity takes part (a name, an alias, an entity or kb id).
            type: keep events of this PLOVER type ("CONSULT").
            status: keep events with this ledger status ("disputed").
            since: keep events with a source published on or after this date (YYYY-MM-DD).
            limit: the most events returned (default `DEFAULT_LIMIT`), latest first.
            min_origins: keep events with at least this many independent origins (any side), by the
                count the writer stores with each event (`events.n_origins`, migration 12).

        Returns:
            the claims, latest publication first.

        Raises:
            InvalidArgument: an unknown type, status or actor, or `since` not a YYYY-MM-DD date; the
                message names the valid values (the CLI shows it and exits with 2).
        """
        self._check_claim_filters(actor, type, status, since)
        rows = self._event_rows(actor, type, status, since, limit, min_origins=min_origins)
        return self._decode_claims(rows)

    def iter_claims(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,  # noqa: A002
        status: str | None = None,
        since: str | None = None,
        limit: int | None = None,
        min_origins: int | None = None,
    ) -> Iterator[Claim]:
        """`claims(...)`, one claim at a time: the events' ids are read now (an unknown filter value
        raises here, as in `claims`), their stored objects `CLAIMS_CHUNK` at a time as the iterator
        is consumed (the ledger must stay open meanwhile). `reportedly claims` prints each claim
        as it is decoded instead of after the whole listing, holding one chunk in memory."""
        self._check_claim_filters(actor, type, status, since)
        ids = self._event_ids(actor, type, status, since, limit, min_origins=min_origins)
        return self._claims_of_ids(ids)

    def _check_claim_filters(
        self, actor: str | None, type: str | None, status: str | None, since: str | None  # noqa: A002
    ) -> None:
        """Raise `InvalidArgument` for an unknown type, status or actor, or a malformed `since`, before
        anything is read (`claims`, `iter_claims`)."""
        check_filters(type=type, status=status, since=since)
        if actor is not None and not self.actor_ids(actor):
            raise unknown_actor(actor, self._entity_names())

    def _claims_of_ids(self, ids: list[str]) -> Iterator[Claim]:
        shared = _Shared()  # one listing: its small records shared across chunks
        for start in range(0, len(ids), CLAIMS_CHUNK):
            yield from self._decode_claims(self._rows_of(ids[start : start + CLAIMS_CHUNK]), shared)

    def _decode_claims(self, rows: list[Any], shared: _Shared | None = None) -> list[Claim]:
        """`events` rows (`id, data`) as `Claim`s: each stored object decoded once, the entities they
        name read in one statement, the small records equal across claims made once (`_Shared`)."""
        datas = [json.loads(r[1]) for r in rows]
        refs = self._refs({i for d in datas for i in _entity_ids(d)})
        shared = _Shared() if shared is None else shared
        return [_claim(d, refs, shared) for d in datas]

    def claim(self, event_id: str) -> Claim | None:
        """One ledger event by id (a unique prefix of at least 6 characters also works)."""
        rows = self._conn.execute("SELECT data FROM events WHERE id = ?", (event_id,)).fetchall()
        if not rows and len(event_id) >= MIN_PREFIX:
            # ids are "ev_" and hex digits: "~" sorts after all of them, so this range is the prefix
            rows = self._conn.execute(
                "SELECT data FROM events WHERE id >= ? AND id < ? LIMIT 2", (event_id, event_id + "~")
            ).fetchall()
        if len(rows) != 1:
            return None
        data = json.loads(rows[0]["data"])
        return _claim(data, self._refs(set(_entity_ids(data))))

    def events(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,  # noqa: A002
        status: str | None = None,
        since: str | None = None,
        limit: int | None = None,
    ) -> list[EventSummary]:
        """Ledger events in one line each; the same filters as `claims`."""
        return [
            EventSummary(
                id=c.id,
                type=c.type,
                status=c.status,
                summary=c.summary,
                date=c.date.value if c.date else None,
                articles=len({m.article for m in c.mentions}),
                sources=len(c.sources),
                first_published=c.first_published,
                last_published=c.last_published,
                contradicted=bool(c.contradictions),
            )
            for c in self.claims(actor=actor, type=type, status=status, since=since, limit=limit)
        ]

    def timeline(self, event_id: str) -> list[TimelineEntry]:
        """Every source's statement on one event in publication order, with the status after each.

        Args:
            event_id: a ledger event id (or a unique prefix of 6+ characters).

        Returns:
            the entries, earliest first (undated sources first); empty when no such event.
        """
        claim = self.claim(event_id)
        if claim is None:
            return []
        row = self._conn.execute("SELECT data FROM events WHERE id = ?", (claim.id,)).fetchone()
        readings = json.loads(row[0]).get("readings", [])
        titles = {
            r[0]: r[1]
            for r in self._conn.execute(
                f"SELECT id, title FROM articles WHERE id IN ({','.join('?' * len(claim.sources))})",
                [s.article for s in claim.sources],
            )
        }
        ordered = sorted(claim.sources, key=lambda s: (s.published or "", s.article))
        out, facts = [], []
        for src in ordered:
            facts.append(_fact(src))
            out.append(
                TimelineEntry(
                    day=src.published,
                    article=src.article,
                    title=titles.get(src.article),
                    speaker=src.speaker,
                    stance=src.stance,
                    via=src.via,
                    status_after=compute_status(facts, readings),
                )
            )
        return out

    def entities(
        self,
        *,
        name: str | None = None,
        type: str | None = None,  # noqa: A002
        limit: int | None = None,
        offset: int = 0,
    ) -> list[LedgerEntity]:
        """People, organizations and places across all articles, with aliases and dated roles.

        Args:
            name: keep entities whose name or an alias contains this (case-insensitive); one or
                two letters must be a whole name or alias ("UN", "Xi").
            type: keep entities of this type (PERSON, ORG, GPE ...).
            limit: the most entities returned (default `DEFAULT_LIMIT`), most-mentioned first.
            offset: entities of that order to skip first.

        Returns:
            the entities, in most articles first, then by name.
        """
        where, args = _entity_filter(self._conn, name, type)
        rows = self._conn.execute(  # stored counts (migration 5): walks the entities_popular index
            f"SELECT e.* FROM entities e WHERE {where} ORDER BY e.n_articles DESC, e.name LIMIT ? OFFSET ?",
            [*args, limit if limit is not None else DEFAULT_LIMIT, offset],
        ).fetchall()
        return self._entities(rows)

    def count_entities(self, *, name: str | None = None, type: str | None = None) -> int:  # noqa: A002
        """How many entities `entities` returns with these filters and no limit."""
        where, args = _entity_filter(self._conn, name, type)
        return int(self._conn.execute(f"SELECT count(*) FROM entities e WHERE {where}", args).fetchone()[0])

    def _entities(self, rows: list[Any]) -> list[LedgerEntity]:
        """The entities of these `entities` rows, with their aliases, roles and affiliations read for
        all of them in three statements (one per entity each would be 1,500 for a 500-row page)."""
        ids = [r["id"] for r in rows]
        aliases: dict[str, list[str]] = defaultdict(list)
        for eid, alias in self._conn.rows_in(
            "SELECT entity_id, alias FROM entity_aliases WHERE entity_id IN ({marks}) "
            "GROUP BY entity_id, alias ORDER BY entity_id, count(*) DESC, alias",
            ids,
        ):
            aliases[eid].append(alias)
        roles: dict[str, list[DatedRole]] = defaultdict(list)
        for eid, role, article, published in self._conn.rows_in(
            "SELECT entity_id, role, article_id, published FROM entity_roles WHERE entity_id IN ({marks}) "
            "ORDER BY entity_id, coalesce(published, ''), role, article_id",
            ids,
        ):
            roles[eid].append(DatedRole(text=role, article=article, published=published))
        affiliations: dict[str, list[str]] = defaultdict(list)
        for eid, aff in self._conn.rows_in(
            "SELECT a.entity_id, coalesce(e.name, a.name) FROM entity_affiliations a "
            "LEFT JOIN entities e ON e.id = a.affiliation_id WHERE a.entity_id IN ({marks}) "
            "GROUP BY a.entity_id, 2 ORDER BY a.entity_id, 2",
            ids,
        ):
            affiliations[eid].append(aff)
        return [
            LedgerEntity(
                id=r["id"],
                name=r["name"],
                type=r["type"],
                kb_id=r["kb_id"],
                kind=r["kind"],
                country=r["country"],
                aliases=tuple(aliases[r["id"]]),
                roles=tuple(roles[r["id"]]),
                affiliations=tuple(affiliations[r["id"]]),
                articles=int(r["n_articles"]),
                mentions=int(r["n_mentions"]),
                events=int(r["n_events"]),
                cameo=r["cameo"],
                sector=r["sector"],
                cameo_source=r["cameo_source"],
                cameo_inferred=bool(r["cameo_inferred"]),
            )
            for r in rows
        ]

    def search(self, text: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Articles matching a full-text query (SQLite FTS5 or PostgreSQL text search), best first.

        A broad query ranks only its matches stored last: 10,000 on SQLite, 1,000 on PostgreSQL
        (`fulltext.rank_window`, see `reportedly.ledger.search`); `count_matches` says how many
        there are in all.

        Args:
            text: words to find; each is matched as a literal word (no query syntax is interpreted).
            limit: the most hits returned.
            offset: ranked hits to skip first.

        Returns:
            the hits with a snippet around the match.
        """
        return fulltext.search(self._conn, text, limit=limit, offset=offset)

    def search_ranked(self, text: str, *, limit: int = 20, offset: int = 0) -> tuple[list[SearchHit], int]:
        """`search`, and how many matches it ranked: all of them when there are fewer than the
        window (10,000 on SQLite, 1,000 on PostgreSQL), else the window's size, a lower bound of
        the matches (`count_matches` counts them). Costs what `search` costs."""
        return fulltext.search_ranked(self._conn, text, limit=limit, offset=offset)

    def count_matches(self, text: str, *, cap: int | None = None) -> int:
        """How many articles hold every word of `text`; with `cap`, counted no further than `cap`
        plus one (`cap + 1` means "more than `cap`")."""
        return fulltext.count_matches(self._conn, text, cap=cap)

    def article(self, article_id: str) -> Article | None:
        """One stored article, exactly as it was analyzed."""
        row = self._conn.execute("SELECT text, data FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def articles(self) -> Iterator[Article]:
        """Every stored article, in the order they were stored."""
        for row in self._conn.execute("SELECT text, data FROM articles ORDER BY rowid"):
            yield _article(row)

    def article_entities(self, article_id: str) -> dict[str, str]:
        """Which ledger entity each entity of one article became: {article entity id: ledger entity id}."""
        rows = self._conn.execute(
            "SELECT local_id, entity_id FROM article_entities WHERE article_id = ?", (article_id,)
        )
        return {r[0]: r[1] for r in rows}

    def failures(self) -> list[StoredFailure]:
        """Inputs that could not be ingested, with the reason (retry them with `ingest --retry-failed`)."""
        return [
            StoredFailure(path=r[0], error=r[1], attempts=r[2], last_seen=r[3])
            for r in self._conn.execute("SELECT path, error, attempts, last_seen FROM failures ORDER BY path")
        ]

    def _refs(self, ids: set[str]) -> dict[str, EntityRef]:
        """These entities as events refer to them (name and CAMEO code), read in chunked statements."""
        return {
            r[0]: EntityRef(id=r[0], name=r[1], cameo=r[2])
            for r in self._conn.rows_in("SELECT id, name, cameo FROM entities WHERE id IN ({marks})", ids)
        }


def open_ledger(path: str | Path) -> Ledger:
    """Open a ledger database for reading (it must exist; `reportedly ingest` creates it).

    Args:
        path: a database file or a PostgreSQL URL (`postgresql://user@host:port/dbname`).

    Raises:
        StoreError: no ledger at `path`, it cannot be read, or it needs `reportedly migrate`.
    """
    return Ledger(connect(path, readonly=True))


class Opener:
    """Opens the same ledger again and again (the web server, once per request): a SQLite file on one
    read-only connection per thread, a PostgreSQL ledger on a connection lent by a pool.

    Opening a SQLite ledger (connecting, reading its schema and version) costs 5-15 ms, a fifth of a
    typical page: each thread keeps its connection and opens a new one when the file was replaced or
    rewritten (another inode, size or modification time: a checkpoint of a running ingest costs one
    reopening) or a read failed. Every statement still reads the latest committed
    state (autocommit, WAL), as a fresh connection does.

    Args:
        target: a database file or a PostgreSQL URL; checked now (`StoreError` if unusable).
    """

    def __init__(self, target: str | Path) -> None:
        open_ledger(target).close()
        self.target = target if is_url(target) else Path(target).resolve()
        self._pool: Pool | None = None  # opened by the first request
        self._local = threading.local()

    @contextmanager
    def __call__(self) -> Iterator[Ledger]:
        """The ledger, open for reading for the block."""
        if not is_url(self.target):
            ledger = self._held()
            try:
                yield ledger
            except (StoreError, OSError):
                self._drop()  # the next request opens the file afresh
                raise
            return
        if self._pool is None:
            self._pool = Pool(str(self.target))
        with self._pool.database() as db:
            yield Ledger(db)

    def _held(self) -> Ledger:
        """This thread's ledger on the SQLite file, reopened when the file is another one now."""
        try:
            stat = os.stat(self.target)
            identity: tuple[int, ...] | None = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
        except OSError:
            identity = None  # gone: opening it says so (StoreError)
        held: tuple[tuple[int, ...] | None, Ledger] | None = getattr(self._local, "held", None)
        if held is not None and identity is not None and held[0] == identity:
            return held[1]
        self._drop()
        ledger = open_ledger(self.target)
        self._local.held = (identity, ledger)
        return ledger

    def _drop(self) -> None:
        held = getattr(self._local, "held", None)
        self._local.held = None
        if held is not None:
            held[1].close()

    def close(self) -> None:
        """Close the pooled connections, if any, and this thread's SQLite connection."""
        self._drop()
        if self._pool is not None:
            self._pool.close()
            self._pool = None


def _article(row: Any) -> Article:
    data = json.loads(row["data"])
    data["text"] = row["text"]
    return article_from_dict(data)


def _entity_filter(
    db: Database,
    name: str | None,
    type: str | None,  # noqa: A002
) -> tuple[str, list[object]]:
    """The WHERE clause over `entities e` for `Ledger.entities`' filters, and its arguments."""
    where: list[str] = ["1 = 1"]
    args: list[object] = []
    if name is not None:
        # every name an entity has had is one of its aliases, all in its trigram document
        # (migration 6): a quoted phrase there is a case-insensitive substring match read off the
        # index. One or two letters make no trigram: they match a whole alias ("UN", "Xi"), which
        # is what such a filter means, on the alias index (a substring scan took 0.5 s at 100k)
        if len(name) >= TRIGRAM and db.dialect == "postgresql":  # the same, on a pg_trgm index
            where.append("e.name_doc IN (SELECT rowid FROM entity_names WHERE names ILIKE ?)")
            args.append("%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        elif len(name) >= TRIGRAM:
            where.append("e.name_doc IN (SELECT rowid FROM entity_names WHERE entity_names MATCH ?)")
            args.append('"' + name.replace('"', '""') + '"')
        else:
            where.append("e.id IN (SELECT entity_id FROM entity_aliases WHERE alias = ? COLLATE NOCASE)")
            args.append(name)
    if type is not None:
        where.append("e.type = ? COLLATE NOCASE")
        args.append(type)
    return " AND ".join(where), args


def _entity_ids(d: dict[str, Any]) -> list[str]:
    return [*d["actors"], *d["recipients"], *(x for x in (d["host"], d["mediator"]) if x)]


def _fact(src: ClaimSource) -> StanceFact:
    if src.own_voice:
        return StanceFact(
            speaker=f"{OWN_VOICE}:{src.article}",
            kind=OWN_VOICE,
            stance=src.stance,
            participant=False,
            published=src.published,
        )
    key = src.speaker.entity or f"{src.speaker.kind}:{src.speaker.name}"
    return StanceFact(
        speaker=key,
        kind=src.speaker.kind,
        stance=src.stance,
        participant=src.participant,
        published=src.published,
        origin=src.origin,
    )


_R = TypeVar("_R")  # a record `_Shared` makes


class _Shared(dict[tuple[Any, ...], Any]):
    """The small records many claims of one listing hold equal (speakers, places, dates, status
    changes, side counts, unknown entities): made once and shared, since they are frozen.

    Building a frozen dataclass costs 1.5-5 µs (each field set through `object.__setattr__`), a
    dictionary look-up 0.15 µs (under load, 2026-12-07): a 1,000-claim listing makes ~12 records a
    claim, and a speaker, a place or a day recurs across the claims of a listing (issue 12)."""

    def get_or_make(self, kind: type[_R], *values: Any) -> _R:
        """The `kind(*values)` made first for these values."""
        key = (kind, *values)
        found: _R | None = self.get(key)
        if found is None:
            found = self[key] = kind(*values)
        return found


def _claim(d: dict[str, Any], refs: dict[str, EntityRef], shared: _Shared | None = None) -> Claim:
    """A stored claim object as the API's `Claim`; `shared` holds the records of the claims decoded
    before it in the same listing (see `_Shared`), for them to reuse."""
    make = (shared if shared is not None else _Shared()).get_or_make

    def ref(i: str) -> EntityRef:
        found = refs.get(i)
        return found if found is not None else make(EntityRef, i, i)

    def speaker(s: dict[str, Any]) -> ClaimSpeaker:
        return make(ClaimSpeaker, s["name"], s["kind"], s.get("entity"))

    loc = d["location"]
    location = (
        make(Location, loc["text"], loc.get("name"), loc.get("country"), loc.get("geonameid"),
             loc.get("source", "text"))
        if loc
        else None
    )  # fmt: skip
    when = d["date"]
    date = make(EventDate, when["text"], when.get("value"), when.get("source", "text")) if when else None
    actors = tuple(ref(i) for i in d["actors"])
    recipients = tuple(ref(i) for i in d["recipients"])
    sources = []
    reports = []
    for s in d["sources"]:
        copies = tuple(s["copies"])
        origin = stored_origin(s)
        sources.append(
            ClaimSource(
                speaker=speaker(s["speaker"]),
                via=tuple(s["via"]),
                stance=s["stance"],
                article=s["article"],
                published=s["published"],
                copies=copies,
                participant=s["participant"],
                content=s.get("content"),
                own_voice=s.get("own_voice", False),
                origin=origin,
            )
        )
        reports.append((s["stance"], origin, 1 + len(copies)))
    place = f" in {location.name or location.text}" if location else ""
    who = ", ".join(a.name for a in actors) or "?"
    host, mediator = d["host"], d["mediator"]
    return Claim(
        id=d["id"],
        type=d["type"],
        mode=d["mode"],
        cameo=d["cameo"],
        actors=actors,
        recipients=recipients,
        host=ref(host) if host else None,
        mediator=ref(mediator) if mediator else None,
        location=location,
        date=date,
        status=d["status"],
        mentions=tuple(MentionRef(m["article"], m["event"]) for m in d["mentions"]),
        sources=tuple(sources),
        history=tuple(make(StatusChange, h["day"], h["status"]) for h in d["history"]),
        contradictions=tuple(
            Contradiction(speaker(c["supports"]), speaker(c["denies"])) for c in d["contradictions"]
        ),
        first_published=d["first_published"],
        last_published=d["last_published"],
        summary=f"{d['type']}: {who}{place}",
        origins=tuple(make(SideCount, *count) for count in side_counts(reports)),
    )
