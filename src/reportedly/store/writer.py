"""Writing analyzed articles into the ledger, one transaction per batch.

A batch is written whole or not at all: its articles, entities, event mentions, the ledger events
those mentions change, and the failures of the batch. A process killed mid-batch leaves the
database as it was after the previous batch; the next ingest skips what is stored and goes on.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from typing import Any

from reportedly.merge.claims import build_claim, mention_payload, participants, to_event_mention
from reportedly.merge.events import block_keys, cluster, pair_score
from reportedly.merge.status import OWN_VOICE, n_origins
from reportedly.model import Article, Failure
from reportedly.store.database import Database, rows_in, transaction
from reportedly.store.entities import (
    Touched,
    add_event_counts,
    affiliations_of,
    events_naming,
    store_entities,
)


def now() -> str:
    """The current UTC time, ISO 8601, to the second."""
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()


def stored_ids(conn: Database, ids: Iterable[str]) -> set[str]:
    """Which of these article ids are already in the database."""
    return {r[0] for r in rows_in(conn, "SELECT id FROM articles WHERE id IN ({marks})", ids)}


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _plain(value: object) -> object:
    """`json.dumps` hook: a record becomes the dict of its fields (what `model.to_dict` gives, built
    lazily by the C encoder instead of copied up front: storing stays cheap next to the analysis)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: getattr(value, name) for name in _field_names(type(value))}
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"cannot store a {type(value).__name__} in an article record")


def article_json(article: Article) -> str:
    """The contract's article object as JSON, without `text` (stored in its own column)."""
    data = {name: getattr(article, name) for name in _field_names(Article) if name != "text"}
    if not data["extra"]:
        del data["extra"]
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=_plain)


def _article_row(article: Article, stamp: str) -> tuple[object, ...]:
    agency = article.dateline.agency if article.dateline else None
    return (
        article.id,
        article.source.path,
        article.source.url,
        article.source.format,
        article.title,
        article.published,
        article.language,
        agency,
        article.duplicate_of,
        article.skipped,
        article.text,
        article_json(article),
        stamp,
    )


def store_batch(conn: Database, articles: list[Article], failures: list[Failure]) -> int:
    """Store a batch of analyzed articles and failed inputs in one transaction.

    Articles already stored (same id) are skipped; a failure is recorded by input path, counting
    attempts; a path that now yields an article loses its failure.

    Args:
        conn: a connection from `store.database.connect`.
        articles: analyzed articles.
        failures: inputs that could not be read or analyzed.

    Returns:
        the number of articles newly stored.
    """
    stamp = now()
    with transaction(conn):
        have = stored_ids(conn, (a.id for a in articles))
        new: dict[str, Article] = {}
        for article in articles:
            if article.id not in have:
                new.setdefault(article.id, article)
        touched = Touched()
        new = _earliest_originals(conn, new, touched.mentions)
        conn.executemany(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_article_row(a, stamp) for a in new.values()],
        )
        for article in new.values():  # (a merge of ledger entities adds the stored mentions it rewrote)
            touched.mentions.extend(_store_mentions(conn, article, store_entities(conn, article, touched)))
        conn.executemany(
            "INSERT INTO failures (path, url, format, error, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(path) DO UPDATE SET error = excluded.error, attempts = failures.attempts + 1, "
            "last_seen = excluded.last_seen",
            [(f.source.path or "-", f.source.url, f.source.format, f.error, stamp, stamp) for f in failures],
        )
        conn.executemany(
            "DELETE FROM failures WHERE path = ?", [(a.source.path,) for a in articles if a.source.path]
        )
        written = recluster(conn, touched.mentions)
        # events recluster has just written already read the affiliations this batch stored
        rebuild_claims(conn, events_naming(conn, touched.members) - written)
    return len(new)


# What decides which article of a copy cluster is the original: (publication, text length, id).
Precedence = tuple[str | None, int, str]


