"""Before/after of migration 10's reader fixes on one large PostgreSQL ledger, alternated in one run so
that both sides meet the same load (the shared machine's load moves by 2x within minutes).

Each pair runs the statement the readers ran before (the schema at version 10: the old statements
keep their plans, except that the old `event_participants_entity` index is now the covering one) and
the one they run now, alternately, `--repeats` times; p50 and p95 of each side are printed.

Usage (a ledger made by `bench/pg_bench.py latency`, kept on a server):
  python bench/pg_ab.py postgresql://postgres@127.0.0.1:PORT/bench_latency --repeats 20
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _ms(times: list[float], q: int) -> float:
    return statistics.quantiles(times, n=100)[q - 1] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("url")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()

    import reportedly
    from reportedly.api import queries
    from reportedly.ledger import api as ledger_api

    with reportedly.open(args.url) as ledger:
        db = queries.connection(ledger)
        ranked = [r[0] for r in db.execute("SELECT id FROM entities ORDER BY n_events DESC, id LIMIT 101")]
        top, mid = ranked[0], ranked[100]
        mid_name = db.execute("SELECT name FROM entities WHERE id = ?", (mid,)).fetchone()[0]

        def old_actor_ids(actor: str) -> list[str]:
            return [
                r[0]
                for r in db.execute(
                    "SELECT id FROM entities WHERE name = ? COLLATE NOCASE OR id = ? OR kb_id = ? "
                    "UNION SELECT entity_id FROM entity_aliases WHERE alias = ? COLLATE NOCASE "
                    "UNION SELECT entity_id FROM entity_keys WHERE key = ?",
                    (actor,) * 5,
                )
            ]

        def old_actor_claims(actor: str) -> object:
            ids = old_actor_ids(actor)
            marks = ",".join("?" * len(ids))
            rows = db.execute(
                "SELECT * FROM events WHERE id IN (SELECT event_id FROM event_participants "
                f"WHERE entity_id IN ({marks})) ORDER BY last_published DESC NULLS LAST, id DESC LIMIT 20",
                ids,
            ).fetchall()
            return [json.loads(r["data"]) for r in rows]

        def new_actor_claims(actor: str) -> object:
            rows = ledger._event_rows(actor, None, None, None, 20)  # noqa: SLF001
            return [json.loads(r["data"]) for r in rows]

        def old_min_origins() -> object:
            return [c for c in ledger.claims(limit=1000) if c.n_origins >= 3][:20]

        pairs: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
            "actor lookup (a name)": (lambda: old_actor_ids(mid_name), lambda: ledger.actor_ids(mid_name)),
            "claims --actor MID --limit 20 (rows)": (
                lambda: old_actor_claims(mid_name),
                lambda: new_actor_claims(mid_name),
            ),
            "claims --actor TOP --limit 20 (rows)": (
                lambda: old_actor_claims(top),
                lambda: new_actor_claims(top),
            ),
            "claims --min-origins 3 --limit 20": (
                old_min_origins,
                lambda: ledger.claims(min_origins=3, limit=20),
            ),
            "event types (web /claims form)": (
                lambda: db.execute("SELECT DISTINCT type FROM events ORDER BY type").fetchall(),
                lambda: queries.event_types(ledger),
            ),
            "count of TOP's events (entity page total)": (
                lambda: db.execute(
                    "SELECT count(*) FROM events WHERE id IN "
                    "(SELECT event_id FROM event_participants WHERE entity_id = ?)",
                    (top,),
                ).fetchone(),
                lambda: queries.count_events(ledger, actor=top),
            ),
            "counterparts of MID (entity page network)": (
                lambda: db.execute(
                    "SELECT e.id, e.name, e.type, count(DISTINCT p2.event_id) AS n "
                    "FROM event_participants p1 JOIN event_participants p2 "
                    "ON p2.event_id = p1.event_id AND p2.entity_id != p1.entity_id "
                    "JOIN entities e ON e.id = p2.entity_id WHERE p1.entity_id = ? "
                    "GROUP BY e.id ORDER BY n DESC, e.name LIMIT 16",
                    (mid,),
                ).fetchall(),
                lambda: queries.counterparts(ledger, mid, limit=16),
            ),
        }
        assert ledger_api  # the module the new side runs
        print(f"load average before: {os.getloadavg()[0]:.1f}", flush=True)
        for label, (old, new) in pairs.items():
            old(), new()  # warm
            t_old, t_new = [], []
            for _ in range(args.repeats):
                for fn, out in ((old, t_old), (new, t_new)):
                    t0 = time.perf_counter()
                    fn()
                    out.append(time.perf_counter() - t0)
            print(
                f"{label:45s} before p50 {_ms(t_old, 50):7.1f} p95 {_ms(t_old, 95):7.1f} ms | "
                f"after p50 {_ms(t_new, 50):6.1f} p95 {_ms(t_new, 95):6.1f} ms "
                f"(load {os.getloadavg()[0]:.1f})",
                flush=True,
            )


if __name__ == "__main__":
    main()
