"""Writing an article's entities into the ledger: each becomes (or joins) one ledger entity.

The matching rules live in `reportedly.merge.entities`; this module looks up the candidates they
need in the database and records every alias, dated role and affiliation seen.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from reportedly.merge.claims import to_event_mention
from reportedly.merge.entities import (
    Candidate,
    better_name,
    block_key,
    entity_key,
    fuzzy_block,
    keys_match,
    ledger_entity_id,
    name_key,
)
from reportedly.merge.events import block_keys
from reportedly.model import Article, Entity
from reportedly.store.database import Database, rows_in


def _by_key(conn: Database, key: str) -> Candidate | None:
    """The ledger entity ever known under this exact key (migration 7), or None.

    A key recorded nowhere may still be an entity's creation key in a ledger written before
    migration 7 (whose entities lost it on re-keying): the entity's id is that key's hash.
    """
    row = conn.execute(
        "SELECT e.id, e.name, e.kb_id FROM entity_keys k JOIN entities e ON e.id = k.entity_id "
        "WHERE k.key = ?",
        (key,),
    ).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT id, name, kb_id FROM entities WHERE id = ?", (ledger_entity_id(key),)
        ).fetchone()
        if row is None or _creation_key_known(conn, row["id"]):
            return None  # (known: this key only shares the hash of another key, 48 bits)
        remember_key(conn, key, row["id"])
    return Candidate(id=row["id"], name=row["name"], kb_id=row["kb_id"])


def _creation_key_known(conn: Database, entity_id: str) -> bool:
    """Whether the key an entity was created under (the key its id hashes) is recorded."""
    keys = conn.execute("SELECT key FROM entity_keys WHERE entity_id = ?", (entity_id,))
    return any(ledger_entity_id(k) == entity_id for (k,) in keys)


def remember_key(conn: Database, key: str, entity_id: str) -> None:
    """Record that `entity_id` is known under `key`; a key already recorded keeps its entity."""
    conn.execute("INSERT INTO entity_keys (key, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                 (key, entity_id))


# entity_keys rows filing an unlinked entity's names by their fuzzy block (rule 3): "blk:<block>|<name>".
# '}' follows '|' in byte order, so one block's rows are the key range ["blk:<block>|", "blk:<block>}").
BLOCK_PREFIX = "blk:"


def _block_row(block: str, name: str) -> str:
    return f"{BLOCK_PREFIX}{block}|{name}"


def _file_name(conn: Database, entity: Entity, entity_id: str) -> None:
    """Record the exact key and the fuzzy block row of an unlinked article entity's name."""
    remember_key(conn, name_key(entity.name, entity.type), entity_id)
    block = fuzzy_block(entity.name, entity.type)
    if block is not None:
        remember_key(conn, _block_row(block, entity.name), entity_id)


def _fuzzy(conn: Database, entity: Entity) -> set[str]:
    """Rule 3: every unlinked ledger entity filed under a name that `keys_match`es the entity's name."""
    block = fuzzy_block(entity.name, entity.type)
    if block is None:
        return set()
    low, high = _block_row(block, ""), f"{BLOCK_PREFIX}{block}}}"
    rows = conn.execute(
        "SELECT key, entity_id FROM entity_keys WHERE key >= ? AND key < ?", (low, high)
    ).fetchall()
    return {
        entity_id
        for key, entity_id in rows
        if keys_match(entity.name, key[len(low) :], entity.type)
    }


def _find_unlinked(conn: Database, entity: Entity) -> tuple[Candidate | None, set[str]]:
    """The ledger entity an unlinked article entity joins, and the other ledger entities it matches
    (to merge into it), by rules 2-3; (None, empty) when it is new.

    An exact key found on a gazetteer-linked entity (a ledger written before linked entities kept
    apart from unlinked ones) is that entity, alone.
    """
    exact = _by_key(conn, entity_key(entity))
    if exact is not None and exact.kb_id:
        return exact, set()
    matched = _fuzzy(conn, entity) | ({exact.id} if exact else set())
    if not matched:
        return None, set()
    rows = conn.execute(
        f"SELECT id, name, kb_id FROM entities WHERE id IN ({','.join('?' * len(matched))}) "
        "AND kb_id IS NULL ORDER BY id",
        sorted(matched),
    ).fetchall()
    if not rows:
        return None, set()
    first = Candidate(id=rows[0]["id"], name=rows[0]["name"], kb_id=None)
    return first, {r["id"] for r in rows[1:]}