def _when(key: Precedence) -> tuple[bool, str, int, str]:
    """Sort key of a syndicated copy's candidates for original: the earliest published (undated last);
    on the same day the longest text (copies are cut more often than lengthened), then the smallest id;
    so the original of a copy cluster does not depend on arrival order."""
    published, length, article_id = key
    return (published is None, published or "", -length, article_id)


def _earliest_originals(conn: Database, new: dict[str, Article], rewritten: list[str]) -> dict[str, Article]:
    """The batch's articles with `duplicate_of` naming the earliest-published article of their copy
    cluster (the copy finder names the first to arrive). A new article published before its cluster's
    original becomes the original: the stored members are rewritten to name it (their mentions too,
    whose ids go to `rewritten`, to re-merge their events).
    """
    out = dict(new)
    for aid in list(out):
        article = out[aid]
        if article.duplicate_of is None:
            continue
        root_key = _original_of(conn, out, article.duplicate_of)
        root = root_key[2] if root_key else None
        if root_key is None or root == aid:
            out[aid] = replace(article, duplicate_of=None) if root == aid else article
            continue
        if _when((article.published, len(article.text), aid)) > _when(root_key):
            out[aid] = replace(article, duplicate_of=root)
            continue
        out[aid] = replace(article, duplicate_of=None)  # the earliest: the cluster's original now
        for bid, other in out.items():
            if bid == root or other.duplicate_of == root:
                out[bid] = replace(other, duplicate_of=aid)
        members = "SELECT id FROM articles WHERE id = ? OR duplicate_of = ?"
        stored = [r[0] for r in conn.execute(members, (root, root))]
        rewritten.extend(_set_original(conn, stored, aid))
    return out


def _original_of(conn: Database, batch: dict[str, Article], copied: str) -> Precedence | None:
    """The original of the cluster an article copies (it, or the article it copies), as what ranks it;
    None when that article is nowhere."""
    if copied in batch:
        original = batch[copied].duplicate_of or copied
    else:
        row = conn.execute("SELECT duplicate_of FROM articles WHERE id = ?", (copied,)).fetchone()
        if row is None:
            return None
        original = row[0] or copied
    if original in batch:
        return batch[original].published, len(batch[original].text), original
    row = conn.execute("SELECT published, length(text) FROM articles WHERE id = ?", (original,)).fetchone()
    return (row[0], int(row[1]), original) if row else None


def _set_original(conn: Database, article_ids: list[str], original: str) -> list[str]:
    """Make stored articles copies of `original` (their record, and their mentions' payloads: the
    original they count as, their own voice's key); returns the rewritten mention ids."""
    out: list[str] = []
    for aid in sorted(article_ids):
        (data,) = conn.execute("SELECT data FROM articles WHERE id = ?", (aid,)).fetchone()
        record = json.loads(data)
        record["duplicate_of"] = original
        conn.execute(
            "UPDATE articles SET duplicate_of = ?, data = ? WHERE id = ?",
            (original, json.dumps(record, ensure_ascii=False, sort_keys=True), aid),
        )
        mentions = conn.execute("SELECT id, data FROM mentions WHERE article_id = ?", (aid,)).fetchall()
        for mention_id, payload in mentions:
            mention = json.loads(payload)
            mention["duplicate_of"] = original
            for source in mention["sources"]:
                if source["speaker"].get("own_voice"):
                    source["speaker"]["key"] = f"{OWN_VOICE}:{original}"
            conn.execute(
                "UPDATE mentions SET data = ? WHERE id = ?",
                (json.dumps(mention, ensure_ascii=False, sort_keys=True), mention_id),
            )
            out.append(mention_id)
    return out


