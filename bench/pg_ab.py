"""Before/after of this round's reader fixes on one large PostgreSQL ledger (migrations 12 and 13 and
the statements), alternated in one run so that both sides meet the same load (the shared machine's
load moves by 2x within minutes).

Each pair runs what the readers ran before (written out here, on the current schema) and what they
run now, alternately, `--repeats` times; p50 and p95 of each side are printed. Search is not here:
its old form read `articles.fts`, which migration 13 moved (its before/after is docs/deploy.md's).

`--trees OLD_SRC NEW_SRC` instead compares two checkouts' code on the same ledger: one worker process
per tree (its `src` first on the path) runs `bench/pg_bench.py`'s readers, and the two are asked in
turn, one call each, so that both meet the same load; p50/p95 of the wall time and the median CPU
time of the worker's own process (the Python side; the server's is not counted) are printed.

Usage (a ledger made by `bench/pg_bench.py latency`, kept on a server):
  python bench/pg_ab.py postgresql://postgres@127.0.0.1:PORT/bench_latency --repeats 20
  python bench/pg_ab.py postgresql://postgres@127.0.0.1:PORT/bench_latency --repeats 20 \
      --trees ../main/src src --only "claims (CLI" "web /search"
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
    parser.add_argument("--trees", nargs=2, metavar=("OLD_SRC", "NEW_SRC"), help="compare two checkouts")
    parser.add_argument("--only", nargs="*", help="with --trees: the readers whose label holds one of these")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.url)
        return
    if args.trees:
        _trees(args)
        return

    import reportedly
    from reportedly.api import queries
    from reportedly.ledger import api as ledger_api

    with reportedly.open(args.url) as ledger:
        db = queries.connection(ledger)
        top = db.execute("SELECT id FROM entities ORDER BY n_events DESC, id LIMIT 1").fetchone()[0]

        def old_rows(ids: list[str]) -> list[object]:
            """`SELECT *` in lists of 500 placeholders, as `Database.rows_in` asked before."""
            out: list[object] = []
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                out += db.execute(f"SELECT * FROM events WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            return out

        def old_claims(limit: int = 1000) -> object:
            ids = [
                r[0]
                for r in db.execute(
                    "SELECT id FROM events ORDER BY last_published DESC NULLS LAST, id DESC LIMIT ?", (limit,)
                )
            ]
            datas = [json.loads(r["data"]) for r in old_rows(ids)]  # type: ignore[index]
            refs = ledger._refs({i for d in datas for i in ledger_api._entity_ids(d)})  # noqa: SLF001
            return [ledger_api._claim(d, refs) for d in datas]  # noqa: SLF001

        def old_min_origins() -> object:
            return [c for c in old_claims(1000) if c.n_origins >= 3][:20]  # type: ignore[attr-defined]

        pairs: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
            "claims (CLI default: latest 1000)": (old_claims, lambda: ledger.claims()),
            "claims --min-origins 3 --limit 20": (
                old_min_origins,
                lambda: ledger.claims(min_origins=3, limit=20),
            ),
            "web /claims total (all events)": (
                lambda: db.execute("SELECT count(*) FROM events WHERE 1 = 1").fetchone(),
                lambda: queries.count_events(ledger, cap=queries.COUNT_CAP),
            ),
            "web entity page TOP: its total": (
                lambda: db.execute(
                    "SELECT count(*) FROM (SELECT DISTINCT event_id FROM event_participants "
                    "WHERE entity_id = ?) x",
                    (top,),
                ).fetchone(),
                lambda: queries.count_events(ledger, actor=top),
            ),
        }
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


def _worker(url: str) -> None:
    """Answer "label" lines with one timed run of that reader: "wall_s cpu_s"."""
    sys.path.insert(0, str(ROOT / "bench"))
    from pg_bench import _checks  # type: ignore[import-not-found]

    import reportedly

    with reportedly.open(url) as ledger:
        checks = _checks(ledger)
        print(json.dumps(list(checks)), flush=True)
        for line in sys.stdin:
            check = checks[line.rstrip("\n")]
            t0, c0 = time.perf_counter(), time.process_time()
            check()
            print(f"{time.perf_counter() - t0} {time.process_time() - c0}", flush=True)


def _trees(args: argparse.Namespace) -> None:
    import subprocess

    workers = []
    for src in args.trees:
        env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
        workers.append(
            subprocess.Popen(
                [sys.executable, __file__, args.url, "--worker", "1"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
            )  # fmt: skip
        )
    labels = [json.loads(w.stdout.readline()) for w in workers][0]  # type: ignore[union-attr]

    def ask(worker: subprocess.Popen[str], label: str) -> tuple[float, float]:
        worker.stdin.write(label + "\n")  # type: ignore[union-attr]
        worker.stdin.flush()  # type: ignore[union-attr]
        wall, cpu = worker.stdout.readline().split()  # type: ignore[union-attr]
        return float(wall), float(cpu)

    load = os.getloadavg()[0]
    print(f"load average before: {load:.1f}; old {args.trees[0]}, new {args.trees[1]}", flush=True)
    for label in labels:
        if args.only and not any(o in label for o in args.only):
            continue
        for w in workers:
            ask(w, label)  # warm
        walls: list[list[float]] = [[], []]
        cpus: list[list[float]] = [[], []]
        for _ in range(args.repeats):
            for side, w in enumerate(workers):
                wall, cpu = ask(w, label)
                walls[side].append(wall)
                cpus[side].append(cpu)
        (old_w, new_w), (old_c, new_c) = walls, cpus
        print(
            f"{label:50s} old p50 {_ms(old_w, 50):6.1f} p95 {_ms(old_w, 95):6.1f} ms | "
            f"new p50 {_ms(new_w, 50):6.1f} p95 {_ms(new_w, 95):6.1f} ms | CPU p50 "
            f"{statistics.median(old_c) * 1000:5.1f} -> {statistics.median(new_c) * 1000:5.1f} ms "
            f"(load {os.getloadavg()[0]:.1f})",
            flush=True,
        )
    for w in workers:
        w.stdin.close()  # type: ignore[union-attr]
        w.wait()


if __name__ == "__main__":
    main()
