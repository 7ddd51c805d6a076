"""`reportedly watch`: follow feeds (or pages) and ingest what is new, poll after poll.

Each poll asks every source with a conditional GET (If-None-Match / If-Modified-Since from the last
answer), records the article links a changed feed lists, then ingests the links not stored yet.
State lives in the ledger database (`store.watch`), so a restarted watch neither refetches an
unchanged feed nor stores an article twice; a source that fails (a 500, a timeout) is reported and
polled again next time, and an article link that fails is retried on the next polls.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from reportedly.config import Settings
from reportedly.ingest.web import Fetched, Fetcher, FetchError, FetchPolicy, is_url
from reportedly.ledger.records import IngestReport
from reportedly.model import Article, Failure
from reportedly.store import watch as state
from reportedly.store.database import connect


@dataclass(frozen=True, slots=True)
class PollReport:
    """What one poll did."""

    sources: int
    unchanged: int  # answered 304 Not Modified
    errors: tuple[tuple[str, str], ...]  # (source, problem)
    new_links: int
    ingest: IngestReport
    done: int  # links of this poll now stored (or found already in the ledger)


def read_sources(spec: str) -> list[str]:
    """The sources of a watch: one URL, or a file listing URLs one per line (`#` starts a comment).

    Raises:
        ValueError: the file lists no URL, or a line is not an http(s) URL.
    """
    if is_url(spec):
        return [spec]
    lines = [line.split("#", 1)[0].strip() for line in Path(spec).read_text(encoding="utf-8").splitlines()]
    urls = [line for line in lines if line]
    bad = [u for u in urls if not is_url(u)]
    if bad or not urls:
        raise ValueError(f"{spec}: {'not an http(s) URL: ' + bad[0] if bad else 'lists no URL'}")
    return urls


def article_links(fetched: Fetched) -> list[str]:
    """The article links of a feed (absolute), or the page itself when it is not a feed."""
    import feedparser

    from reportedly.ingest import sniff_format

    if sniff_format(fetched.content, urlsplit(fetched.url).path) != "feed":
        return [fetched.url]
    parsed = feedparser.parse(fetched.content, sanitize_html=False, resolve_relative_uris=False)
    links = (urljoin(fetched.url, e.get("link") or "") for e in parsed.entries if e.get("link"))
    return list(dict.fromkeys(link for link in links if is_url(link)))


def poll(
    sources: list[str],
    settings: Settings,
    fetcher: Fetcher | None = None,
    on_item: Callable[[Article | Failure], None] | None = None,
) -> PollReport:
    """Poll every source once and ingest the new articles they link to.

    Args:
        sources: feed or page URLs.
        settings: the run's settings (`settings.db` holds the ledger and the watch state).
        fetcher: the HTTP client for the sources (default: one from the settings' policy).
        on_item: called with each analyzed article or failure.
    """
    from reportedly.pipeline import ingest

    own = fetcher is None
    fetcher = fetcher or Fetcher(FetchPolicy.from_settings(settings))
    now = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    unchanged, new, errors = 0, 0, []
    db = connect(settings.db)
    try:
        for source in sources:
            known = state.source_state(db, source)
            try:
                got = fetcher.get(source, known.etag, known.last_modified)
            except FetchError as err:
                errors.append((source, err.problem))
                state.record_poll(db, source, now, error=err.problem)
                continue
            if got.status == 304:
                unchanged += 1
                state.record_poll(db, source, now, etag=known.etag, last_modified=known.last_modified)
                continue
            new += state.add_links(db, source, article_links(got), now)  # before the validators
            state.record_poll(db, source, now, etag=got.etag, last_modified=got.last_modified)
        links = state.pending_links(db)
    finally:
        db.close()
        if own:
            fetcher.close()
    report = ingest(links, settings, on_item=on_item) if links else IngestReport()
    db = connect(settings.db)
    try:
        done = state.settle_links(db, links)
    finally:
        db.close()
    return PollReport(len(sources), unchanged, tuple(errors), new, report, done)


def parse_every(text: str) -> float:
    """Seconds in a duration like 90, 90s, 15m, 1h.

    Raises:
        ValueError: not a positive duration.
    """
    units = {"s": 1, "m": 60, "h": 3600}
    number, unit = (text[:-1], text[-1]) if text and text[-1] in units else (text, "s")
    try:
        seconds = float(number) * units[unit]
    except ValueError:
        raise ValueError(f"'{text}' is not a duration like 90s, 15m or 1h") from None
    if seconds <= 0:
        raise ValueError(f"'{text}' is not a positive duration")
    return seconds
