"""Live news against a local HTTP server on 127.0.0.1 (a free port): `ingest URL` fetches pages and
feeds politely; `watch` follows a feed through new items, a 500, a timeout and a restart, storing
each article once."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from reportedly.config import Settings
from reportedly.ingest import read_inputs
from reportedly.ingest.web import USER_AGENT, Fetcher, FetchPolicy
from reportedly.model import Failure, RawArticle
from reportedly.watch import parse_every, poll, read_sources

PAGE = """<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>KABUL, Feb {day} (Reuters) - {who} met envoys in Moscow on {weekday}, officials said, in talks the
foreign ministry described as useful and constructive for the region and its neighbours.</p>
<p>The officials said further meetings were planned, and that humanitarian aid was discussed at length
by both delegations during the two days of talks held at the ministry's guest house.</p>
</article></body></html>"""
STORIES = {
    "/news/1": ("Massoud met envoys", 1, "Ahmad Massoud", "Tuesday"),
    "/news/2": ("Baradar met envoys", 2, "Abdul Ghani Baradar", "Wednesday"),
    "/news/3": ("Muttaqi met envoys", 3, "Amir Khan Muttaqi", "Thursday"),
    "/private/4": ("Secret", 4, "Nobody", "Friday"),
}


class Site:
    """What the server answers: the feed's items, and faults to inject."""

    def __init__(self) -> None:
        self.items = ["/news/1", "/news/2"]
        self.feed_fault: str | None = None  # "500" or "slow"
        self.page_faults: dict[str, int] = {}  # path -> 500s left to answer
        self.hits: dict[str, int] = {}
        self.agents: set[str] = set()
        self.etag = 0

    def feed(self, base: str) -> str:
        entries = "".join(
            f"<item><title>{STORIES[p][0]}</title><link>{base}{p}</link></item>" for p in self.items
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{entries}</channel></rss>'


@pytest.fixture()
def site() -> Iterator[tuple[Site, str]]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(
            self, code: int, body: str = "", kind: str = "text/html", headers: dict[str, str] | None = None
        ) -> None:
            data = body.encode()
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            state.hits[self.path] = state.hits.get(self.path, 0) + 1
            state.agents.add(self.headers.get("User-Agent", ""))
            if self.path == "/robots.txt":
                return self._send(200, "User-agent: *\nDisallow: /private/\n", "text/plain")
            if self.path == "/feed.xml":
                if state.feed_fault == "500":
                    return self._send(500, "oops")
                if state.feed_fault == "slow":
                    time.sleep(1.0)
                etag = f'"v{len(state.items)}"'
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, headers={"ETag": etag})
                return self._send(200, state.feed(base), "application/rss+xml", {"ETag": etag})
            if self.path in STORIES:
                if state.page_faults.get(self.path, 0) > 0:
                    state.page_faults[self.path] -= 1
                    return self._send(500, "oops")
                title, day, who, weekday = STORIES[self.path]
                return self._send(200, PAGE.format(title=title, day=day, who=who, weekday=weekday))
            return self._send(404, "no")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, base
    finally:
        server.shutdown()
        server.server_close()


FAST = FetchPolicy(timeout=0.5, retries=1, backoff=0.01)


def _settings(tmp_path: Path) -> Settings:
    return Settings(db=tmp_path / "l.db", fetch_timeout=0.5, fetch_retries=1)


def _stored(tmp_path: Path) -> list[str]:
    rows = sqlite3.connect(tmp_path / "l.db").execute("SELECT url FROM articles ORDER BY url").fetchall()
    return [r[0] for r in rows]


