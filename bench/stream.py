"""Memory on an unbounded input: `runner.analyze_raw` over a generator of a million recombined articles.

Usage:
  python bench/stream.py --shared ../shared --path full --checkpoints 500,1000,2000
  python bench/stream.py --shared ../shared --path cheap --checkpoints 1000,10000,20000,50000,100000

Prints the process's current and peak RSS at each checkpoint (articles yielded so far). The generator
would go on to a million articles; the run stops after the last checkpoint.

Paths:
  full   the real pipeline: reading is skipped (articles are built in memory), then cleaning,
         syndication checks, batching, spaCy (memory zones per batch) and every extractor.
  index  only the syndication index (clean/dedup.py), the one structure that grows with the articles
         seen: fast enough for 100,000 articles here.
  cheap  the same runner, cleaning and syndication index, with spaCy replaced by a tokenizer-only
         pipeline (spacy.blank("en") plus a sentencizer, memory zones included) and no extractors
         (they need tags, parses and entities): about 10x faster, so the syndication index's bound
         (50,000 articles) is passed. The full path shows the models' and extractors' memory.
Recombined sentences reuse ECB+'s vocabulary, so spaCy's string store could not grow here even
without memory zones; tests/nlp/test_parallel.py checks that novel words do not make it grow.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import load_articles, stream_articles  # noqa: E402

STREAM_LENGTH = 1_000_000


def _rss_mb() -> tuple[float, float]:
    """Current and peak RSS of this process, in MiB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20, peak


def raw_stream(shared: Path, seed: int) -> Iterator[object]:
    """A million RawArticles recombined from ECB+ sentences, built one at a time."""
    from reportedly.model import RawArticle, SourceRef

    source = stream_articles(load_articles(shared / "data" / "ecbplus" / "ECB+"), seed=seed)
    for n in range(STREAM_LENGTH):
        article = next(source)
        source_ref = SourceRef(path=f"stream-{n}", url=None, format="text")
        yield RawArticle(source_ref, article.text, title=article.title)


def _use_blank_pipeline() -> None:
    """Tokenizer-only spaCy and no extractors (they need tags, parse and entities)."""
    import spacy

    import reportedly.extract as extract
    import reportedly.nlp.pipeline as pipeline

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    pipeline.make_nlp = lambda gazetteer_files=(): blank
    extract.analyze_doc = lambda doc, ctx: ([], [], [])


def _index_only(raws: Iterator[object]) -> Iterator[object]:
    """The syndication index alone (the one structure that grows with articles seen), one add each."""
    from reportedly.clean import article_id
    from reportedly.clean.dedup import SyndicationIndex

    index = SyndicationIndex()
    for raw in raws:
        text = raw.text  # type: ignore[attr-defined]
        yield index.add(article_id(text), text)


def main() -> None:
    """Run the stream and print RSS at each checkpoint."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--path", choices=("full", "cheap", "index"), default="cheap")
    parser.add_argument("--checkpoints", default="1000,10000")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    from reportedly.config import Settings
    from reportedly.model import Failure
    from reportedly.runner import analyze_raw

    settings = Settings(n_process=args.n_process)
    if args.path == "cheap":
        _use_blank_pipeline()
    if args.path == "index":
        items: Iterator[object] = _index_only(raw_stream(args.shared, args.seed))
    else:
        items = analyze_raw(raw_stream(args.shared, args.seed), settings)  # type: ignore[arg-type]
    checkpoints = sorted(int(c) for c in args.checkpoints.split(","))
    start, cpu = time.perf_counter(), time.process_time()
    failures = 0
    print(f"{args.path} path, {args.n_process} process(es); stream of {STREAM_LENGTH:,} articles", flush=True)
    print(f"{'articles':>9} {'RSS MiB':>9} {'peak MiB':>9} {'wall s':>8} {'CPU s':>8} {'failures':>8}",
          flush=True)
    for count, item in enumerate(items, start=1):
        failures += isinstance(item, Failure)
        if count == checkpoints[0]:
            rss, peak = _rss_mb()
            print(f"{count:>9,} {rss:>9,.0f} {peak:>9,.0f} {time.perf_counter() - start:>8.0f}"
                  f" {time.process_time() - cpu:>8.0f} {failures:>8}", flush=True)
            checkpoints.pop(0)
            if not checkpoints:
                break


if __name__ == "__main__":
    main()
