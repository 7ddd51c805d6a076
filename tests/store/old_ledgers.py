"""Make a current SQLite ledger look as an older reportedly left it, for migration tests.

`UNDO[v]` takes back what migration v added; a test names the version it wants the ledger at, and a
new migration adds its undo here once, not in every test that fakes an old ledger.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reportedly.store.migrations import MIGRATIONS

UNDO: dict[int, tuple[str, ...]] = {
    15: (),
    14: ("ALTER TABLE entities DROP COLUMN cameo_source", "ALTER TABLE entities DROP COLUMN cameo_inferred"),
    13: (),
    12: ("DROP INDEX events_origins", "ALTER TABLE events DROP COLUMN n_origins"),
    11: ("ALTER TABLE entities DROP COLUMN cameo_published",),
    10: ("DROP INDEX entities_kb", "DROP INDEX events_id_recent",
         "DROP INDEX event_participants_entity_event",
         "CREATE INDEX event_participants_entity ON event_participants(entity_id)"),
    9: ("ALTER TABLE entities DROP COLUMN cameo", "ALTER TABLE entities DROP COLUMN sector"),
    8: ("DROP TABLE entity_keys",),
    7: ("DROP TABLE watch_links", "DROP TABLE watch_sources"),
    6: ("DROP TABLE entity_names", "DROP INDEX entities_name_doc",
        "ALTER TABLE entities DROP COLUMN name_doc"),
    5: ("DROP INDEX entities_popular", "ALTER TABLE entities DROP COLUMN n_articles",
        "ALTER TABLE entities DROP COLUMN n_mentions", "ALTER TABLE entities DROP COLUMN n_events"),
}


def downgrade(db: Path, to: int) -> None:
    """Undo the migrations after version `to`, newest first, and record `to` as the schema version."""
    raw = sqlite3.connect(db)
    for version in range(MIGRATIONS[-1][0], to, -1):
        for statement in UNDO[version]:
            raw.execute(statement)
    raw.execute(f"PRAGMA user_version = {int(to)}")
    raw.commit()
    raw.close()
