"""Ingest through a Dask cluster with 1 and 2 workers on the same articles (`ingest --scheduler`).

Starts a scheduler (`dask scheduler`, 127.0.0.1, a free port), then for each worker count a fresh
`dask worker ADDRESS --nworkers N --nthreads 1`, warms every worker up (pipeline and lazily built
tables, on the seed article), and times `pipeline.ingest` of the corpus into a fresh SQLite file
through the cluster; local ingests of the same articles (no cluster; 1 and 2 processes,
`--n-process`) are the baselines, and their 2-over-1 speed-up is the control for the machine's load.

Usage:
  python bench/dask_scaling.py --shared ../shared                       # 120 ECB+ articles
  python bench/dask_scaling.py --shared ../shared --articles 300 --repeat 2
  python bench/dask_scaling.py --shared ../shared --memory 20000        # the client's memory, no model

Times: wall clock, and CPU time per process kind (this client, the workers, the scheduler). The
machine may be shared: wall-clock ratios then measure other people's jobs too, so the speed-up is
also printed as its bound on 2 idle cores from CPU time alone: with one worker the client's work
runs beside it on the second core; with two, everything shares both cores:
  bound = 2 x CPU(worker, 1w) / CPU(workers + client + scheduler, 2w).
`--memory N` streams N recombined articles through the runner to a one-worker cluster whose task
cleans its batch and skips the analysis, and prints the client's RSS at checkpoints: it grows only
while the syndication index fills (bounded at 50,000 articles, as in a local run), whatever N.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import load_articles, write_jsonl  # noqa: E402

DASK = Path(sys.executable).with_name("dask")
DEFAULT_ARTICLES = 120
# Articles after which --memory prints the client's RSS (and after the last one asked for).
CHECKPOINTS = (1000, 2000, 5000, 10000, 20000, 50000, 100000)
START_S = 60
WORKERS_S = 600


def _cpu() -> float:
    """This process's CPU seconds (run on each worker and on the scheduler too)."""
    times = os.times()
    return times.user + times.system


def _warm(seed: str) -> int:
    """On a worker: analyze the seed article in this process (model, tables, matchers built)."""
    from reportedly.config import Settings
    from reportedly.runner import analyze

    return len(list(analyze([seed], Settings())))


def _cleaned_only(batch: list[Any], settings: Any) -> list[Any]:
    """On a worker, for --memory: the batch cleaned, not analyzed (the client's side is measured)."""
    from reportedly.runner import clean_item

    return [(clean_item(raw, settings), None) for raw in batch]


def _start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        command = [str(DASK), *args]
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _scheduler(tmp: Path) -> tuple[subprocess.Popen[bytes], str]:
    address_file = tmp / "scheduler.json"
    proc = _start(["scheduler", "--host", "127.0.0.1", "--port", "0", "--dashboard-address", "127.0.0.1:0",
                   "--scheduler-file", str(address_file)], tmp / "scheduler.log")
    deadline = time.monotonic() + START_S
    while not address_file.exists():
        if time.monotonic() > deadline or proc.poll() is not None:
            _stop(proc)
            raise SystemExit(f"the scheduler did not start; see {tmp / 'scheduler.log'}")
        time.sleep(0.1)
    return proc, str(json.loads(address_file.read_text())["address"])


def _workers(address: str, n: int, tmp: Path, seed: Path | None) -> tuple[subprocess.Popen[bytes], Any]:
    """`n` fresh worker processes, warmed up, and a client of the cluster."""
    from distributed import Client

    args = ["worker", address, "--nworkers", str(n), "--nthreads", "1", "--host", "127.0.0.1",
            "--dashboard-address", "127.0.0.1:0", "--local-directory", str(tmp / f"w{n}")]
    proc = _start(args, tmp / "workers.log")
    client = Client(address, timeout=START_S, set_as_default=False)
    client.wait_for_workers(n, timeout=WORKERS_S)
    if seed is not None:
        client.run(_warm, str(seed))
    return proc, client


def _ingest(corpus: Path, db: Path, scheduler: str | None, n_process: int = 1) -> float:
    from reportedly.config import Settings
    from reportedly.pipeline import ingest

    start = time.perf_counter()
    report = ingest([str(corpus)], Settings(db=db, scheduler=scheduler, n_process=n_process))
    seconds = time.perf_counter() - start
    if report.failed:
        raise SystemExit(f"{report.failed} articles failed")
    return seconds


def _local(corpus: Path, db: Path, seed: Path, n_process: int) -> dict[str, float]:
    """A local ingest (no cluster): this process, and with `n_process` 2 its pool's processes."""
    _ingest(seed, db.with_suffix(".warm-up.db"), None)
    before = os.times()
    seconds = _ingest(corpus, db, None, n_process)
    after = os.times()
    pool = after.children_user + after.children_system - before.children_user - before.children_system
    return {"wall": seconds, "client": after.user + after.system - before.user - before.system,
            "workers": pool, "scheduler": 0.0}


