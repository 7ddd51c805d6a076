"""Ledger query latency on a large database (issue 6's figure), and storage throughput at scale.

Analyzing 100,000 articles takes hours on this machine, so the database is built from the analysis of
real articles recombined: a few dozen ECB+ articles (rebuilt by corpus.py) are analyzed once, then
each synthetic article takes one of those analyses with a new id, a publication day spread over three
years and its entities renamed from a pool of variants (so the ledger has many distinct actors and
events rather than one giant event). Those records are stored with the ledger's own `store_batch`.
Then each query is timed (median of repeats), on a warm page cache, through `reportedly.open`.

Usage:
  python bench/ledger_latency.py --shared ../shared --articles 100000
  python bench/ledger_latency.py --articles 5000 --db /tmp/l.db     # smaller, and keep the file
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import load_articles  # noqa: E402

BASE_ARTICLES = 60
# Distinct variants of each entity name: the ledger gets about (entities of the base articles) x this
# many actors, each seen again and again, as real actors are.
NAME_VARIANTS = 100
STORE_BATCH = 200
REPEATS = 5
FIRST_DAY = datetime.date(2021, 1, 1)
DAYS = 3 * 365
SURNAMES = (
    "Karimi",
    "Ahmadi",
    "Rahimi",
    "Hosseini",
    "Nazari",
    "Sadeghi",
    "Haidari",
    "Mohammadi",
    "Rezaei",
    "Jafari",
    "Noori",
    "Sultani",
    "Wardak",
    "Popal",
    "Barakzai",
    "Durrani",
    "Safi",
    "Zazai",
    "Amin",
    "Omar",
)


def _analyze_base(shared: Path) -> list:
    from reportedly.config import Settings
    from reportedly.model import Article, RawArticle, SourceRef
    from reportedly.runner import analyze_raw

    raws = [
        RawArticle(
            source=SourceRef(path=f"ecb{i}", url=a.url, format="jsonl"),
            text=a.text,
            title=a.title,
            verbatim=True,
        )
        for i, a in enumerate(load_articles(shared / "data" / "ecbplus" / "ECB+", BASE_ARTICLES))
    ]
    return [a for a in analyze_raw(raws, Settings()) if isinstance(a, Article) and a.events]


def _variant(article, i: int, rng: random.Random):  # type: ignore[no-untyped-def]
    k = rng.randrange(NAME_VARIANTS)
    suffix = f"{SURNAMES[k % len(SURNAMES)]}-{k // len(SURNAMES)}"
    entities = tuple(replace(e, name=f"{e.name} {suffix}", kb_id=None, aliases=()) for e in article.entities)
    day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
    return replace(
        article,
        id=f"a_syn{i:010d}",
        published=day.isoformat(),
        entities=entities,
        duplicate_of=None,
        source=replace(article.source, path=f"syn/{i}"),
    )


def _time(fn, repeats: int = REPEATS) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    times, n = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        n = len(fn())
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, n


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="write the database here (default: a temporary file)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    import reportedly
    from reportedly.store.database import connect
    from reportedly.store.writer import store_batch

    base = _analyze_base(args.shared)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="reportedly-latency-") as tmp:
        db = args.db or Path(tmp) / "ledger.db"
        conn = connect(db)
        start = time.perf_counter()
        for first in range(0, args.articles, STORE_BATCH):
            batch = [
                _variant(base[i % len(base)], i, rng)
                for i in range(first, min(first + STORE_BATCH, args.articles))
            ]
            store_batch(conn, batch, [])
        stored_s = time.perf_counter() - start
        counts = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "entities", "mentions", "events")
        }
        conn.close()
        print(
            f"stored {args.articles:,} articles in {stored_s:.0f} s "
            f"({args.articles / stored_s:.0f} articles/s); "
            f"{counts}; {db.stat().st_size / 2**20:.0f} MiB",
            flush=True,
        )
        with reportedly.open(db) as ledger:
            some = ledger.claims(limit=50)
            actor = next(a.name for c in some for a in c.actors)
            queries = {
                "claims (latest 1000)": lambda: ledger.claims(),
                "claims --actor NAME": lambda: ledger.claims(actor=actor),
                "claims --status disputed": lambda: ledger.claims(status="disputed"),
                "claims --type CONSULT --since 2023-06-01": lambda: ledger.claims(
                    type="CONSULT", since="2023-06-01"
                ),
                "claims --limit 20": lambda: ledger.claims(limit=20),
                "timeline EVENT": lambda: ledger.timeline(some[0].id),
                "search TEXT": lambda: ledger.search("police arrested"),
                "entities --name X": lambda: ledger.entities(name=actor.split()[0]),
            }
            for label, query in queries.items():
                ms, n = _time(query)
                print(f"{label:45s} {ms:9.1f} ms  ({n} rows)", flush=True)


if __name__ == "__main__":
    main()