def _store_mentions(conn: Database, article: Article, entity_map: dict[str, str]) -> list[str]:
    rows: list[tuple[Any, ...]] = []
    keys: list[tuple[str, str]] = []
    for event in article.events:
        payload = mention_payload(article, event, entity_map)
        date = payload["date"]["value"] if payload["date"] else None
        rows.append(
            (
                payload["id"],
                article.id,
                event.id,
                event.type,
                article.published,
                date or article.published,
                json.dumps(payload, ensure_ascii=False, sort_keys=True),
            )
        )
        keys.extend((key, payload["id"]) for key in block_keys(to_event_mention(payload)))
    conn.executemany(
        "INSERT INTO mentions (id, article_id, local_id, type, published, ref_date, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        rows,
    )
    conn.executemany("INSERT INTO mention_keys VALUES (?, ?) ON CONFLICT DO NOTHING", keys)
    return [r[0] for r in rows]


def _load(conn: Database, ids: Iterable[str], into: dict[str, dict[str, Any]]) -> None:
    for row in rows_in(conn, "SELECT id, data FROM mentions WHERE id IN ({marks})", set(ids) - set(into)):
        into[row[0]] = json.loads(row[1])


def _component(conn: Database, mention_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Every mention joined to these through pairs that may merge (`merge.events.pair_score`).

    The clustering of this component is the clustering a rebuild of the whole ledger would give it:
    merges only happen along such pairs. Blocking keys (time-bucketed) bound each step's lookups.

    Returns:
        mention id -> stored payload, for every member of the component.
    """
    payloads: dict[str, dict[str, Any]] = {}
    _load(conn, mention_ids, payloads)
    features = {m: to_event_mention(p) for m, p in payloads.items()}
    members, frontier = set(features), sorted(features)
    while frontier:
        by_key: dict[str, list[str]] = {}
        for key in sorted({k for m in frontier for k in block_keys(features[m])}):
            by_key[key] = []
        keyed = "SELECT key, mention_id FROM mention_keys WHERE key IN ({marks})"
        for key, mid in rows_in(conn, keyed, by_key):
            by_key[key].append(mid)
        found: set[str] = set()
        seen: dict[str, dict[str, Any]] = {}
        _load(conn, {n for ids in by_key.values() for n in ids} - members, seen)
        features.update((m, to_event_mention(p)) for m, p in seen.items() if m not in features)
        for m in frontier:
            for key in block_keys(features[m]):
                found.update(
                    n
                    for n in by_key[key]
                    if n not in members and n in features and pair_score(features[m], features[n]) is not None
                )
        payloads.update((m, seen[m]) for m in found)
        members |= found
        frontier = sorted(found)
    return payloads


def recluster(conn: Database, mention_ids: list[str]) -> set[str]:
    """Re-merge the mentions these new ones can join, and rewrite the ledger events they form.

    Args:
        conn: a connection inside a write transaction.
        mention_ids: mentions just stored.

    Returns:
        the ids of the ledger events written.
    """
    if not mention_ids:
        return set()
    payloads = _component(conn, mention_ids)
    linked = "SELECT DISTINCT event_id FROM mentions WHERE id IN ({marks}) AND event_id IS NOT NULL"
    old_events = {r[0] for r in rows_in(conn, linked, payloads)}
    while True:  # every mention of an event rewritten here is re-merged with it (after an entity merge
        # renamed participants, an old event's mentions need not all be reachable by the new pairs)
        members = "SELECT id FROM mentions WHERE event_id IN ({marks})"
        missing = {r[0] for r in rows_in(conn, members, old_events)} - set(payloads)
        if not missing:
            break
        payloads.update(_component(conn, sorted(missing)))
        old_events |= {r[0] for r in rows_in(conn, linked, payloads)}
    everyone = set().union(*(participants(p) for p in payloads.values()))
    # each entity's event count loses the events rewritten here and gains the ones written anew
    events_delta = Counter(_participants_of(conn, old_events))
    for entity_id in events_delta:
        events_delta[entity_id] *= -1
    conn.executemany("DELETE FROM events WHERE id = ?", [(e,) for e in sorted(old_events)])
    groups = cluster(to_event_mention(p) for p in payloads.values())
    speakers = {
        s["speaker"]["entity"] for p in payloads.values() for s in p["sources"] if s["speaker"]["entity"]
    }
    affiliations = affiliations_of(conn, everyone | speakers)
    claims = [build_claim([payloads[m] for m in sorted(group)], affiliations) for group in groups]
    for participants_of_event in _write_events(conn, claims):
        events_delta.update(participants_of_event)
    add_event_counts(conn, events_delta)
    return {claim["id"] for claim in claims}


def rebuild_claims(conn: Database, event_ids: set[str]) -> None:
    """Rebuild the claims (sources, status, history) of these ledger events from their mentions, with
    the affiliations the ledger knows now; their mentions stay grouped as they are."""
    if not event_ids:
        return
    payloads: dict[str, list[dict[str, Any]]] = {}
    sql = "SELECT event_id, data FROM mentions WHERE event_id IN ({marks})"
    for event_id, data in list(rows_in(conn, sql, event_ids)):
        payloads.setdefault(event_id, []).append(json.loads(data))
    people = set().union(*(participants(p) for group in payloads.values() for p in group))
    speakers = {
        s["speaker"]["entity"]
        for group in payloads.values()
        for p in group
        for s in p["sources"]
        if s["speaker"]["entity"]
    }
    affiliations = affiliations_of(conn, people | speakers)
    conn.executemany("DELETE FROM events WHERE id = ?", [(e,) for e in sorted(payloads)])
    _write_events(conn, [build_claim(sorted(group, key=lambda p: p["id"]), affiliations)
                         for _, group in sorted(payloads.items())])


def _participants_of(conn: Database, event_ids: set[str]) -> list[str]:
    """The entity of every distinct (event, entity) participation in these events."""
    sql = "SELECT DISTINCT entity_id, event_id FROM event_participants WHERE event_id IN ({marks})"
    return [r[0] for r in rows_in(conn, sql, event_ids)]


def _write_events(conn: Database, claims: list[dict[str, Any]]) -> list[set[str]]:
    """Insert ledger events with their participants and status histories, one statement per table for
    all of them (a round trip each on PostgreSQL: it was four per event); returns each one's participants.
    """
    events: list[tuple[Any, ...]] = []
    roles: list[list[tuple[str, str, str]]] = []
    history: list[tuple[str, int, str, str]] = []
    linked: list[tuple[str, str]] = []
    for claim in claims:
        mentions, sources = claim["mentions"], claim["sources"]
        events.append((
            claim["id"],
            claim["type"],
            claim["status"],
            (claim["date"] or {}).get("value"),
            claim["first_published"],
            claim["last_published"],
            len(mentions),
            len(sources),
            int(bool(claim["contradictions"])),
            n_origins(claim),
            json.dumps(claim, ensure_ascii=False, sort_keys=True),
        ))
        own = [(claim["id"], a, "actor") for a in claim["actors"]]
        own += [(claim["id"], r, "recipient") for r in claim["recipients"]]
        own += [(claim["id"], claim[k], k) for k in ("host", "mediator") if claim[k]]
        roles.append(own)
        history.extend((claim["id"], i, h["day"], h["status"]) for i, h in enumerate(claim["history"]))
        linked.extend((claim["id"], f"{m['article']}/{m['event']}") for m in mentions)
    conn.executemany(
        "INSERT INTO events (id, type, status, date_value, first_published, last_published, n_mentions, "
        "n_sources, contradicted, n_origins, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events,
    )
    conn.executemany("INSERT INTO event_participants VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                     [role for own in roles for role in own])
    conn.executemany("INSERT INTO event_status VALUES (?, ?, ?, ?)", history)
    conn.executemany("UPDATE mentions SET event_id = ? WHERE id = ?", linked)
    return [{r[1] for r in own} for own in roles]