def new_entity_id(conn: Database, key: str) -> str:
    """The id of an entity created under `key`: the key's hash, or (on a 48-bit hash collision with
    an entity created under another key) the hash of the key numbered, so an id is never reused."""
    candidate, n = ledger_entity_id(key), 0
    while _taken(conn, candidate):
        n += 1
        candidate = ledger_entity_id(f"{key}#{n}")
    return candidate


def _taken(conn: Database, entity_id: str) -> bool:
    """Whether an id names an entity, or once did (an entity merged into another redirects)."""
    return bool(
        conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone()
        or conn.execute("SELECT 1 FROM entity_keys WHERE key = ?", (entity_id,)).fetchone()
    )


def _create(conn: Database, entity: Entity, published: str | None) -> str:
    key = entity_key(entity)
    new_id = new_entity_id(conn, key)
    conn.execute(
        "INSERT INTO entities (id, key, nkey, block, name, type, kb_id, kind, country, cameo, sector, "
        "cameo_published, cameo_source, cameo_inferred, name_doc) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "(SELECT coalesce(max(name_doc), 0) + 1 FROM entities))",
        (
            new_id,
            key,
            name_key(entity.name, entity.type),
            block_key(entity.name, entity.type),
            entity.name,
            entity.type,
            entity.kb_id,
            entity.kind,
            entity.country,
            entity.cameo,
            entity.sector,
            published if entity.cameo else None,
            entity.cameo_source if entity.cameo else None,
            int(entity.cameo_inferred) if entity.cameo else None,
        ),
    )
    remember_key(conn, key, new_id)
    if not entity.kb_id:
        _file_name(conn, entity, new_id)
    return new_id


def resolve_entity(conn: Database, entity: Entity, touched: Touched | None = None,
                   published: str | None = None) -> str:
    """The ledger entity id of an article entity, creating, updating or merging ledger entities.

    A gazetteer-linked entity is the ledger entity of its gazetteer id (rule 1) and never joins an
    unlinked one by name. An unlinked one joins every unlinked ledger entity its exact key (rule 2) or
    a `keys_match`ing name (rule 3) finds; when it finds several, they are one entity from now on: the
    one with the smallest id stays and the others redirect to it (`merge_entity`). So the entities do
    not depend on arrival order, and an id never changes meaning: a redirected id is found in
    `entity_keys` and names the entity that absorbed it.

    Args:
        conn: a connection inside a write transaction.
        entity: the article's entity.
        touched: receives the stored mentions a merge rewrote (their events must be re-merged) and
            the merged entity (its affiliations are new to the events that named the other).
        published: the article's publication date: the entity keeps the CAMEO code of its latest
            article (`_LATEST_CODE`).

    Returns:
        the ledger entity id.
    """
    if entity.kb_id:
        found = _by_key(conn, entity_key(entity))
        others: set[str] = set()
    else:
        found, others = _find_unlinked(conn, entity)
    if found is None:
        return _create(conn, entity, published)
    for loser in sorted(others):
        members = conn.execute(  # their organization is the survivor now
            "SELECT DISTINCT entity_id FROM entity_affiliations WHERE affiliation_id = ?", (loser,)
        ).fetchall()
        moved = merge_entity(conn, found.id, loser)
        if touched is not None:
            touched.mentions.extend(moved)
            touched.members |= {found.id, *(r[0] for r in members)}
    if not entity.kb_id:
        _file_name(conn, entity, found.id)
    _rename(conn, found.id, entity.name, entity.type)
    conn.execute(
        f"UPDATE entities SET {_LEAST_FIELDS}, {_LATEST_CODE} WHERE id = ?",
        _least_values(entity.kind, entity.country)
        + _latest_values(entity.cameo, entity.sector, published, entity.cameo_source, entity.cameo_inferred)
        + (found.id,),
    )
    return found.id


# An entity's kind and country: the least of those its article entities gave (none: NULL), so that
# they do not depend on which article arrived first. Binds (kind, kind, country, country).
_LEAST_COLUMNS = ("kind", "country")
# Each of these columns keeps the least value any article gave it, so it does not depend on which
# article arrived first.
_LEAST_FIELDS = ", ".join(
    f"{c} = CASE WHEN {c} IS NULL OR ? < {c} THEN coalesce(?, {c}) ELSE {c} END" for c in _LEAST_COLUMNS
)
# An entity's CAMEO code and sector: those of its latest article that gave a code (undated articles
# count as earliest; on one date, the greater code), as Phoenix dates an actor's codes (the Taliban
# AFGREB before 2021-08-15, AFGGOV from it): the result does not depend on arrival order either.
# `cameo_published` keeps the winning article's date, `cameo_source` and `cameo_inferred` how its code
# was read. A code read about the entity (not inferred from an article's frame; codes stored before
# migration 14 count as read) outranks an inferred one whatever the dates: an article that codes
# "Mike Pence" USA by its frame does not undo another's "Indiana Gov." USAGOV. Binds `_latest_values`.
_NEWER_CODE = (
    "(CAST(? AS TEXT) IS NOT NULL AND (cameo IS NULL OR ? > coalesce(1 - cameo_inferred, 1) "
    "OR (? = coalesce(1 - cameo_inferred, 1) AND (? > coalesce(cameo_published, '') "
    "OR (? = coalesce(cameo_published, '') AND ? > cameo)))))"
)
_LATEST_CODE = ", ".join(
    f"{c} = CASE WHEN {_NEWER_CODE} THEN ? ELSE {c} END"
    for c in ("cameo", "sector", "cameo_published", "cameo_source", "cameo_inferred")
)


