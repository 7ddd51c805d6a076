"""Does the ledger depend on the order articles arrive in? A measurement on real news (issues 15, 18).

The PolNeAR train texts (or the first `--limit` of them) are analyzed once; the analyzed articles are
then stored into fresh SQLite ledgers in several orders (file order, reversed, seeded shuffles), in
write batches of `--batch` as `reportedly ingest` stores them, syndicated copies marked by the
ledger's own copy finder in each order. Each ledger is compared with the first by what does not
depend on ids:

- entity groupings: which article entities are one ledger entity (a grouping differs when its set
  of article entities is not a grouping of the other ledger), with the entity's name and kb id;
- events: which mentions are one event, with its type, status and status history;
- originals: which article each stored syndicated copy names as its original.

    python bench/order.py --shared ../shared --limit 300 --orders 3 --cache /tmp/order.pkl

The analysis is the slow part: `--cache FILE` keeps the analyzed articles (a pickle, written once and
read by later runs), so runs with other code for the ledger reuse one analysis. `--json` prints the
figures as one JSON object.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sqlite3
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any


def analyzed(
    shared: Path, limit: int | None, cache: Path | None, corpus: list[Path] | None = None
) -> list[Any]:
    """The analyzed articles of `corpus` (files or folders; default the PolNeAR train texts), in file
    order (from `cache` when it exists)."""
    if cache is not None and cache.exists():
        with cache.open("rb") as f:
            articles: list[Any] = pickle.load(f)  # noqa: S301 (a file this script wrote)
        return articles[:limit] if limit else articles
    from reportedly.config import Settings
    from reportedly.model import Article
    from reportedly.runner import analyze

    paths = corpus or sorted((shared / "data" / "polnear" / "train" / "text").glob("*.txt"))[:limit]
    items = analyze([str(p) for p in paths], Settings())
    # the runner marks copies in its own order; each ledger below marks them in its order
    articles = [replace(a, duplicate_of=None) for a in items if isinstance(a, Article)][:limit]
    if cache is not None:
        with cache.open("wb") as f:
            pickle.dump(articles, f)
    return articles


def ingest(db: Path, articles: list[Any], batch: int) -> float:
    """Store the articles in this order, `batch` per transaction; the seconds it took."""
    from reportedly.config import Settings
    from reportedly.pipeline import CopyFinder
    from reportedly.store.database import connect
    from reportedly.store.writer import store_batch

    start = time.perf_counter()
    conn = connect(db)
    copies = CopyFinder(conn, Settings())
    for first in range(0, len(articles), batch):
        copies.refresh(conn)
        store_batch(conn, [copies.mark(a) for a in articles[first : first + batch]], [])
    conn.close()
    return time.perf_counter() - start


def signature(db: Path) -> dict[str, Any]:
    """The ledger as sets that do not depend on ids: its articles and each one's original (None when
    it is no copy), which article entities are one entity (and its name, kb id, kind and country), and
    which mentions are one event (and its type, status and status history). tests/store/test_order.py
    compares ledgers stored in different orders with it too."""
    conn = sqlite3.connect(db)
    try:
        members: dict[str, set[tuple[str, str]]] = {}
        links = conn.execute("SELECT article_id, local_id, entity_id FROM article_entities")
        for article, local, entity in links:
            members.setdefault(entity, set()).add((article, local))
        described = conn.execute("SELECT id, name, kb_id, kind, country FROM entities")
        names = {r[0]: tuple(r[1:]) for r in described}
        grouped: dict[str, set[str]] = {}
        for mention, event in conn.execute("SELECT id, event_id FROM mentions"):
            grouped.setdefault(event, set()).add(mention)
        history: dict[str, list[tuple[str, str]]] = {}
        for event, day, status in conn.execute("SELECT event_id, day, status FROM event_status ORDER BY seq"):
            history.setdefault(event, []).append((day, status))
        kinds = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, type, status FROM events")}
        return {
            "articles": {r[0] for r in conn.execute("SELECT id FROM articles")},
            "originals": dict(conn.execute("SELECT id, duplicate_of FROM articles").fetchall()),
            "entities": {frozenset(m): names[e] for e, m in members.items()},
            "events": {frozenset(m): (kinds[e], tuple(history.get(e, ()))) for e, m in grouped.items()},
        }
    finally:
        conn.close()


def differing(one: dict[Any, Any], other: dict[Any, Any]) -> int:
    """How many items of `one` are not in `other` with the same value."""
    return sum(1 for k, v in one.items() if other.get(k, object()) != v)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--limit", type=int, default=None, help="the first N train texts (default: all 840)")
    parser.add_argument("--orders", type=int, default=3, help="orders: file order, reversed, then shuffles")
    parser.add_argument("--batch", type=int, default=16, help="articles per write transaction")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the analyzed articles")
    parser.add_argument("--corpus", type=Path, nargs="+", default=None, metavar="PATH",
                        help="other articles to store (files or folders, read as `analyze` reads them)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    articles = analyzed(args.shared, args.limit, args.cache, args.corpus)
    rng = random.Random(args.seed)
    orders = [list(articles), list(reversed(articles))]
    while len(orders) < args.orders:
        orders.append(rng.sample(articles, len(articles)))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        reference: dict[str, Any] | None = None
        for n, order in enumerate(orders[: args.orders]):
            db = Path(tmp) / f"order{n}.db"
            seconds = ingest(db, order, args.batch)
            sig = signature(db)
            reference = reference or sig
            rows.append(
                {
                    "order": ["file", "reversed"][n] if n < 2 else f"shuffle {n - 1}",
                    "seconds": round(seconds, 1),
                    "entities": len(sig["entities"]),
                    "events": len(sig["events"]),
                    "copies": sum(1 for o in sig["originals"].values() if o is not None),
                    "entities_differing": differing(sig["entities"], reference["entities"]),
                    "events_differing": differing(sig["events"], reference["events"]),
                    "originals_differing": differing(sig["originals"], reference["originals"]),
                }
            )
    result = {"articles": len(articles), "batch": args.batch, "orders": rows}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{len(articles)} articles, write batches of {args.batch}; each order against the first")
    for r in rows:
        print(
            f"{r['order']:>10}: {r['entities']:,} entities ({r['entities_differing']} differ), "
            f"{r['events']:,} events ({r['events_differing']} differ), {r['copies']} copies "
            f"({r['originals_differing']} originals differ), stored in {r['seconds']} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
