"""Page latency of the web UI on a large generated ledger (a benchmark, not a test).

Build: the samples are analyzed once (`reportedly ingest`), then recombined into N articles written
with the ledger's own writer (`store.writer.store_batch`): each copy gets a new publication date, a
paragraph of sentences drawn from the other articles (so full-text search sees varied text), and
story-specific entity and place keys (stories of STORY articles over a week), so that events merge
within a story as they would in real news and not across the whole corpus.

Measure: the app is served by uvicorn on loopback; every page kind is requested REQUESTS times with
varied ids, filters and offsets, one at a time; the p50 and p95 per page kind are printed.

    .venv/bin/python -m tests.api.bench_web build --db /tmp/big.db --articles 100000
    .venv/bin/python -m tests.api.bench_web measure --db /tmp/big.db
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

from reportedly.model import Article, Location

ROOT = Path(__file__).resolve().parents[2]
STORY = 10  # articles per story: the same people and places, within a week
BATCH = 500  # articles per write transaction
REQUESTS = 40  # requests per page kind
FILLER_SENTENCES = 4  # sentences of other articles appended to each copy
START = datetime.date(2020, 1, 1)


def _analyzed_samples() -> list[Article]:
    """The bundled samples analyzed by the real pipeline (through a throwaway ledger)."""
    import reportedly
    from reportedly.config import Settings
    from reportedly.pipeline import ingest

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "samples.db"
        paths = sorted(str(p) for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".jsonl"))
        ingest(paths, Settings(db=db, published="2022-02-01"))
        with reportedly.open(db) as ledger:
            return [a for a in ledger.articles() if a.events]


def _tag(story: int) -> str:
    """A made-up word naming a story: its entities get it as a last name, so that name blocks
    stay story-sized (real corpora have many people, not 10,000 namesakes)."""
    letters, out = "bcdfghklmnprstvz", ""
    while True:
        story, rest = divmod(story, len(letters))
        out += letters[rest] + "aeiou"[story % 5]
        if not story:
            return out.capitalize()


def _copy(src: Article, i: int, sentences: list[str], rng: random.Random) -> Article:
    story = i // STORY
    day = START + datetime.timedelta(days=story * 730 // 10_000 % 730 + rng.randrange(7))
    text = src.text + "\n\n" + " ".join(rng.sample(sentences, FILLER_SENTENCES))
    tag = _tag(story)
    ents = tuple(
        replace(
            e,
            name=f"{e.name} {tag}",
            aliases=tuple(f"{a} {tag}" for a in e.aliases),
            kb_id=f"bench:{e.kb_id or e.name}:{story}",
        )
        for e in src.entities
    )
    events = tuple(
        replace(v, location=Location(v.location.text, v.location.name, v.location.country, 10**8 + story))
        if v.location
        else v
        for v in src.events
    )
    return replace(
        src,
        id="a_" + hashlib.sha256(f"{i}:{text}".encode()).hexdigest()[:16],
        text=text,
        published=day.isoformat(),
        entities=ents,
        events=events,
        duplicate_of=None,
    )


def build(db: Path, n: int) -> None:
    """Write `n` recombined articles into a new ledger at `db`."""
    from reportedly.store.database import connect
    from reportedly.store.writer import store_batch

    samples = _analyzed_samples()
    sentences = [
        s.strip() + "." for a in samples for s in a.text.replace("\n", " ").split(". ") if len(s) > 40
    ]
    rng = random.Random(7)
    conn = connect(db)
    t0 = time.perf_counter()
    for start in range(0, n, BATCH):
        batch = [
            _copy(samples[i % len(samples)], i, sentences, rng) for i in range(start, min(start + BATCH, n))
        ]
        store_batch(conn, batch, [])
        if start // BATCH % 20 == 0:
            print(f"{start + len(batch)} articles, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "entities", "events")
    }
    conn.close()
    print(f"built {db}: {counts} in {time.perf_counter() - t0:.0f} s")


def _urls(db: Path, rng: random.Random, n: int = REQUESTS) -> dict[str, list[str]]:
    import reportedly
    from reportedly.api.queries import connection

    with reportedly.open(db) as ledger:
        conn = connection(ledger)
        n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        n_events = conn.execute("SELECT count(*) FROM events").fetchone()[0]

        def sample(table: str, total: int) -> list[str]:
            return [
                conn.execute(f"SELECT id FROM {table} LIMIT 1 OFFSET ?", (rng.randrange(total),)).fetchone()[
                    0
                ]
                for _ in range(n)
            ]

        articles, events = sample("articles", n_articles), sample("events", n_events)
        n_parts = conn.execute("SELECT count(*) FROM event_participants").fetchone()[0]
        entities = [  # entities that take part in events: their pages have events and a network
            conn.execute(
                "SELECT entity_id FROM event_participants LIMIT 1 OFFSET ?", (rng.randrange(n_parts),)
            ).fetchone()[0]
            for _ in range(n)
        ]
        names = [r[0] for r in conn.execute("SELECT DISTINCT name FROM entities LIMIT 200")]
    words = ["Moscow", "Taliban meeting", "denied", "Massoud Baradar", "humanitarian aid", "Kabulov"]
    parts = ["assoud", "kabul", "Front", "Mullah", "xq", "ministry of"]  # name filters: substrings
    statuses = ["disputed", "confirmed", "reported", "asserted", "denied"]
    return {
        "overview": ["/"] * n,
        "claims": [f"/claims?offset={rng.randrange(0, 5000, 50)}" for _ in range(n)],
        "claims filtered": [
            f"/claims?status={rng.choice(statuses)}&since=2021-{rng.randrange(1, 13):02d}-01"
            for _ in range(n)
        ],
        "claims by actor": [f"/claims?actor={rng.choice(names)}" for _ in range(n)],
        "event": [f"/events/{e}" for e in events],
        "entity": [f"/entities/{e}" for e in entities],
        "entities": [f"/entities?offset={rng.randrange(0, 2000, 50)}" for _ in range(n)],
        "entities by name": [f"/entities?name={rng.choice(parts)}" for _ in range(n)],
        "api entities": [f"/api/entities?offset={rng.randrange(0, 2000, 50)}" for _ in range(n)],
        "article": [f"/articles/{a}" for a in articles],
        "search": [f"/search?q={rng.choice(words)}" for _ in range(n)],
        "api claims": [f"/api/claims?offset={rng.randrange(0, 5000, 50)}" for _ in range(n)],
        "api search": [f"/api/search?q={rng.choice(words)}" for _ in range(n)],
    }


def measure(db: Path, only: list[str] | None = None, n: int = REQUESTS) -> None:
    """Serve the app and print p50/p95 latency per page kind (milliseconds, sequential requests).

    Args:
        db: the ledger.
        only: page kinds to measure (default: all).
        n: requests per page kind.
    """
    import socket

    import httpx
    import uvicorn

    from reportedly.api.app import make_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(make_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    rng = random.Random(11)
    print(f"{'page':18} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
        client.get("/")  # warm the page cache and the templates
        for kind, urls in _urls(db, rng, n).items():
            if only and kind not in only:
                continue
            times = []
            for url in urls:
                t0 = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (url, response.status_code, response.text[:200])
            p95 = statistics.quantiles(times, n=20)[-1]
            print(f"{kind:18} {statistics.median(times):8.1f} {p95:8.1f} {max(times):8.1f}")
    server.should_exit = True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["build", "measure"])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--only", action="append", help="a page kind to measure (repeatable)")
    parser.add_argument("--requests", type=int, default=REQUESTS, help="requests per page kind")
    args = parser.parse_args()
    if args.what == "build":
        build(args.db, args.articles)
    else:
        measure(args.db, args.only, args.requests)


if __name__ == "__main__":
    main()