def _least_values(*values: object) -> tuple[object, ...]:
    """The parameters of `_LEAST_FIELDS`: each value twice, in `_LEAST_COLUMNS` order."""
    return tuple(v for value in values for v in (value, value))


def _latest_values(cameo: str | None, sector: str | None, published: str | None, source: str | None = None,
                   inferred: bool | int | None = None) -> tuple[object, ...]:
    """The parameters of `_LATEST_CODE` for an article's code, sector, publication date, and how the
    code was read (`cameo_source`; `cameo_inferred`, stored 0 or 1)."""
    day = published or ""
    read = 0 if inferred else 1  # 1 - cameo_inferred: a code read about the entity ranks first
    test = (cameo, read, read, day, day, cameo)
    flag = None if inferred is None or not cameo else int(inferred)
    return (*test, cameo, *test, sector, *test, published if cameo else None,
            *test, source if cameo else None, *test, flag)


def _rename(conn: Database, entity_id: str, name: str, entity_type: str) -> None:
    """Give an entity the better of its display name and `name` (`better_name`: order-free)."""
    current = conn.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone()[0]
    best = better_name(current, name)
    if best != current:
        conn.execute(
            "UPDATE entities SET name = ?, nkey = ?, block = ? WHERE id = ?",
            (best, name_key(best, entity_type), block_key(best, entity_type), entity_id),
        )


# Tables whose rows belong to one entity (entity_id in their primary key), with their columns: a
# merge moves them.
_OWNED = {
    "entity_aliases": ("entity_id", "alias", "article_id"),
    "entity_roles": ("entity_id", "role", "article_id", "published"),
    "entity_affiliations": ("entity_id", "name", "affiliation_id", "article_id"),
    "event_participants": ("event_id", "entity_id", "role"),
}


def merge_entity(conn: Database, survivor: str, loser: str) -> list[str]:
    """Fold ledger entity `loser` into `survivor` (a later name showed they are one, rule 3).

    Every row of the loser moves to the survivor; its keys, and its id itself, stay in `entity_keys`
    as redirects to the survivor, so the loser's id keeps its meaning (the entity that now holds it)
    and is never given to another entity. The mentions of the articles naming the loser are rewritten
    with the survivor's id (their blocking keys too); the caller re-merges their events.

    Returns:
        the ids of the rewritten mentions.
    """
    row = conn.execute("SELECT name, type, kind, country, cameo, sector, cameo_published, cameo_source, "
                       "cameo_inferred, n_mentions, name_doc FROM entities "
                       "WHERE id = ?",
                       (loser,)).fetchone()
    articles = [r[0] for r in conn.execute(
        "SELECT DISTINCT article_id FROM article_entities WHERE entity_id = ?", (loser,))]
    conn.execute("UPDATE article_entities SET entity_id = ? WHERE entity_id = ?", (survivor, loser))
    conn.execute(
        "UPDATE entity_affiliations SET affiliation_id = ? WHERE affiliation_id = ?", (survivor, loser)
    )
    for table, columns in _OWNED.items():
        picked = ", ".join("?" if c == "entity_id" else c for c in columns)
        conn.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {picked} FROM {table} WHERE entity_id = ? "
            "ON CONFLICT DO NOTHING",
            (survivor, loser),
        )
        conn.execute(f"DELETE FROM {table} WHERE entity_id = ?", (loser,))
    conn.execute("UPDATE entity_keys SET entity_id = ? WHERE entity_id = ?", (survivor, loser))
    remember_key(conn, loser, survivor)  # the id itself redirects
    mention_ids = _rewrite_mentions(conn, articles, loser, survivor)
    _merge_names(conn, survivor, row["name_doc"])
    _rename(conn, survivor, row["name"], row["type"])
    conn.execute(
        f"UPDATE entities SET {_LEAST_FIELDS}, {_LATEST_CODE}, n_mentions = n_mentions + ?, "
        "n_articles = (SELECT count(DISTINCT article_id) FROM article_entities WHERE entity_id = ?), "
        "n_events = (SELECT count(DISTINCT event_id) FROM event_participants WHERE entity_id = ?) "
        "WHERE id = ?",
        _least_values(row["kind"], row["country"])
        + _latest_values(row["cameo"], row["sector"], row["cameo_published"], row["cameo_source"],
                         row["cameo_inferred"])
        + (row["n_mentions"], survivor, survivor, survivor),
    )
    conn.execute("DELETE FROM entities WHERE id = ?", (loser,))
    return mention_ids


