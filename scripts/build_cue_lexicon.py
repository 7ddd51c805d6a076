"""Build data/attribution/cue_lexicon.json: cue verb lemmas learned from PolNeAR train.

For every verb lemma in the parsed training articles: how often it occurs, and how often it heads a
gold cue. Lemmas that head a cue in at least MIN_PRECISION of their uses, and at least MIN_COUNT
times, join the hand-written lexicon (extract/cues.py). Only lemmas and counts are written: no text
of the research-only corpus goes into the repository.

    .venv/bin/python scripts/build_cue_lexicon.py --data ../shared/data/polnear --limit 300
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from reportedly.evaluate.attribution import load_polnear
from reportedly.nlp.pipeline import make_nlp

# A lemma must head a gold cue in this share of its verb uses: below it, it adds more false cues than true.
MIN_PRECISION = 0.35
# And at least this many times, so one annotator's whim does not make a cue.
MIN_COUNT = 3
OUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "reportedly"
    / "data"
    / "attribution"
    / "cue_lexicon.json"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("../shared/data/polnear"))
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()
    docs = load_polnear(args.data, "train", args.limit)
    total: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    nlp = make_nlp()
    for gold, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16), strict=True):
        starts = {s for g in gold.attributions for a, b in g.cue for s in range(a, b)}
        for token in doc:
            if token.pos_ != "VERB" or not token.lemma_.isalpha():
                continue
            total[token.lemma_.lower()] += 1
            if token.idx in starts:
                cue[token.lemma_.lower()] += 1
    learned = {
        lemma: [cue[lemma], total[lemma]]
        for lemma in sorted(cue)
        if cue[lemma] >= MIN_COUNT and cue[lemma] / total[lemma] >= MIN_PRECISION
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "source": f"PolNeAR train, first {args.limit} articles",
        "min_precision": MIN_PRECISION,
        "min_count": MIN_COUNT,
        "lemmas": learned,
    }
    OUT.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"{len(learned)} lemmas -> {OUT}")


if __name__ == "__main__":
    main()
