"""Profile `reportedly analyze` end to end: CPU time per stage, then pyinstrument's hot spots.

Usage:
  python bench/profile_run.py --shared ../shared --articles 60            # stages + pyinstrument tree
  python bench/profile_run.py --articles 60 --html /tmp/profile.html     # and the full call tree

(Not `bench/profile.py`: a script's folder comes first on sys.path, and that name would shadow the
standard library's `profile`, which spaCy imports.)

Stages are timed with CPU time (time.process_time), so other people's jobs on a shared machine do not
move the split: each spaCy component (batched as in a real run), cleaning, syndication checks, and each
extractor. pyinstrument samples wall time and cannot see through spaCy's Cython frames (they appear at
the top of its tree), so it is used for the Python-level hot spots only. The model and lazily loaded
tables are warmed up first: the profile shows a long run's steady state, not start-up.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import load_articles, write_jsonl  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)


class _TimedPipe:
    """A pipeline component wrapper charging its CPU time to `spaCy <name>` (batching kept)."""

    def __init__(self, name: str, proc: Any) -> None:
        self.name, self.proc = name, proc

    def __call__(self, doc: Any) -> Any:
        start = time.process_time()
        out = self.proc(doc)
        SPENT[f"spaCy {self.name}"] += time.process_time() - start
        return out

    def pipe(self, docs: Iterable[Any], **kwargs: Any) -> Iterator[Any]:
        batch = list(docs)  # upstream components run here, on their own clocks
        start = time.process_time()
        if hasattr(self.proc, "pipe"):
            out = list(self.proc.pipe(batch, **kwargs))
        else:
            out = [self.proc(doc) for doc in batch]
        SPENT[f"spaCy {self.name}"] += time.process_time() - start
        yield from out


def _timed(label: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            SPENT[label] += time.process_time() - start

    return wrapper


def instrument() -> None:
    """Wrap every spaCy component, the tokenizer, cleaning, dedup and each extractor with CPU timers."""
    import reportedly.extract as extract
    import reportedly.runner as runner
    from reportedly.clean.dedup import SyndicationIndex
    from reportedly.nlp.pipeline import make_nlp

    nlp = make_nlp(())
    nlp.tokenizer = _TimedPipe("tokenizer", nlp.tokenizer)
    nlp._components = [(name, _TimedPipe(name, proc)) for name, proc in nlp._components]
    for name in ("extract_entities", "extract_attributions", "extract_events"):
        setattr(extract, name, _timed(f"extractor {name.removeprefix('extract_')}", getattr(extract, name)))
    runner.clean_article = _timed("cleaning", runner.clean_article)  # type: ignore[attr-defined]
    SyndicationIndex.add = _timed("syndication index", SyndicationIndex.add)  # type: ignore[method-assign]


def stages(path: Path) -> None:
    """Print the CPU-time split of one analyze run over `path`."""
    from reportedly.config import Settings
    from reportedly.runner import analyze

    instrument()
    SPENT.clear()
    start = time.process_time()
    count = sum(1 for _ in analyze([str(path)], Settings()))
    total = time.process_time() - start
    SPENT["other (reading, runner, batching)"] = total - sum(SPENT.values())
    print(f"{count} articles, {total:.1f} s CPU\n\nCPU time by stage:")
    stock = sum(v for k, v in SPENT.items() if k.startswith("spaCy "))
    for label, secs in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        print(f"  {100 * secs / total:5.1f}%  {secs:6.2f} s  {label}")
    print(f"  spaCy altogether: {100 * stock / total:.1f}%; the rest: {100 * (1 - stock / total):.1f}%")


def hot_spots(path: Path, html: Path | None) -> None:
    """Run analyze under pyinstrument and print its call tree (Python frames)."""
    from pyinstrument import Profiler

    from reportedly.config import Settings
    from reportedly.runner import analyze

    profiler = Profiler(interval=0.002)
    profiler.start()
    list(analyze([str(path)], Settings()))
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False))
    if html is not None:
        html.write_text(profiler.output_html(), "utf-8")
        print(f"call tree: {html}")


def main() -> None:
    """Parse arguments, warm up, profile."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--html", type=Path)
    parser.add_argument("--no-pyinstrument", action="store_true")
    args = parser.parse_args()
    from reportedly.config import Settings
    from reportedly.runner import analyze

    corpus = load_articles(args.shared / "data" / "ecbplus" / "ECB+", args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_jsonl(corpus, Path(tmp) / "corpus.jsonl")
        list(analyze([str(write_jsonl(corpus[:5], Path(tmp) / "warm.jsonl"))], Settings()))
        stages(path)  # first: the memoized components start as cold as in a fresh run
        if not args.no_pyinstrument:
            hot_spots(path, args.html)


if __name__ == "__main__":
    main()