def _rewrite_mentions(conn: Database, articles: list[str], loser: str, survivor: str) -> list[str]:
    """Rename the loser in the stored mentions of these articles (their payloads and blocking keys)."""
    rows = list(rows_in(conn, "SELECT id, data FROM mentions WHERE article_id IN ({marks})", articles))
    out: list[str] = []
    for mention_id, data in rows:
        new = data.replace(json.dumps(loser), json.dumps(survivor))
        if new == data:
            continue
        out.append(mention_id)
        conn.execute("UPDATE mentions SET data = ? WHERE id = ?", (new, mention_id))
        conn.execute("DELETE FROM mention_keys WHERE mention_id = ?", (mention_id,))
        conn.executemany(
            "INSERT INTO mention_keys VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(key, mention_id) for key in sorted(block_keys(to_event_mention(json.loads(new))))],
        )
    return out


def _merge_names(conn: Database, survivor: str, loser_doc: int) -> None:
    """Append the loser's name document (migration 6) to the survivor's, and drop it."""
    row = conn.execute("SELECT names FROM entity_names WHERE rowid = ?", (loser_doc,)).fetchone()
    if row is None:
        return
    doc = conn.execute("SELECT name_doc FROM entities WHERE id = ?", (survivor,)).fetchone()[0]
    mine = conn.execute("SELECT names FROM entity_names WHERE rowid = ?", (doc,)).fetchone()
    names = "\n".join([*([mine[0]] if mine else []), row[0]])
    if mine:
        conn.execute("UPDATE entity_names SET names = ? WHERE rowid = ?", (names, doc))
    else:
        conn.execute("INSERT INTO entity_names (rowid, names) VALUES (?, ?)", (doc, names))
    conn.execute("DELETE FROM entity_names WHERE rowid = ?", (loser_doc,))


@dataclass
class Touched:
    """What storing a batch's entities changed beyond its own articles.

    Attributes:
        mentions: stored mentions a merge of ledger entities rewrote (their events are re-merged).
        members: entities that gained an affiliation new to the ledger (an organization they belong
            to): the status of an event they take part in or speak in can change with it (on-record
            participants, `merge.claims`), so those events' claims are rebuilt.
    """

    mentions: list[str] = field(default_factory=list)
    members: set[str] = field(default_factory=set)


def events_naming(conn: Database, entity_ids: set[str]) -> set[str]:
    """The ledger events with a mention naming one of these entities (a participant or a speaker)."""
    out: set[str] = set()
    sql = (
        "SELECT event_id FROM mentions WHERE article_id IN ({marks}) AND event_id IS NOT NULL AND data LIKE ?"
    )
    for entity_id in sorted(entity_ids):
        articles = [r[0] for r in conn.execute(
            "SELECT DISTINCT article_id FROM article_entities WHERE entity_id = ?", (entity_id,))]
        out.update(r[0] for r in rows_in(conn, sql, articles, params=(f'%"{entity_id}"%',)))
    return out