def _on_cluster(corpus: Path, db: Path, address: str, n: int, tmp: Path, seed: Path) -> dict[str, float]:
    workers, client = _workers(address, n, tmp, seed)
    try:
        _ingest(seed, tmp / f"warm-up-{n}.db", address)  # the client's imports, the worker plugin
        before = (_cpu(), client.run(_cpu), client.run_on_scheduler(_cpu))
        seconds = _ingest(corpus, db, address)
        after = (_cpu(), client.run(_cpu), client.run_on_scheduler(_cpu))
        workers_cpu = sum(after[1].values()) - sum(before[1].values())
        return {"wall": seconds, "client": after[0] - before[0], "workers": workers_cpu,
                "scheduler": after[2] - before[2]}
    finally:
        client.close()
        _stop(workers)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _report(runs: dict[str, list[dict[str, float]]], articles: int) -> None:
    rows = {name: {k: _median([r[k] for r in found]) for k in found[0]} for name, found in runs.items()}
    print(f"\n{'run':<10}{'wall s':>8}{'art/s':>8}{'CPU client':>12}{'CPU workers':>13}{'CPU sched':>11}")
    for name, r in rows.items():
        print(f"{name:<10}{r['wall']:>8.1f}{articles / r['wall']:>8.2f}{r['client']:>12.1f}"
              f"{r['workers']:>13.1f}{r['scheduler']:>11.1f}")
    one, two = rows.get("dask 1w"), rows.get("dask 2w")
    if one and two:
        bound = 2 * one["workers"] / (two["workers"] + two["client"] + two["scheduler"])
        print(f"\n2 workers over 1: {one['wall'] / two['wall']:.2f}x wall clock here; "
              f"at most {bound:.2f}x on 2 idle cores (CPU time)")
        per = {k: 1000 * v / articles for k, v in two.items() if k != "wall"}
        print(f"CPU per article with 2 workers: workers {per['workers']:.1f} ms, client {per['client']:.1f} "
              f"ms (read, clean, syndication, store and merge), scheduler {per['scheduler']:.2f} ms")
    if one and "local 1p" in rows:
        local1, local2 = rows["local 1p"], rows["local 2p"]
        print(f"dask 1 worker over local 1 process: {local1['wall'] / one['wall']:.2f}x wall clock")
        print(f"the same run's control, local ingest --n-process 2 over 1: "
              f"{local1['wall'] / local2['wall']:.2f}x wall clock (a machine with no free core shows it too)")


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _memory(shared: Path, address: str, tmp: Path, checkpoints: list[int]) -> None:
    from stream import raw_stream

    from reportedly import runner_dask
    from reportedly.config import Settings
    from reportedly.runner import analyze_raw

    workers, client = _workers(address, 1, tmp, None)
    runner_dask.analyze_batch = _cleaned_only  # type: ignore[assignment]
    try:
        raws: Iterator[object] = raw_stream(shared, seed=13)
        start = time.perf_counter()
        print(f"{'articles':>9}{'client RSS MiB':>16}{'s':>8}")
        for n, _ in enumerate(analyze_raw(raws, Settings(scheduler=address)), 1):  # type: ignore[arg-type]
            if n in checkpoints:
                print(f"{n:>9,}{_rss_mb():>16.0f}{time.perf_counter() - start:>8.0f}", flush=True)
            if n >= checkpoints[-1]:
                break
    finally:
        client.close()
        _stop(workers)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, help="real ECB+ articles (max 770)")
    parser.add_argument("--repeat", type=int, default=1, help="interleaved runs; medians reported")
    parser.add_argument("--no-local", action="store_true", help="skip the local baseline")
    parser.add_argument("--memory", type=int, default=0, help="articles streamed for the memory check")
    args = parser.parse_args(argv)
    seed = args.shared / "seed" / "russia-host-talks.txt"
    with tempfile.TemporaryDirectory(prefix="reportedly-dask-") as name:
        tmp = Path(name)
        scheduler, address = _scheduler(tmp)
        try:
            if args.memory:
                marks = [m for m in CHECKPOINTS if m < args.memory]
                _memory(args.shared, address, tmp, [*marks, args.memory])
                return
            corpus = write_jsonl(load_articles(args.shared / "data" / "ecbplus" / "ECB+", args.articles),
                                 tmp / "corpus.jsonl")
            print(f"{args.articles} ECB+ articles; {os.cpu_count()} CPUs; scheduler {address}; load average "
                  + ", ".join(f"{x:.1f}" for x in os.getloadavg()), flush=True)
            runs: dict[str, list[dict[str, float]]] = {}
            for i in range(args.repeat):
                for n in () if args.no_local else (1, 2):
                    result = _local(corpus, tmp / f"local-{n}-{i}.db", seed, n)
                    runs.setdefault(f"local {n}p", []).append(result)
                for n in (1, 2):
                    result = _on_cluster(corpus, tmp / f"dask-{n}-{i}.db", address, n, tmp, seed)
                    runs.setdefault(f"dask {n}w", []).append(result)
                    print(f"run {i + 1}, {n} worker(s): {result['wall']:.1f} s", flush=True)
            _report(runs, args.articles)
            print("load average now " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
        finally:
            _stop(scheduler)


if __name__ == "__main__":
    main()
