"""The PostgreSQL scripts of the ledger's numbered migrations (`store.migrations` holds SQLite's).

Migration N here makes the same tables, columns and indexes as SQLite's migration N, so one
history numbers both engines. Three things the shared statements rely on are supplied here:

* every text column compares and sorts byte by byte (`COLLATE "C"`, as SQLite's default BINARY),
  whatever the database's own locale, so listings come out in the same order on both engines;
* a case-insensitive collation named `nocase`, so `name = ? COLLATE NOCASE` reads the same;
* `rowid` columns on `articles` (storage order) and a `json_extract(text, '$.a.b')` function.

Full-text search uses a stored `tsvector` (the `simple` configuration over unaccented text, as
SQLite's `unicode61 remove_diacritics` tokenizer folds case and accents) under a GIN index; the
entity name index is a `pg_trgm` GIN index. Both extensions ship with PostgreSQL and are trusted:
the database owner may create them.
"""

from __future__ import annotations

import re


def _c_text(sql: str) -> str:
    """Every TEXT column of a script in byte order (the C collation)."""
    return re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', sql)


_M1_CORE = _c_text(
    """
CREATE TABLE reportedly_schema (version INTEGER NOT NULL);
INSERT INTO reportedly_schema VALUES (0);
CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE OR REPLACE FUNCTION reportedly_unaccent(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN unaccent('unaccent'::regdictionary, value);
CREATE OR REPLACE FUNCTION json_extract(doc text, path text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN (doc::jsonb) #>> string_to_array(substr(path, 3), '.');

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
    data          TEXT NOT NULL,
    ingested_at   TEXT NOT NULL,
    rowid         BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    fts           tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', reportedly_unaccent(coalesce(title, '') || ' ' || text))
    ) STORED
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_path ON articles(path);
CREATE INDEX articles_fts ON articles USING gin (fts);

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
    key      TEXT NOT NULL UNIQUE,
    nkey     TEXT NOT NULL,
    block    TEXT,
    name     TEXT NOT NULL,
    type     TEXT NOT NULL,
    kb_id    TEXT,
    kind     TEXT,
    country  TEXT
);
CREATE INDEX entities_name ON entities(name COLLATE nocase);
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
CREATE INDEX entity_aliases_alias ON entity_aliases(alias COLLATE nocase);

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
)

_M2_LEDGER = _c_text(
    """
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
    data             TEXT NOT NULL
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_status ON events(status);
CREATE INDEX events_last ON events(last_published);

CREATE TABLE mentions (
    id             TEXT PRIMARY KEY,
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id       TEXT NOT NULL,
    type           TEXT NOT NULL,
    published      TEXT,
    ref_date       TEXT,
    data           TEXT NOT NULL,
    event_id       TEXT REFERENCES events(id) ON DELETE SET NULL
);
CREATE INDEX mentions_event ON mentions(event_id);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE mention_keys (
    key         TEXT NOT NULL,
    mention_id  TEXT NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
    PRIMARY KEY (key, mention_id)
);
CREATE INDEX mention_keys_mention ON mention_keys(mention_id);

CREATE TABLE event_participants (
    event_id   TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    entity_id  TEXT NOT NULL REFERENCES entities(id),
    role       TEXT NOT NULL,
    PRIMARY KEY (event_id, entity_id, role)
);
CREATE INDEX event_participants_entity ON event_participants(entity_id);

CREATE TABLE event_status (
    event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    day       TEXT,
    status    TEXT NOT NULL,
    PRIMARY KEY (event_id, seq)
);
"""
)

# Latest first with undated events last, as SQLite orders `DESC` (PostgreSQL puts NULLs first).
_M3_RECENT = "CREATE INDEX events_recent ON events(last_published DESC NULLS LAST, id DESC);"

_M4_FILTERED = """
CREATE INDEX events_status_recent ON events(status, last_published DESC NULLS LAST, id DESC);
CREATE INDEX events_type_recent ON events(type, last_published DESC NULLS LAST, id DESC);
"""

# A PostgreSQL ledger starts at this schema version, so there is nothing to backfill.
_M5_ENTITY_COUNTS = """
ALTER TABLE entities ADD COLUMN n_articles INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN n_mentions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN n_events INTEGER NOT NULL DEFAULT 0;
CREATE INDEX entities_popular ON entities(n_articles DESC, name);
"""

_M6_ENTITY_NAMES = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE entities ADD COLUMN name_doc BIGINT;
CREATE UNIQUE INDEX entities_name_doc ON entities(name_doc);
CREATE TABLE entity_names (rowid BIGINT PRIMARY KEY, names TEXT COLLATE "C" NOT NULL);
CREATE INDEX entity_names_trgm ON entity_names USING gin (names gin_trgm_ops);
"""

# `reportedly watch` state, as store.migrations._M7_WATCH.
_M7_WATCH = """
CREATE TABLE watch_sources (
    url            TEXT COLLATE "C" PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    last_polled    TEXT,
    last_error     TEXT
);
CREATE TABLE watch_links (
    url         TEXT COLLATE "C" PRIMARY KEY,
    source      TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    done        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX watch_links_pending ON watch_links(done, attempts);
"""

# Every key a ledger entity was known under, as store.migrations._M8_ENTITY_KEYS.
_M8_ENTITY_KEYS = """
CREATE TABLE entity_keys (
    key        TEXT PRIMARY KEY,
    entity_id  TEXT NOT NULL REFERENCES entities(id)
);
CREATE INDEX entity_keys_entity ON entity_keys(entity_id);
INSERT INTO entity_keys (key, entity_id) SELECT key, id FROM entities ON CONFLICT DO NOTHING;
INSERT INTO entity_keys (key, entity_id) SELECT nkey, id FROM entities WHERE kb_id IS NULL
ON CONFLICT DO NOTHING;
"""

# CAMEO actor code and sector of each entity, as store.migrations._M9_ENTITY_CODES.
_M9_ENTITY_CODES = """
ALTER TABLE entities ADD COLUMN cameo TEXT;
ALTER TABLE entities ADD COLUMN sector TEXT;
"""

# Reader indexes, as store.migrations._M10_READER_INDEXES.
_M10_READER_INDEXES = """
CREATE INDEX entities_kb ON entities(kb_id);
CREATE INDEX event_participants_entity_event ON event_participants(entity_id, event_id);
DROP INDEX event_participants_entity;
CREATE INDEX events_id_recent ON events(id, last_published);
"""

# The date of each entity's CAMEO code, as store.migrations._M11_ENTITY_CODE_DATES.
_M11_ENTITY_CODE_DATES = """
ALTER TABLE entities ADD COLUMN cameo_published TEXT;
"""

# Origins stored with each event, as store.migrations._M12_EVENT_ORIGINS.
_M12_EVENT_ORIGINS = """
ALTER TABLE events ADD COLUMN n_origins INTEGER NOT NULL DEFAULT 0;
UPDATE events SET n_origins = (
    SELECT count(DISTINCT coalesce(
        nullif(s.value ->> 'origin', ''), nullif(s.value ->> 'key', ''),
        (s.value -> 'speaker' ->> 'kind') || ':' || (s.value -> 'speaker' ->> 'name')))
    FROM jsonb_array_elements(events.data::jsonb -> 'sources') s
);
CREATE INDEX events_origins ON events(n_origins);
"""

# Full-text search in a table of its own (issue 12). The window of latest matches a search ranks
# (`ledger.search`) needs each match's `rowid`, which the GIN index does not hold: with the
# `tsvector` a column of `articles` (about 5.5 KB a row with the text, one row a page), finding the
# window of a word in 5% of 300,000 articles read 15,000 heap pages. Here a row is the `rowid` and a
# pointer to its `tsvector`, kept out of line uncompressed (`toast_tuple_target` 128, storage
# EXTERNAL): ~140 rows a page, and a ranked match costs one read of its vector, no decompression.
# The window is found through the primary key's range ANDed with the GIN index in one bitmap: only
# the matches among the latest articles are visited (`ledger.search._pg_floor`). GIN without
# `fastupdate`: a reader never scans a pending list.
# The trigger indexes each article as it is stored (its title and text are never rewritten).
_M13_SEARCH_TABLE = """
CREATE TABLE article_search (
    rowid  BIGINT PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    fts    tsvector NOT NULL
) WITH (toast_tuple_target = 128);
ALTER TABLE article_search ALTER COLUMN fts SET STORAGE EXTERNAL;
INSERT INTO article_search (rowid, fts) SELECT rowid, fts FROM articles ORDER BY rowid;
CREATE INDEX article_search_fts ON article_search USING gin (fts) WITH (fastupdate = off);
ALTER TABLE articles DROP COLUMN fts;
CREATE FUNCTION reportedly_search_index() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO article_search (rowid, fts) VALUES (
        NEW.rowid, to_tsvector('simple', reportedly_unaccent(coalesce(NEW.title, '') || ' ' || NEW.text))
    );
    RETURN NULL;
END
$$;
CREATE TRIGGER articles_search_insert AFTER INSERT ON articles
    FOR EACH ROW EXECUTE FUNCTION reportedly_search_index();
"""

# How each entity's CAMEO code was read, as store.migrations._M14_ENTITY_CODE_SOURCES.
_M14_ENTITY_CODE_SOURCES = """
ALTER TABLE entities ADD COLUMN cameo_source TEXT;
ALTER TABLE entities ADD COLUMN cameo_inferred INTEGER;
"""

# The text columns that migrations 7-14 added without the C collation the module's docstring
# promises (their scripts were not passed through `_c_text`): byte order, as every other column.
# `watch_links` is read in `first_seen, url` order; the entity columns are listed and filtered.
_M15_BYTE_ORDER = "\n".join(
    f'ALTER TABLE {table} ALTER COLUMN {column} TYPE TEXT COLLATE "C";'
    for table, column in (
        ("watch_sources", "etag"),
        ("watch_sources", "last_modified"),
        ("watch_sources", "last_polled"),
        ("watch_sources", "last_error"),
        ("watch_links", "source"),
        ("watch_links", "first_seen"),
        ("entity_keys", "key"),
        ("entity_keys", "entity_id"),
        ("entities", "cameo"),
        ("entities", "sector"),
        ("entities", "cameo_published"),
        ("entities", "cameo_source"),
    )
)

# version -> script; the versions and their names are `store.migrations.MIGRATIONS`.
POSTGRESQL: dict[int, str] = {
    1: _M1_CORE,
    2: _M2_LEDGER,
    3: _M3_RECENT,
    4: _M4_FILTERED,
    5: _M5_ENTITY_COUNTS,
    6: _M6_ENTITY_NAMES,
    7: _M7_WATCH,
    8: _M8_ENTITY_KEYS,
    9: _M9_ENTITY_CODES,
    10: _M10_READER_INDEXES,
    11: _M11_ENTITY_CODE_DATES,
    12: _M12_EVENT_ORIGINS,
    13: _M13_SEARCH_TABLE,
    14: _M14_ENTITY_CODE_SOURCES,
    15: _M15_BYTE_ORDER,
}