def store_entities(conn: Database, article: Article, touched: Touched | None = None) -> dict[str, str]:
    """Resolve and record every entity of an article, with its aliases, roles and affiliations.

    Args:
        conn: a connection inside a write transaction.
        article: the article (already in `articles`).
        touched: receives what the article changed beyond itself (`Touched`).

    Returns:
        article entity id -> ledger entity id.
    """
    mapping: dict[str, str] = {}
    for e in article.entities:
        mapping[e.id] = resolve_entity(conn, e, touched, article.published)
    # an entity resolved early in the article may since have been merged into another
    mapping = {local: _redirect(conn, ledger_id) for local, ledger_id in mapping.items()}
    links: list[tuple[str, str, str]] = []
    aliases: list[tuple[str, str, str]] = []
    roles: list[tuple[str, str, str, str | None]] = []
    affiliations: list[tuple[str, str, str | None, str]] = []
    for e in article.entities:
        ledger_id = mapping[e.id]
        links.append((article.id, e.id, ledger_id))
        aliases.extend((ledger_id, alias, article.id) for alias in {e.name, *e.aliases})
        roles.extend((ledger_id, role.text, article.id, article.published) for role in e.roles)
        affiliations.extend(
            (ledger_id, a.name, mapping.get(a.entity) if a.entity else None, article.id)
            for a in e.affiliations
        )
    new_members = {
        ledger_id
        for ledger_id, _, aff, _ in affiliations
        if aff is not None
        and conn.execute(
            "SELECT 1 FROM entity_affiliations WHERE entity_id = ? AND affiliation_id = ? LIMIT 1",
            (ledger_id, aff),
        ).fetchone()
        is None
    }
    conn.executemany("INSERT INTO article_entities VALUES (?, ?, ?) ON CONFLICT DO NOTHING", links)
    _index_names(conn, {(ledger_id, alias) for ledger_id, alias, _ in aliases})
    conn.executemany("INSERT INTO entity_aliases VALUES (?, ?, ?) ON CONFLICT DO NOTHING", aliases)
    conn.executemany("INSERT INTO entity_roles VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", roles)
    conn.executemany(
        "INSERT INTO entity_affiliations VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", affiliations
    )
    _count_article(conn, article, mapping)
    if touched is not None:
        touched.members |= new_members
    return mapping


def _redirect(conn: Database, entity_id: str) -> str:
    """The entity an id names now: itself, or the entity it was merged into."""
    row = conn.execute("SELECT entity_id FROM entity_keys WHERE key = ?", (entity_id,)).fetchone()
    return str(row[0]) if row else entity_id


def _index_names(conn: Database, pairs: set[tuple[str, str]]) -> None:
    """Append the aliases no stored article gave yet to their entity's name document (migration 6)."""
    new: dict[str, list[str]] = {}
    for ledger_id, alias in sorted(pairs):
        seen = conn.execute(
            "SELECT 1 FROM entity_aliases WHERE entity_id = ? AND alias = ? LIMIT 1", (ledger_id, alias)
        ).fetchone()
        if seen is None:
            new.setdefault(ledger_id, []).append(alias)
    for ledger_id, aliases in new.items():
        doc = conn.execute("SELECT name_doc FROM entities WHERE id = ?", (ledger_id,)).fetchone()[0]
        row = conn.execute("SELECT names FROM entity_names WHERE rowid = ?", (doc,)).fetchone()
        names = "\n".join([*([row[0]] if row else []), *aliases])
        if row:
            conn.execute("UPDATE entity_names SET names = ? WHERE rowid = ?", (names, doc))
        else:
            conn.execute("INSERT INTO entity_names (rowid, names) VALUES (?, ?)", (doc, names))


def _count_article(conn: Database, article: Article, mapping: dict[str, str]) -> None:
    """Add a newly stored article to its ledger entities' article and mention counts (migration 5).

    The caller stores each article once (`store_batch` skips stored ids) in the same transaction,
    so the counts move with the rows they count: never doubled by a re-ingest, never half-written.
    """
    mentions: dict[str, int] = {}
    for e in article.entities:
        mentions[mapping[e.id]] = mentions.get(mapping[e.id], 0) + len(e.mentions)
    conn.executemany(
        "UPDATE entities SET n_articles = n_articles + 1, n_mentions = n_mentions + ? WHERE id = ?",
        [(n, ledger_id) for ledger_id, n in sorted(mentions.items())],
    )


def add_event_counts(conn: Database, delta: Mapping[str, int]) -> None:
    """Move entities' stored event counts (migration 5) by how many ledger events each gained
    (positive) or lost (negative) in a rewrite; the caller is inside the batch's transaction."""
    conn.executemany(
        "UPDATE entities SET n_events = n_events + ? WHERE id = ?",
        [(n, entity_id) for entity_id, n in sorted(delta.items()) if n],
    )


def affiliations_of(conn: Database, entity_ids: set[str]) -> dict[str, frozenset[str]]:
    """Ledger entity id -> ids of the ledger entities it is affiliated with (in any article)."""
    out: dict[str, set[str]] = {}
    sql = (
        "SELECT entity_id, affiliation_id FROM entity_affiliations "
        "WHERE affiliation_id IS NOT NULL AND entity_id IN ({marks})"
    )
    for row in rows_in(conn, sql, entity_ids):
        out.setdefault(row[0], set()).add(row[1])
    return {k: frozenset(v) for k, v in out.items()}
