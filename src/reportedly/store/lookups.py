"""The few reads the ingest pipeline (and the ledger's evaluation) make of the ledger, so that no
module outside `store/` and the read API (`ledger/`, `api/queries.py`) holds a statement."""

from __future__ import annotations

from reportedly.store.database import Database


def recent_articles(db: Database, *, after: int = 0, limit: int | None = None) -> list[tuple[int, str, str]]:
    """(storage order, id, text) of stored articles (not skipped) in storage order.

    Args:
        db: the ledger.
        after: only articles stored after this storage order (`rowid`).
        limit: only the latest this many (None: all).
    """
    if limit is None:
        sql = "SELECT rowid, id, text FROM articles WHERE skipped IS NULL AND rowid > ? ORDER BY rowid"
        return [(int(r[0]), r[1], r[2]) for r in db.execute(sql, (after,))]
    rows = db.execute(
        "SELECT rowid, id, text FROM articles WHERE skipped IS NULL AND rowid > ? "
        "ORDER BY rowid DESC LIMIT ?",
        (after, limit),
    ).fetchall()
    return [(int(r[0]), r[1], r[2]) for r in reversed(rows)]


def failed_paths(db: Database) -> list[str]:
    """The input paths with a recorded failure."""
    return [r[0] for r in db.execute("SELECT path FROM failures ORDER BY path")]


def is_stored(db: Database, article_id: str) -> bool:
    """Whether an article with this id is stored."""
    return db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None


def count_events(db: Database) -> int:
    """How many ledger events there are."""
    return int(db.execute("SELECT count(*) FROM events").fetchone()[0])


def mention_events(db: Database) -> dict[str, str | None]:
    """Every stored mention's id and the ledger event it was merged into."""
    return {r[0]: r[1] for r in db.execute("SELECT id, event_id FROM mentions")}
