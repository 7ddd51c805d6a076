"""The entity stage's cost as a ratio to spaCy's stock pipeline, on the bench corpus (ECB+ articles).

Measured in one process, so only the ratios mean anything on a shared machine:
  stock     `nlp.pipe` with the stock en_core_web_sm pipeline;
  bare      reportedly's pipeline with the entity stage's components (ruler, gazetteer stamp) disabled;
  ruled     `nlp.pipe` with reportedly's pipeline (stock + gazetteer entity ruler);
  entities  `extract_entities` over the ruled Docs;
  setup     one-time costs: gazetteer load, ruler patterns, geonames and person indexes.

Usage: python scripts/bench_entities.py --shared ../shared --articles 120
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

BATCH = 64
ROUNDS = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--articles", type=int, default=120)
    args = parser.parse_args()

    import spacy
    from corpus import load_articles  # type: ignore[import-not-found]

    from reportedly.extract.entities import extract_entities
    from reportedly.model import DocContext
    from reportedly.nlp.pipeline import MODEL_PACKAGE, make_nlp
    from reportedly.nlp.rules import RULER_NAME, TAG_NAME

    texts = [a.text for a in load_articles(Path(args.shared) / "data" / "ecbplus" / "ECB+", args.articles)]
    stock = spacy.load(MODEL_PACKAGE)
    list(stock.pipe(texts[:4]))
    t0 = time.perf_counter()
    nlp = make_nlp()
    extract_entities(nlp("Moscow is ready, Ahamd Masoud said in Kabul."), DocContext("warm"))
    t_setup = time.perf_counter() - t0

    def timed(fn: object) -> float:
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        return time.perf_counter() - t0

    # Interleaved rounds, best of each: other jobs on a shared machine only ever add time.
    t_stock = t_ruled = t_entities = t_bare = float("inf")
    for _ in range(ROUNDS):
        t_stock = min(t_stock, timed(lambda: list(stock.pipe(texts, batch_size=BATCH))))
        with nlp.select_pipes(disable=[RULER_NAME, TAG_NAME]):
            t_bare = min(t_bare, timed(lambda: list(nlp.pipe(texts, batch_size=BATCH))))
        docs: list[object] = []
        t_ruled = min(t_ruled, timed(lambda out=docs: out.extend(nlp.pipe(texts, batch_size=BATCH))))
        run = lambda out=docs: [extract_entities(d, DocContext("b")) for d in out]  # noqa: E731
        t_entities = min(t_entities, timed(run))
    n_entities = sum(len(extract_entities(d, DocContext("b"))) for d in docs)  # type: ignore[arg-type]

    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words:,} words, {n_entities:,} entities")
    print(f"stock nlp.pipe      {t_stock:7.2f} s   1.00")
    print(f"reportedly's pipeline without the entity stage's ruler  {t_bare:7.2f} s   {t_bare / t_stock:.2f}")
    print(f"ruled nlp.pipe      {t_ruled:7.2f} s   {t_ruled / t_stock:.2f}")
    print(f"entity stage alone (ruler + extract_entities): {t_ruled - t_bare + t_entities:7.2f} s   "
          f"{(t_ruled - t_bare + t_entities) / t_stock:.2f} of stock")
    print(f"extract_entities    {t_entities:7.2f} s   {t_entities / t_stock:.2f}")
    print(f"ruled + entities    {t_ruled + t_entities:7.2f} s   {(t_ruled + t_entities) / t_stock:.2f}")
    print(f"one-time setup      {t_setup:7.2f} s   (gazetteer, ruler, geonames and person indexes)")


if __name__ == "__main__":
    main()
