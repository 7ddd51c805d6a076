"""Writing an article's entities into the ledger: each becomes (or joins) one ledger entity.

The matching rules live in `reportedly.merge.entities`; this module looks up the candidates they
need in the database and records every alias, dated role and affiliation seen.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportedly.merge.entities import (
    Candidate,
    better_name,
    block_key,
    entity_key,
    ledger_entity_id,
    lookup_blocks,
    name_key,
    pick_match,
)
from reportedly.model import Article, Entity
from reportedly.store.database import Database, rows_in

# Aliases fetched per candidate for fuzzy matching: enough to hold every surface form of one actor.
MAX_CANDIDATE_ALIASES = 50
# More candidates than this in one block is ambiguity, not evidence: the entity stays apart (and the
# matching stays cheap in a ledger of millions of entities: "per:khan:a" should not be searched whole).
MAX_CANDIDATES = 20


def _rows(conn: Database, sql: str, args: tuple[str, ...]) -> list[Candidate]:
    rows = conn.execute(sql, (*args, MAX_CANDIDATES + 1)).fetchall()
    ids = [r["id"] for r in rows]
    aliases: dict[str, list[str]] = {}
    if ids:
        marks = ",".join("?" * len(ids))
        for entity_id, alias in conn.execute(
            f"SELECT DISTINCT entity_id, alias FROM entity_aliases WHERE entity_id IN ({marks})", ids
        ):
            if len(aliases.setdefault(entity_id, [])) < MAX_CANDIDATE_ALIASES:
                aliases[entity_id].append(alias)
    return [
        Candidate(id=r["id"], name=r["name"], kb_id=r["kb_id"], aliases=tuple(aliases.get(r["id"], ())))
        for r in rows
    ]


def _candidates(conn: Database, entity: Entity) -> list[Candidate] | None:
    """Ledger entities filed under the entity's blocks; None when there are too many to tell apart."""
    blocks, prefix = lookup_blocks(entity.name, entity.type)
    found: list[Candidate] = []
    for block in blocks:
        found += _rows(conn, "SELECT id, name, kb_id FROM entities WHERE block = ? LIMIT ?", (block,))
    if prefix:  # "~" sorts after every folded letter and "*": the range holds exactly the prefix
        found += _rows(
            conn,
            "SELECT id, name, kb_id FROM entities WHERE block >= ? AND block < ? LIMIT ?",
            (prefix, prefix + "~"),
        )
    return None if len(found) > MAX_CANDIDATES else found


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


def _find(conn: Database, entity: Entity) -> Candidate | None:
    found = _by_key(conn, entity_key(entity))
    if found:
        return found
    same_name = [
        c
        for c in _rows(
            conn,
            "SELECT id, name, kb_id FROM entities WHERE nkey = ? LIMIT ?",
            (name_key(entity.name, entity.type),),
        )
        if not (entity.kb_id and c.kb_id)
    ]
    if len(same_name) == 1:
        return same_name[0]
    candidates = _candidates(conn, entity)
    return pick_match(entity, candidates) if candidates else None


def new_entity_id(conn: Database, key: str) -> str:
    """The id of an entity created under `key`: the key's hash, or (on a 48-bit hash collision with
    an entity created under another key) the hash of the key numbered, so an id is never reused."""
    candidate, n = ledger_entity_id(key), 0
    while conn.execute("SELECT 1 FROM entities WHERE id = ?", (candidate,)).fetchone():
        n += 1
        candidate = ledger_entity_id(f"{key}#{n}")
    return candidate


def _create(conn: Database, entity: Entity) -> str:
    key = entity_key(entity)
    new_id = new_entity_id(conn, key)
    conn.execute(
        "INSERT INTO entities (id, key, nkey, block, name, type, kb_id, kind, country, cameo, sector, "
        "name_doc) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(name_doc), 0) + 1 FROM entities))",
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
        ),
    )
    remember_key(conn, key, new_id)
    return new_id


def resolve_entity(conn: Database, entity: Entity) -> str:
    """The ledger entity id of an article entity, creating or updating the ledger entity.

    An id never changes meaning: a ledger entity that gains a gazetteer id or a better name keeps
    its id, and every key it was known under stays recorded in `entity_keys`, so a later article
    naming it by any of them finds it (issue 18: it used to be created again, under a taken id).

    Args:
        conn: a connection inside a write transaction.
        entity: the article's entity.

    Returns:
        the ledger entity id.
    """
    found = _find(conn, entity)
    if found is None:
        return _create(conn, entity)
    name = entity.name if entity.kb_id and not found.kb_id else better_name(found.name, entity.name)
    if entity.kb_id and not found.kb_id:
        conn.execute(
            "UPDATE entities SET kb_id = ?, key = ? WHERE id = ?",
            (entity.kb_id, entity_key(entity), found.id),
        )
        remember_key(conn, entity_key(entity), found.id)
    if name != found.name:
        conn.execute(  # the name it had stays a way to find it
            "INSERT INTO entity_keys (key, entity_id) SELECT nkey, id FROM entities WHERE id = ? "
            "ON CONFLICT DO NOTHING",
            (found.id,),
        )
        conn.execute(
            "UPDATE entities SET name = ?, nkey = ?, block = ? WHERE id = ?",
            (name, name_key(name, entity.type), block_key(name, entity.type), found.id),
        )
    conn.execute(
        "UPDATE entities SET kind = coalesce(kind, ?), country = coalesce(country, ?), "
        "cameo = coalesce(cameo, ?), sector = coalesce(sector, ?) WHERE id = ?",
        (entity.kind, entity.country, entity.cameo, entity.sector, found.id),
    )
    return found.id


def store_entities(conn: Database, article: Article) -> dict[str, str]:
    """Resolve and record every entity of an article, with its aliases, roles and affiliations.

    Args:
        conn: a connection inside a write transaction.
        article: the article (already in `articles`).

    Returns:
        article entity id -> ledger entity id.
    """
    mapping = {e.id: resolve_entity(conn, e) for e in article.entities}
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
    conn.executemany("INSERT INTO article_entities VALUES (?, ?, ?) ON CONFLICT DO NOTHING", links)
    _index_names(conn, {(ledger_id, alias) for ledger_id, alias, _ in aliases})
    conn.executemany("INSERT INTO entity_aliases VALUES (?, ?, ?) ON CONFLICT DO NOTHING", aliases)
    conn.executemany("INSERT INTO entity_roles VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", roles)
    conn.executemany(
        "INSERT INTO entity_affiliations VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", affiliations
    )
    _count_article(conn, article, mapping)
    return mapping


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
