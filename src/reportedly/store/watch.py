"""The state of `reportedly watch` in the ledger database (migration 7): each polled source's HTTP
validators (ETag, Last-Modified) and each linked article's progress. Every value is bound."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reportedly.store.database import Database

# Polls an article link is tried in before the watch gives it up (a page that keeps failing).
MAX_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the last successful poll of a source answered: validators for the next conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


def source_state(db: Database, url: str) -> SourceState:
    """The validators stored for a source (none before its first successful poll)."""
    row = db.execute("SELECT etag, last_modified FROM watch_sources WHERE url = ?", (url,)).fetchone()
    return SourceState(row[0], row[1]) if row else SourceState()


def record_poll(db: Database, url: str, when: str, *, etag: str | None = None,
                last_modified: str | None = None, error: str | None = None) -> None:
    """Store a poll's outcome: new validators after a 200, or the error (validators kept)."""
    with db.transaction():
        db.execute("INSERT INTO watch_sources (url) VALUES (?) ON CONFLICT DO NOTHING", (url,))
        if error is None:
            db.execute(
                "UPDATE watch_sources SET etag = ?, last_modified = ?, last_polled = ?, last_error = NULL "
                "WHERE url = ?", (etag, last_modified, when, url))
        else:
            db.execute("UPDATE watch_sources SET last_polled = ?, last_error = ? WHERE url = ?",
                       (when, error, url))


def add_links(db: Database, source: str, links: Iterable[str], when: str) -> int:
    """Remember article links found in a source; returns how many were new."""
    todo = list(dict.fromkeys(links))
    with db.transaction():
        known = {row[0] for row in db.rows_in("SELECT url FROM watch_links WHERE url IN ({marks})", todo)}
        db.executemany(
            "INSERT INTO watch_links (url, source, first_seen) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(link, source, when) for link in todo if link not in known],
        )
    return sum(1 for link in todo if link not in known)


def pending_links(db: Database) -> list[str]:
    """Links not stored yet and tried fewer than `MAX_ATTEMPTS` times, oldest first. Their earlier
    failures are forgotten, so ingest tries them again (a 500 last poll may be a page today)."""
    rows = db.execute(
        "SELECT url FROM watch_links WHERE done = 0 AND attempts < ? ORDER BY first_seen, url",
        (MAX_ATTEMPTS,),
    )
    links = [r[0] for r in rows]
    with db.transaction():
        db.executemany("DELETE FROM failures WHERE path = ?", [(link,) for link in links])
    return links


def settle_links(db: Database, links: Iterable[str]) -> int:
    """After an ingest of `links`: count the try, mark done those stored (or already in the ledger
    under their URL). Returns how many are done."""
    rows = [(link,) for link in links]
    with db.transaction():
        db.executemany("UPDATE watch_links SET attempts = attempts + 1 WHERE url = ?", rows)
        db.executemany(
            "UPDATE watch_links SET done = 1 WHERE url = ? AND (EXISTS (SELECT 1 FROM articles a "
            "WHERE a.url = watch_links.url) OR NOT EXISTS (SELECT 1 FROM failures f "
            "WHERE f.path = watch_links.url))",
            rows,
        )
    return sum(1 for _ in db.rows_in(
        "SELECT url FROM watch_links WHERE done = 1 AND url IN ({marks})", [r[0] for r in rows]))
