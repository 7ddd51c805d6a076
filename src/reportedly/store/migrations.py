"""Numbered schema migrations of the ledger database.

`PRAGMA user_version` (SQLite) or the one row of `reportedly_schema` (PostgreSQL) holds the number
of the last migration applied. Each migration runs in its own transaction with the version bump, so
a database is always at exactly one version. There is one history for both engines: each numbered
migration has its SQLite script here and its PostgreSQL script in `migrations_pg`. Append new
migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from reportedly.errors import StoreError
from reportedly.store.migrations_pg import POSTGRESQL
from reportedly.store.targets import describe

if TYPE_CHECKING:
    from reportedly.store.database import Database



_M1_CORE = """
CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    path          TEXT,
    url           TEXT,
    format        TEXT,
    title         TEXT,
    published     TEXT,
    language      TEXT,
    agency        TEXT,
    duplicate_of  TEXT,
    skipped       TEXT,
    text          TEXT NOT NULL,
    data          TEXT NOT NULL,           -- the contract's article object as JSON, without `text`
    ingested_at   TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_path ON articles(path);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
END;

CREATE TABLE failures (
    path        TEXT PRIMARY KEY,
    url         TEXT,
    format      TEXT,
    error       TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 1,
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL
);

CREATE TABLE entities (
    id       TEXT PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE,          -- kb:<gazetteer id> or <group>:<normalized name>
    nkey     TEXT NOT NULL,                 -- <group>:<normalized name>, also for kb entities
    block    TEXT,                          -- fuzzy-match block: surname, last word of an org
    name     TEXT NOT NULL,
    type     TEXT NOT NULL,
    kb_id    TEXT,
    kind     TEXT,
    country  TEXT
);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
CREATE INDEX entities_nkey ON entities(nkey);
CREATE INDEX entities_block ON entities(block);

CREATE TABLE article_entities (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id    TEXT NOT NULL,
    entity_id   TEXT NOT NULL REFERENCES entities(id),
    PRIMARY KEY (article_id, local_id)
);
CREATE INDEX article_entities_entity ON article_entities(entity_id);

CREATE TABLE entity_aliases (
    entity_id   TEXT NOT NULL REFERENCES entities(id),
    alias       TEXT NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (entity_id, alias, article_id)
);
CREATE INDEX entity_aliases_alias ON entity_aliases(alias COLLATE NOCASE);

CREATE TABLE entity_roles (
    entity_id   TEXT NOT NULL REFERENCES entities(id),
    role        TEXT NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    published   TEXT,
    PRIMARY KEY (entity_id, role, article_id)
);

