"""Check that reportedly's fast pipeline changes no output: `reportedly analyze` with it and with stock spaCy.

Runs `runner.analyze` over the bench corpus twice in one process: once as users run it (make_nlp: the
memoized rule components and the held-GIL parser and NER of reportedly.nlp), once with the stock
en_core_web_sm components in their place (the same gazetteer rules added), then compares every Article
as `reportedly analyze --format json` writes it. Same extractor code on both sides, so concurrent edits
to the extractors cannot blur the answer. Exit status 1 when anything differs.

Usage:
  python bench/compare_outputs.py --shared ../shared --articles 300
  python bench/compare_outputs.py --articles 60 --dump /tmp/outputs    # also write both JSONL files
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import load_articles, write_jsonl  # noqa: E402


def _outputs(path: Path) -> tuple[list[str], float]:
    from reportedly.config import Settings
    from reportedly.model import Article, article_to_dict
    from reportedly.runner import analyze

    start = time.process_time()
    lines = [json.dumps(article_to_dict(item) if isinstance(item, Article) else repr(item), sort_keys=True)
             for item in analyze([str(path)], Settings())]
    return lines, time.process_time() - start


def _use_stock_spacy() -> None:
    """Make `make_nlp` build stock spaCy plus the gazetteer rules (no speed_up) from now on."""
    from reportedly.nlp import pipeline

    pipeline._load.cache_clear()
    pipeline.speed_up = lambda nlp: None  # type: ignore[assignment]


def _first_difference(ours: str, stock: str) -> str:
    a: dict[str, Any] = json.loads(ours) if ours.startswith("{") else {"item": ours}
    b: dict[str, Any] = json.loads(stock) if stock.startswith("{") else {"item": stock}
    keys = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
    return f"{a.get('id', '?')}: fields {', '.join(keys)} differ"


def main() -> int:
    """Run both pipelines, print the comparison, return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--dump", type=Path, help="write ours.jsonl and stock.jsonl here")
    args = parser.parse_args()
    corpus = load_articles(args.shared / "data" / "ecbplus" / "ECB+", args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_jsonl(corpus, Path(tmp) / "corpus.jsonl")
        ours, ours_cpu = _outputs(path)
        _use_stock_spacy()
        stock, stock_cpu = _outputs(path)
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        (args.dump / "ours.jsonl").write_text("\n".join(ours) + "\n", "utf-8")
        (args.dump / "stock.jsonl").write_text("\n".join(stock) + "\n", "utf-8")
    differ = [i for i, (a, b) in enumerate(zip(ours, stock, strict=True)) if a != b]
    print(f"{len(ours)} articles; CPU: {ours_cpu:.1f} s with reportedly's pipeline, {stock_cpu:.1f} s with "
          f"stock spaCy components (each run cold: first batch loads tables)")
    for i in differ[:10]:
        print("  " + _first_difference(ours[i], stock[i]))
    print(f"{'identical outputs' if not differ else f'{len(differ)} articles differ'}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