def test_watch_follows_a_feed_through_faults_and_a_restart(site: tuple[Site, str], tmp_path: Path) -> None:
    state, base = site
    feed, settings = [f"{base}/feed.xml"], _settings(tmp_path)
    state.page_faults["/news/2"] = 2  # fails this poll (its two tries), stored on the next one

    first = poll(feed, settings, Fetcher(FAST))
    assert (first.new_links, first.ingest.stored, first.ingest.failed) == (2, 1, 1)
    assert _stored(tmp_path) == [f"{base}/news/1"]

    state.feed_fault = "500"  # the feed is down: reported, nothing lost, the pending link is retried
    down = poll(feed, settings, Fetcher(FAST))
    assert down.errors and "HTTP 500" in down.errors[0][1]
    assert down.ingest.stored == 1 and _stored(tmp_path) == [f"{base}/news/1", f"{base}/news/2"]

    state.feed_fault = "slow"  # a timeout: reported, the watch goes on
    slow = poll(feed, settings, Fetcher(FAST))
    assert slow.errors and "Timeout" in slow.errors[0][1] and slow.ingest.stored == 0

    state.feed_fault = None
    state.items += ["/news/3", "/private/4"]  # a new item, and one robots.txt forbids
    more = poll(feed, settings, Fetcher(FAST))
    assert (more.new_links, more.ingest.stored) == (2, 1)
    assert state.hits.get("/private/4") is None  # never fetched

    hits = dict(state.hits)  # a restart: new client, same database; the feed has not changed
    again = poll(feed, settings, Fetcher(FAST))
    assert (again.unchanged, again.new_links, again.ingest.stored) == (1, 0, 0)
    assert {p: n for p, n in state.hits.items() if p.startswith("/news/")} == {
        p: n for p, n in hits.items() if p.startswith("/news/")
    }  # no article fetched twice once stored
    assert _stored(tmp_path) == [f"{base}/news/{i}" for i in (1, 2, 3)]  # each stored once
    assert state.agents == {USER_AGENT}


def test_ingest_url_reads_pages_and_feeds(site: tuple[Site, str]) -> None:
    _state, base = site
    items = list(read_inputs([f"{base}/news/1", f"{base}/feed.xml", f"{base}/private/4", f"{base}/nope"],
                             10_000_000, fetch=FAST))
    page, *feed_items, private, missing = items
    assert isinstance(page, RawArticle) and page.source.url == f"{base}/news/1"
    assert page.source.format == "html"
    assert [i.source.url for i in feed_items] == [f"{base}/news/1", f"{base}/news/2"]
    assert isinstance(private, Failure) and "robots.txt" in private.error
    assert isinstance(missing, Failure) and "HTTP 404" in missing.error


def test_ingest_url_size_cap(site: tuple[Site, str]) -> None:
    _state, base = site
    (failure,) = read_inputs([f"{base}/news/1"], 100, fetch=FAST)
    assert isinstance(failure, Failure) and "larger than 100 bytes" in failure.error


@pytest.mark.parametrize("text,seconds", [("90", 90), ("90s", 90), ("15m", 900), ("1h", 3600), ("0.5m", 30)])
def test_watch_every(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "-5m", "soon", "0"])
def test_watch_every_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_every(text)


def test_watch_sources_file(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text("# my feeds\nhttps://example.org/rss\n\nhttps://example.net/atom  # second\n", "utf-8")
    assert read_sources(str(listing)) == ["https://example.org/rss", "https://example.net/atom"]
    assert read_sources("https://example.org/x") == ["https://example.org/x"]
    listing.write_text("ftp://example.org/x\n", "utf-8")
    with pytest.raises(ValueError, match="not an http"):
        read_sources(str(listing))


def test_watch_and_ingest_url_cli(site: tuple[Site, str], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from reportedly.cli import app

    _state, base = site
    db = str(tmp_path / "l.db")
    runner = CliRunner(env={"COLUMNS": "200"})
    fetched = runner.invoke(app, ["ingest", f"{base}/news/3", "--db", db])
    assert fetched.exit_code == 0, fetched.output
    assert fetched.stderr.startswith("1 stored")
    watched = runner.invoke(app, ["watch", f"{base}/feed.xml", "--once", "--every", "1m", "--db", db])
    assert watched.exit_code == 0, watched.output
    assert "polled 1 sources (0 unchanged, 0 failed): 2 new links, 2 stored, 0 failed" in watched.stderr
    bad = runner.invoke(app, ["watch", f"{base}/feed.xml", "--every", "soon", "--db", db])
    assert bad.exit_code == 2 and "duration" in bad.output