CREATE TABLE entity_affiliations (
    entity_id       TEXT NOT NULL REFERENCES entities(id),
    name            TEXT NOT NULL,
    affiliation_id  TEXT REFERENCES entities(id),
    article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (entity_id, name, article_id)
);
CREATE INDEX entity_affiliations_aff ON entity_affiliations(affiliation_id);
"""

_M2_LEDGER = """
CREATE TABLE events (
    id               TEXT PRIMARY KEY,
    type             TEXT NOT NULL,
    status           TEXT NOT NULL,
    date_value       TEXT,
    first_published  TEXT,
    last_published   TEXT,
    n_mentions       INTEGER NOT NULL,
    n_sources        INTEGER NOT NULL,
    contradicted     INTEGER NOT NULL DEFAULT 0,
    data             TEXT NOT NULL            -- the contract's claim object as JSON
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_status ON events(status);
CREATE INDEX events_last ON events(last_published);

CREATE TABLE mentions (
    id             TEXT PRIMARY KEY,          -- <article id>/<event id in the article>
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id       TEXT NOT NULL,
    type           TEXT NOT NULL,
    published      TEXT,
    ref_date       TEXT,                      -- the event date if known, else the publication date
    data           TEXT NOT NULL,             -- the merge features (merge.events.EventMention) as JSON
    event_id       TEXT REFERENCES events(id) ON DELETE SET NULL
);
CREATE INDEX mentions_event ON mentions(event_id);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE mention_keys (
    key         TEXT NOT NULL,                -- blocking key: <type>|<entity id or place>
    mention_id  TEXT NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
    PRIMARY KEY (key, mention_id)
) WITHOUT ROWID;
CREATE INDEX mention_keys_mention ON mention_keys(mention_id);

CREATE TABLE event_participants (
    event_id   TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    entity_id  TEXT NOT NULL REFERENCES entities(id),
    role       TEXT NOT NULL,
    PRIMARY KEY (event_id, entity_id, role)
) WITHOUT ROWID;
CREATE INDEX event_participants_entity ON event_participants(entity_id);

CREATE TABLE event_status (
    event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    day       TEXT,
    status    TEXT NOT NULL,
    PRIMARY KEY (event_id, seq)
) WITHOUT ROWID;
"""

_M3_RECENT = """
CREATE INDEX events_recent ON events(last_published, id);
"""

_M4_FILTERED = """
CREATE INDEX events_status_recent ON events(status, last_published, id);
CREATE INDEX events_type_recent ON events(type, last_published, id);
"""

# Counts per entity kept by the writer (`store.writer`) in the batch's own transaction, so listings
# sort on an index instead of counting at query time; the UPDATEs backfill an existing ledger
# (mentions are summed from the stored article JSON, parsed once per article).
_M5_ENTITY_COUNTS = """
ALTER TABLE entities ADD COLUMN n_articles INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN n_mentions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN n_events INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET n_articles = c.n FROM (
    SELECT entity_id, count(DISTINCT article_id) AS n FROM article_entities GROUP BY entity_id
) AS c WHERE c.entity_id = entities.id;
UPDATE entities SET n_events = c.n FROM (
    SELECT entity_id, count(DISTINCT event_id) AS n FROM event_participants GROUP BY entity_id
) AS c WHERE c.entity_id = entities.id;
UPDATE entities SET n_mentions = c.n FROM (
    SELECT ae.entity_id, sum(json_array_length(je.value, '$.mentions')) AS n
    FROM articles a, json_each(a.data, '$.entities') AS je
    JOIN article_entities ae ON ae.article_id = a.id AND ae.local_id = json_extract(je.value, '$.id')
    GROUP BY ae.entity_id
) AS c WHERE c.entity_id = entities.id;
CREATE INDEX entities_popular ON entities(n_articles DESC, name);
"""

# Every name and alias of an entity in one document of a trigram index, so that "names holding
# these letters" (`Ledger.entities(name=...)`, the search page) is an index lookup. The document's
# rowid is kept in `entities.name_doc` (an entity's own rowid could change with VACUUM); the writer
# appends an alias to it the first time an article gives it.
_M6_ENTITY_NAMES = """
ALTER TABLE entities ADD COLUMN name_doc INTEGER;
UPDATE entities SET name_doc = rowid;
CREATE UNIQUE INDEX entities_name_doc ON entities(name_doc);
CREATE VIRTUAL TABLE entity_names USING fts5(names, tokenize = 'trigram');
INSERT INTO entity_names (rowid, names)
SELECT e.name_doc, (
    SELECT group_concat(alias, char(10))
    FROM (SELECT DISTINCT alias FROM entity_aliases a WHERE a.entity_id = e.id)
) FROM entities e;
"""

# `reportedly watch`: each polled feed's validators, and each linked article's progress, so a restarted
# watch asks only for what changed and fetches every article once.
_M7_WATCH = """
CREATE TABLE watch_sources (
    url            TEXT PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    last_polled    TEXT,
    last_error     TEXT
);
CREATE TABLE watch_links (
    url         TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    done        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX watch_links_pending ON watch_links(done, attempts);
"""

# Every exact key (`merge.entities.entity_key`: kb:<id> or <group>:<name>) a ledger entity has been
# known under: the key it was created under (its id is that key's hash), the gazetteer key it gained,
# the names it had before a rename. A key never moves to another entity, so an entity's id keeps its
# meaning when the entity is re-keyed or renamed, and every later article naming it by an old key
# finds it (issue 18). The backfill keeps each entity's current keys; the writer also recognizes a
# creation key by its hash (`store.entities.resolve_entity`), which repairs keys a ledger lost before.
_M8_ENTITY_KEYS = """
CREATE TABLE entity_keys (
    key        TEXT PRIMARY KEY,
    entity_id  TEXT NOT NULL REFERENCES entities(id)
) WITHOUT ROWID;
CREATE INDEX entity_keys_entity ON entity_keys(entity_id);
INSERT OR IGNORE INTO entity_keys (key, entity_id) SELECT key, id FROM entities;
INSERT OR IGNORE INTO entity_keys (key, entity_id) SELECT nkey, id FROM entities WHERE kb_id IS NULL;
"""

# CAMEO actor codes of ledger entities (issue 13): `cameo` (country + agent codes: RUSGOV, AFGREB, or a
# bare country RUS) and its primary `sector` (GOV, REB, MIL ...), read by the analysis from the
# gazetteer and the Phoenix agents dictionary. An entity seen in several articles keeps the first code
# any of them gave (the writer coalesces). Older entities have none until an article names them again.
_M9_ENTITY_CODES = """
ALTER TABLE entities ADD COLUMN cameo TEXT;
ALTER TABLE entities ADD COLUMN sector TEXT;
"""

# Indexes the readers need on a large ledger (issue 12, measured on a generated PostgreSQL ledger of a
# million events, `bench/pg_bench.py latency`):
# * `entities_kb`: `--actor` accepts a gazetteer id; without it the actor lookup scanned every entity;
# * `event_participants_entity_event` replaces `event_participants_entity`: an entity's event ids are
#   read off the index alone, not from a heap row per event (1,500 events: 1,400 pages);
# * `events_id_recent`: an actor's events are ordered by last publication from the index alone, and
#   only the page of them shown is read whole.
_M10_READER_INDEXES = """
CREATE INDEX entities_kb ON entities(kb_id);
CREATE INDEX event_participants_entity_event ON event_participants(entity_id, event_id);
DROP INDEX event_participants_entity;
CREATE INDEX events_id_recent ON events(id, last_published);
"""

# The publication date of the article whose CAMEO code a ledger entity carries (issue 13): an entity keeps
# the code of its latest article (ties: the greater code), as Phoenix dates an actor's codes (the Taliban
# AFGREB before 2021-08-15, AFGGOV from it), where it kept the alphabetically least code any article gave.
# Codes stored before have no date: the next dated article's code replaces them.
_M11_ENTITY_CODE_DATES = """
ALTER TABLE entities ADD COLUMN cameo_published TEXT;
"""

# Independent origins behind each event (`Claim.n_origins`), stored by the writer with the event so that
# `claims --min-origins N` selects in SQL over the whole ledger: counting them on the stored objects
# decoded 1,000 claims to find 20 (issue 12). The backfill counts them as `merge.status.stored_origin`
# does (a source written before origins were kept is its own speaker's origin).
_M12_EVENT_ORIGINS = """
ALTER TABLE events ADD COLUMN n_origins INTEGER NOT NULL DEFAULT 0;
UPDATE events SET n_origins = (
    SELECT count(DISTINCT coalesce(
        nullif(json_extract(s.value, '$.origin'), ''), nullif(json_extract(s.value, '$.key'), ''),
        json_extract(s.value, '$.speaker.kind') || ':' || json_extract(s.value, '$.speaker.name')))
    FROM json_each(events.data, '$.sources') s
);
CREATE INDEX events_origins ON events(n_origins);
"""

# PostgreSQL's full-text index moves to a table of its own (`migrations_pg._M13_SEARCH_TABLE`);
# SQLite's FTS5 index is one already: nothing to do here.
_M13_SEARCH_TABLE = ""

# How each ledger entity's CAMEO code was read (issue 13): `cameo_source` (gazetteer, name, role, party,
# wordnet, affiliation, country) and `cameo_inferred` (1 when the code's country is the article's frame),
# taken with the code from the same article (`store.entities._LATEST_CODE`). Codes stored before have
# none until an article names the entity again.
_M14_ENTITY_CODE_SOURCES = """
ALTER TABLE entities ADD COLUMN cameo_source TEXT;
ALTER TABLE entities ADD COLUMN cameo_inferred INTEGER;
"""

# PostgreSQL's text columns added by migrations 7-14 take the byte order (C collation) every other
# column has (`migrations_pg._M15_BYTE_ORDER`); SQLite compares text byte by byte already.
_M15_BYTE_ORDER = ""

# (version, name, SQL): applied in order; the version is the list position plus one.
MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "articles, failures, entities, full-text index", _M1_CORE),
    (2, "ledger events, mentions, blocking keys, status history", _M2_LEDGER),
    (3, "index serving the latest-first order of claims", _M3_RECENT),
    (4, "indexes serving claims filtered by status or type, latest first", _M4_FILTERED),
    (5, "stored article, mention and event counts per entity, most mentioned first", _M5_ENTITY_COUNTS),
    (6, "trigram index of entity names and aliases, one document per entity", _M6_ENTITY_NAMES),
    (7, "watch state: polled feeds' validators and their linked articles", _M7_WATCH),
    (8, "every key a ledger entity was known under: re-keying keeps an id's meaning", _M8_ENTITY_KEYS),
    (9, "CAMEO actor code and sector of each entity", _M9_ENTITY_CODES),
    (10, "indexes serving actor lookups and an actor's claims from the index alone", _M10_READER_INDEXES),
    (11, "publication date of each entity's CAMEO code: the latest article's wins", _M11_ENTITY_CODE_DATES),
    (12, "independent origins stored with each event", _M12_EVENT_ORIGINS),
    (13, "full-text index in a narrow table of its own (PostgreSQL)", _M13_SEARCH_TABLE),
    (14, "how each entity's CAMEO code was read and whether its country was inferred",
     _M14_ENTITY_CODE_SOURCES),
    (15, "byte order for every text column (PostgreSQL)", _M15_BYTE_ORDER),
)


def schema_version(db: Database) -> int:
    """The number of the last migration applied to this database (0 for a new one)."""
    if db.dialect == "sqlite":
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    if db.execute("SELECT to_regclass('reportedly_schema')").fetchone()[0] is None:
        return 0
    return int(db.execute("SELECT version FROM reportedly_schema").fetchone()[0])


def check_current(db: Database) -> None:
    """Refuse a database that is not a reportedly ledger at this version (read-only opening).

    Raises:
        StoreError: a new or foreign database, an older ledger (to migrate), or a newer one.
    """
    current, latest = schema_version(db), MIGRATIONS[-1][0]
    _refuse_newer_or_foreign(db, current)
    if current == 0:
        raise StoreError(
            f"{describe(db.target)}: not a reportedly ledger (create it with `reportedly ingest`)"
        )
    if current < latest:
        raise StoreError(
            f"{describe(db.target)}: the ledger is at schema version {current} and this reportedly "
            f"reads version {latest}: run `reportedly migrate --db {describe(db.target)}` (or any "
            "`reportedly ingest` into it) first"
        )


def _refuse_newer_or_foreign(db: Database, current: int) -> None:
    latest = MIGRATIONS[-1][0]
    if current > latest:
        raise StoreError(
            f"{describe(db.target)}: the database is at schema version {current}, newer than this "
            f"reportedly (knows up to {latest}): upgrade reportedly"
        )
    if current == 0 and db.has_tables():
        raise StoreError(f"{describe(db.target)}: not a reportedly ledger (it holds other tables)")


def migrate(db: Database) -> int:
    """Bring the database up to the latest schema, one migration per transaction.

    Each migration runs in a write transaction (on PostgreSQL under the writer lock), and checks
    the version again inside it: of several processes opening an old ledger at once, one applies
    each migration and the others find it applied.

    Args:
        db: an open database, not read-only.

    Returns:
        the schema version after migrating.

    Raises:
        StoreError: the database is newer than this version of reportedly knows, or not a ledger.
    """
    current = schema_version(db)
    latest = MIGRATIONS[-1][0]
    _refuse_newer_or_foreign(db, current)
    for version, _name, sql in MIGRATIONS[current:]:
        try:
            with db.transaction():
                if schema_version(db) >= version:  # another process applied it while this one waited
                    continue
                if db.dialect == "sqlite":
                    db.run_script(sql)
                    db.execute(f"PRAGMA user_version = {int(version)}")
                else:
                    db.run_script(POSTGRESQL[version])
                    db.execute("UPDATE reportedly_schema SET version = ?", (version,))
        except StoreError as err:
            raise StoreError(f"migration {version} failed: {err}") from err
        except sqlite3.Error as err:
            raise StoreError(f"migration {version} failed: {err}") from err
    return latest


def statements(sql: str) -> list[str]:
    """Split a migration script into complete statements (triggers hold semicolons of their own)."""
    out: list[str] = []
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    if pending.strip():
        out.append(pending.strip())
    return out


_statements = statements
