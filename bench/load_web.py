"""A bounded loopback load on the web server: N requests over C concurrent clients.

Either start `reportedly serve` on a free loopback port (`--db`, with `--workers`) and stop it
afterwards, or aim at a server already running (`--url`, with `--pid` for its memory). The URL mix
covers every page kind and its JSON twin (listings at their default page size, deep offsets,
filters, single records, search), with ids read from the server's own API first; the mix is
seeded, so two runs request the same URLs in the same order. Reported: requests/s, latency
p50/p95/p99/max (ms), errors (any status but 200, or a failed connection), the server's peak
resident memory (all its processes together, sampled every 0.2 s), and the server's CPU time per
request (all its processes: the figure to compare on a shared machine, where latency mostly
measures the other jobs).

Usage:
  python bench/load_web.py --db /tmp/web20k.db --workers 2 --requests 2000 --concurrency 16
  python bench/load_web.py --url http://127.0.0.1:8000 --pid 12345       # a server already running
  python bench/load_web.py --db /tmp/web20k.db --src ../main/src           # a baseline's code, 1 worker
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
WORDS = ["Moscow", "Taliban meeting", "denied", "Massoud", "humanitarian aid", "Kabul"]
NAME_PARTS = ["assoud", "kabul", "Front", "Mullah", "ministry of"]
STATUSES = ["disputed", "confirmed", "reported", "asserted", "denied"]
START_TIMEOUT = 120.0  # seconds for the server to answer its first request


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db: Path, workers: int, src: Path) -> Iterator[tuple[str, int]]:
    """`reportedly serve` (the code under `src`) on a free loopback port: (its URL, its pid);
    stopped on exit."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(src)}
    env.pop("REPORTEDLY_TOKEN", None)
    cli = "from reportedly.cli import main; main()"
    command = [sys.executable, "-c", cli, "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen([*command, *(["--workers", str(workers)] if workers > 1 else [])], env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if httpx.get(url + "/api", timeout=10).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"error: the server did not start (exit code {proc.poll()})")
            time.sleep(0.5)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def _tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return found


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (0 when it is gone)."""
    total = 0
    for p in _tree(pid):
        try:
            status = Path(f"/proc/{p}/status").read_text()
            rss = next(line for line in status.splitlines() if line.startswith("VmRSS"))
            total += int(rss.split()[1]) * 1024
        except (OSError, StopIteration, ValueError):
            continue
    return total


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process and its descendants have used so far. Unlike
    latency, CPU per request hardly changes when other jobs share the machine."""
    ticks = 0
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rpartition(")")[2].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        except (OSError, IndexError, ValueError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def url_mix(base: str, n: int, seed: int) -> list[str]:
    """`n` URLs over every page kind, ids read from the server's API, in a seeded order."""
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=120) as client:
        claims = client.get("/api/claims", params={"limit": 200}).json()
        entities = client.get("/api/entities", params={"limit": 200}).json()["items"]
        articles = [
            i["article"]
            for i in client.get("/api/search", params={"q": "said", "limit": 200}).json()["items"]
        ]
    events = [c["id"] for c in claims["items"]]
    deep = max(1, min(claims["total"], 5000) // 50)
    kinds = [
        lambda: "/",
        lambda: f"/claims?offset={rng.randrange(deep) * 50}",
        lambda: f"/claims?status={rng.choice(STATUSES)}&since=2021-{rng.randrange(1, 13):02d}-01",
        lambda: f"/claims?actor={rng.choice(entities)['name']}",
        lambda: f"/events/{rng.choice(events)}",
        lambda: f"/entities/{rng.choice(entities)['id']}",
        lambda: f"/entities?offset={rng.randrange(40) * 50}",
        lambda: f"/entities?name={rng.choice(NAME_PARTS)}",
        lambda: f"/articles/{rng.choice(articles)}",
        lambda: f"/search?q={rng.choice(WORDS)}",
        lambda: f"/api/claims?offset={rng.randrange(deep) * 50}",
        lambda: f"/api/entities?offset={rng.randrange(40) * 50}",
        lambda: f"/api/search?q={rng.choice(WORDS)}",
    ]
    return [kinds[i % len(kinds)]() for i in rng.sample(range(n), n)]


async def _load(base: str, urls: list[str], concurrency: int) -> tuple[list[float], list[str]]:
    queue = list(reversed(urls))
    times: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def client_loop(client: httpx.AsyncClient) -> None:
        while queue:
            url = queue.pop()
            t0 = time.perf_counter()
            try:
                response = await client.get(url)
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {url}")
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {url}")
            times.append((time.perf_counter() - t0) * 1000)

    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(concurrency)))
    return times, errors


def run(base: str, pid: int | None, requests: int, concurrency: int, seed: int) -> dict[str, object]:
    """Send the load and measure it."""
    urls = url_mix(base, requests, seed)
    peak = [tree_rss(pid) if pid else 0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], tree_rss(pid) if pid else 0)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    cpu0, t0 = tree_cpu(pid) if pid else 0.0, time.perf_counter()
    times, errors = asyncio.run(_load(base, urls, concurrency))
    elapsed = time.perf_counter() - t0
    cpu = (tree_cpu(pid) - cpu0) if pid else None
    done.set()
    sampler.join()
    q = statistics.quantiles(times, n=100)
    return {
        "requests": len(times),
        "concurrency": concurrency,
        "seconds": round(elapsed, 1),
        "requests_per_s": round(len(times) / elapsed, 1),
        "p50_ms": round(statistics.median(times)),
        "p95_ms": round(q[94]),
        "p99_ms": round(q[98]),
        "max_ms": round(max(times)),
        "errors": len(errors),
        "first_errors": errors[:5],
        "server_rss_mb": round(peak[0] / 2**20) if pid else None,
        "server_cpu_ms_per_request": round(cpu * 1000 / len(times), 1) if cpu is not None else None,
        "load_average": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", type=Path, help="start `reportedly serve` over this ledger")
    where.add_argument("--url", help="a server already running (loopback)")
    parser.add_argument("--pid", type=int, help="with --url: the server's pid, for its memory")
    parser.add_argument("--workers", type=int, default=1, help="with --db: server processes")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--src", type=Path, default=HERE.parent / "src", help="with --db: the code to serve")
    args = parser.parse_args()
    if args.url:
        result = run(args.url.rstrip("/"), args.pid, args.requests, args.concurrency, args.seed)
    else:
        with serving(args.db, args.workers, args.src) as (base, pid):
            result = run(base, pid, args.requests, args.concurrency, args.seed)
        result["workers"] = args.workers
        result["src"] = str(args.src)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
