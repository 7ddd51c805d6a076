"""The one owner of the ledger database: `Database` holds the connection, knows its dialect
(SQLite or PostgreSQL), applies the migrations and runs every statement; nothing else sees a raw
connection.

Statements are written once, with `?` placeholders, in the SQL both engines understand; the
PostgreSQL schema supplies the few SQLite names they use (`rowid`, `COLLATE NOCASE`,
`json_extract`), and `Database` turns the placeholders into psycopg's. Where the engines really
differ (full-text and name search) the caller asks `Database.dialect`.

Connections run in autocommit mode and every write goes through `transaction`, so what is in a
transaction is written down in one place and a process killed mid-write leaves the database as it
was before that transaction began. On PostgreSQL a write transaction first takes the ledger's
advisory lock (`WRITER_LOCK`): writers from any number of processes and machines take turns, as
SQLite's `BEGIN IMMEDIATE` makes them on one file (see docs/deploy.md for why this is enough).
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol

from reportedly.errors import StoreError
from reportedly.registry import stores
from reportedly.store import migrations
from reportedly.store.targets import describe as describe  # re-exported: callers name the target here
from reportedly.store.targets import is_url as is_url

Dialect = Literal["sqlite", "postgresql"]

# Host parameters per `IN (...)` query: well under SQLite's limit of 32,766.
CHUNK = 500
# Milliseconds a writer waits for another writer's lock before failing (a web UI reading while
# an ingest writes never blocks in WAL mode; two ingests at once queue for this long).
BUSY_TIMEOUT_MS = 30_000
# The PostgreSQL advisory lock every ledger write transaction holds (any fixed 64-bit number that
# no other application on the same database uses: "rptdly" in ASCII).
WRITER_LOCK = 0x727074646C79


class Rows(Protocol):
    """What `Database.execute` returns: a cursor over the result rows (both drivers' cursors)."""

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class PgRow(tuple[Any, ...]):
    """A PostgreSQL result row read like `sqlite3.Row`: by position or by column name."""

    _names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        """The column names, as `sqlite3.Row.keys` gives them."""
        return list(self._names)


@lru_cache(maxsize=512)
def pg_sql(sql: str, bound: bool = True) -> str:
    """A statement as psycopg takes it: `?` placeholders in its `%s` style (a literal `%` doubled)
    when values are bound, and an empty `IN ()` (which SQLite allows) as `IN (NULL)`."""
    sql = sql.replace("IN ()", "IN (NULL)")
    return sql.replace("%", "%%").replace("?", "%s") if bound else sql


class Database:
    """An open ledger database. Open one with `connect` (or `Database.open`).

    Attributes:
        dialect: "sqlite" or "postgresql".
        target: the path or URL it was opened from (for messages).
        readonly: whether writes are refused.
    """

    def __init__(self, conn: Any, dialect: Dialect, target: str, *, readonly: bool = False) -> None:
        self._conn = conn
        self.dialect: Dialect = dialect
        self.target = target
        self.readonly = readonly
        self._depth = 0  # transactions open (a nested one joins the outer one)

    @classmethod
    def open(cls, target: str | Path, *, readonly: bool = False) -> Database:
        """See `connect`."""
        return connect(target, readonly=readonly)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        """Run one statement; every value is bound as a parameter (`?` in the text)."""
        try:
            if self.dialect == "sqlite":
                return self._conn.execute(sql, params)  # type: ignore[no-any-return]
            return self._conn.execute(pg_sql(sql, bool(params)), params or None)  # type: ignore[no-any-return]
        except driver_errors() as err:
            raise _store_error(self, err) from err

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement once per row of parameters."""
        if self.dialect == "sqlite":
            self._conn.executemany(sql, rows)
            return
        todo = list(rows)
        if todo:
            with self._conn.cursor() as cur:
                cur.executemany(pg_sql(sql), todo)

    def rows_in(
        self, sql: str, ids: Iterable[str], size: int = CHUNK, params: Sequence[Any] = ()
    ) -> Iterator[Any]:
        """The rows of `sql` for every id, asked `size` ids at a time.

        On PostgreSQL all the ids go in one statement as one array parameter (`= ANY(?)`): a list of
        500 placeholders cost more to parse and plan, in psycopg and in the server, than the 500
        index probes it asked for (a third of reading 1,000 claims, issue 12).

        Args:
            sql: a query whose `IN ({marks})` stands for the parameter list of one `IN (...)`; the
                ids are always bound as parameters, never pasted into the text.
            ids: the ids, asked in sorted order without repeats.
            size: ids per query (SQLite).
            params: the values of the placeholders after the `IN (...)`, bound with every chunk.
        """
        todo = sorted(set(ids))
        if self.dialect == "postgresql" and "IN ({marks})" in sql:
            if todo:
                yield from self.execute(sql.replace("IN ({marks})", "= ANY(?)"), (todo, *params))
            return
        for start in range(0, len(todo), size):
            chunk = todo[start : start + size]
            yield from self.execute(sql.format(marks=",".join("?" * len(chunk))), (*chunk, *params))

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Run the block in one write transaction: committed whole, or rolled back whole.

        On PostgreSQL the transaction holds the ledger's writer lock (`WRITER_LOCK`) to its end.
        A transaction opened inside another joins it: both commit, or roll back, together.
        """
        if self.readonly:
            raise StoreError(f"{describe(self.target)}: the ledger is open read-only")
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self._outermost():
                yield self
        finally:
            self._depth = 0

    @contextmanager
    def local_settings(self, **values: str) -> Iterator[Database]:
        """Run the block under these PostgreSQL settings (`SET LOCAL`, bound as values), which end with it.

        The block runs in one transaction (read-only allowed), so the settings cannot outlive it
        however it ends: on a pooled connection a session `SET` left behind by a failure between it
        and its `RESET` would change every later request's plans. Inside a transaction already open
        the block is a savepoint, and the settings last to that transaction's end. No-op on SQLite.
        """
        if self.dialect != "postgresql" or not values:
            yield self
            return
        with self._conn.transaction():
            calls = ", ".join("set_config(?, ?, true)" for _ in values)
            self.execute(f"SELECT {calls}", [v for item in values.items() for v in item])
            yield self

    @contextmanager
    def _outermost(self) -> Iterator[None]:
        if self.dialect == "sqlite":
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
            return
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
            yield

    def schema_version(self) -> int:
        """The number of the last migration applied (0 for a new database)."""
        return migrations.schema_version(self)

    def migrate(self) -> int:
        """Bring the database up to the latest schema; returns the version."""
        return migrations.migrate(self)

    def has_tables(self) -> bool:
        """Whether the database holds any table (a database reportedly did not create, if unversioned)."""
        if self.dialect == "sqlite":
            return self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0  # type: ignore[no-any-return]
        sql = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
        return self._conn.execute(sql).fetchone()[0] > 0  # type: ignore[no-any-return]

    def run_script(self, sql: str) -> None:
        """Run a migration script (several statements, no parameters) inside the current transaction."""
        if self.dialect == "sqlite":
            for statement in migrations.statements(sql):
                self._conn.execute(statement)
        else:
            self._conn.execute(sql)


def driver_errors() -> tuple[type[Exception], ...]:
    """The database drivers' error classes (a row read lazily can raise one after `execute`).

    psycopg's only when it is loaded: no PostgreSQL error can occur before, and a command on a SQLite
    ledger (or one that ends by SystemExit through an `except driver_errors()`) never pays for it."""
    psycopg = sys.modules.get("psycopg")
    return (sqlite3.DatabaseError,) if psycopg is None else (sqlite3.DatabaseError, psycopg.DatabaseError)


def _store_error(db: Database, err: Exception) -> Exception:
    """A driver error about the database itself as a one-line `StoreError`; others unchanged."""
    bugs: tuple[type[Exception], ...] = (
        sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)
    psycopg = sys.modules.get("psycopg")  # loaded whenever a PostgreSQL error can have been raised
    if psycopg is not None:
        bugs += (psycopg.IntegrityError, psycopg.ProgrammingError, psycopg.InterfaceError)
    if not isinstance(err, bugs):
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        return StoreError(f"{describe(db.target)}: cannot read the ledger database: {first}")
    return err


def connect(target: str | Path, *, readonly: bool = False) -> Database:
    """Open (and create or migrate) a ledger database.

    Args:
        target: the database file, ":memory:", or a PostgreSQL URL
            (`postgresql://user@host:port/dbname`).
        readonly: open an existing database for reading only; it is never migrated (an older
            ledger is refused with a hint to run `reportedly migrate`).

    Returns:
        the open database.

    Raises:
        StoreError: the database cannot be opened, is not a reportedly ledger, is newer than this
            reportedly, or (read-only) needs migrating.
    """
    db = _open_postgresql(str(target), readonly) if is_url(target) else _open_sqlite(target, readonly)
    try:
        if readonly:
            migrations.check_current(db)
        else:
            db.migrate()
    except BaseException:
        db.close()
        raise
    return db


def _open_sqlite(path: str | Path, readonly: bool) -> Database:
    try:
        if readonly:
            if not Path(path).is_file():
                raise StoreError(f"{path}: no such database (create it with `reportedly ingest`)")
            uri = Path(path).resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(str(path), isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if readonly:
            conn.execute("PRAGMA query_only = ON")
        else:
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the
            # last commits), and it is what keeps storage cheap next to the analysis.
            conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{path}: cannot open the ledger database: {err}") from err
    return Database(conn, "sqlite", str(path), readonly=readonly)


def _open_postgresql(url: str, readonly: bool) -> Database:
    import psycopg

    try:
        conn = psycopg.connect(url, autocommit=True, row_factory=_pg_rows)
        if readonly:
            _read_only(conn)
    except psycopg.Error as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise StoreError(f"{describe(url)}: cannot open the ledger database: {first}") from err
    return Database(conn, "postgresql", url, readonly=readonly)


def _pg_rows(cursor: Any) -> Any:
    """psycopg row factory: rows readable by position and by column name."""
    names = {d.name: i for i, d in enumerate(cursor.description or ())}

    def make(values: Sequence[Any]) -> PgRow:
        row = PgRow(values)
        row._names = names
        return row

    return make


class Pool:
    """Read-only connections to one PostgreSQL ledger, kept open and lent per request (web server).

    Args:
        url: the ledger's URL.
        size: the most connections open at once (requests beyond wait for one).
    """

    def __init__(self, url: str, size: int = 8) -> None:
        from psycopg_pool import ConnectionPool

        self.url = url
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=size,
            kwargs={"autocommit": True, "row_factory": _pg_rows},
            configure=_read_only,
            open=True,
        )

    @contextmanager
    def database(self) -> Iterator[Database]:
        """A pooled connection as a read-only `Database`; closing it gives the connection back."""
        with self._pool.connection() as conn:
            yield _Lent(conn, "postgresql", self.url, readonly=True)

    def close(self) -> None:
        """Close every connection."""
        self._pool.close()


class _Lent(Database):
    """A database over a pooled connection: `close` leaves the connection to the pool."""

    def close(self) -> None:
        return None


def _read_only(conn: Any) -> None:
    _configure(conn)
    conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")


def _configure(conn: Any) -> None:
    """Plan every reader's statement for its values: psycopg prepares a statement run often, and a
    generic plan (values unknown) of a search or a listing is the slow one (a common word read
    through the GIN index and sorted, instead of the latest articles walked backwards: 4x slower
    at 100k). The writer's statements are simple lookups by key: their generic plans are kept."""
    conn.execute("SET plan_cache_mode = force_custom_plan")


# Module-level forms of the methods, for the writer's statements.
def rows_in(
    db: Database, sql: str, ids: Iterable[str], size: int = CHUNK, params: Sequence[Any] = ()
) -> Iterator[Any]:
    """`Database.rows_in`."""
    return db.rows_in(sql, ids, size, params)


def transaction(db: Database) -> Any:
    """`Database.transaction`."""
    return db.transaction()


stores.register("stores.sqlite.v1", func=connect)
stores.register("stores.postgresql.v1", func=connect)
