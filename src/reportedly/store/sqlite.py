"""Opening the ledger database: WAL, foreign keys, migrations, and one transaction helper.

Connections run in autocommit mode (`isolation_level=None`) and every write goes through
`transaction`, so what is in a transaction is written down in one place and a process killed
mid-write leaves the database as it was before that transaction began.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reportedly.errors import StoreError
from reportedly.registry import stores
from reportedly.store.migrations import MIGRATIONS, migrate, schema_version

# Host parameters per `IN (...)` query: well under SQLite's limit of 32,766.
CHUNK = 500


def rows_in(conn: sqlite3.Connection, sql: str, ids: Iterable[str], size: int = CHUNK) -> Iterator[Any]:
    """The rows of `sql` for every id, asked `size` ids at a time.

    Args:
        conn: an open connection.
        sql: a query whose `{marks}` stands for the parameter list of one `IN (...)`; the ids are
            always bound as parameters, never pasted into the text.
        ids: the ids, asked in sorted order without repeats.
        size: ids per query.
    """
    todo = sorted(set(ids))
    for start in range(0, len(todo), size):
        chunk = todo[start : start + size]
        yield from conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk)


# Milliseconds a writer waits for another writer's lock before failing (a web UI reading while
# an ingest writes never blocks in WAL mode; two ingests at once queue for this long).
BUSY_TIMEOUT_MS = 30_000


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (and create or migrate) a ledger database.

    Args:
        path: the database file, or ":memory:".
        readonly: open an existing database for reading only; it is not migrated.

    Returns:
        a connection with WAL journaling and foreign keys on, rows as `sqlite3.Row`.

    Raises:
        StoreError: the file cannot be opened, is not a database, or cannot be migrated.
    """
    try:
        if readonly:
            if not Path(path).is_file():
                raise StoreError(f"{path}: no such database (create it with `reportedly ingest`)")
            conn = _open_readonly(Path(path))
        else:
            conn = sqlite3.connect(str(path), isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the
            # last commits), and it is what keeps storage cheap next to the analysis.
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{path}: cannot open the ledger database: {err}") from err
    return conn


def _open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection; a ledger written by an older reportedly is first brought up to date.

    Migrations only add (tables, columns, indexes, backfilled counts), so upgrading in place is
    safe; it takes one write transaction per migration, once, before the first read.
    """
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    if 0 < schema_version(conn) < MIGRATIONS[-1][0]:
        conn.close()
        connect(path).close()
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the block in one write transaction: committed whole, or rolled back whole.

    Args:
        conn: a connection from `connect`.

    Yields:
        the same connection.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


stores.register("stores.sqlite.v1", func=connect)
