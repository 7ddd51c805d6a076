"""End-to-end PLV recall and precision by 5-fold cross-validation on PLV's training part (never the held-out).

Detection rules (which words are events, which parties stand alone) are chosen on this figure, not on the
held-out part that `reportedly eval events` reports. The training part's sentences fall into 5 folds by a
hash of their text; for each fold the typer is refitted as scripts/train_events.py fits it (the other four
folds plus NGEC's synthetic leads at their low weight), and the product (`extract.analyze_doc`) runs end to
end on the fold's sentences: gold types among the extracted types (recall), extracted types that are gold
(precision), summed over the folds. The shipped typer has seen every training sentence, so scoring the
training part with it would flatter any rule that lets it type one more verb. Under 5 minutes on a CPU.
Run: .venv/bin/python scripts/event_cv.py [--shared ../shared] [--cache /tmp/plv]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parent.parent
FOLDS = 5
SEED = "plv-cv-v1"


def fold_of(sentence: str) -> int:
    """A sentence's fold: a seeded hash of its text, so a sentence's rows stay together."""
    return int.from_bytes(hashlib.sha256(f"{SEED}|{sentence}".encode()).digest()[:4], "big") % FOLDS


def fit_typer(feats: list[list[str]], gold: list[str], weight: np.ndarray) -> tuple[Any, ...]:
    """The typer's (feature index, W, b, labels) fitted as scripts/train_events.py fits the shipped one."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_events as trainer

    counts = Counter(f for fs in feats for f in set(fs))
    vocab = sorted(f for f, c in counts.items() if c >= trainer.MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    labels = sorted(set(gold))
    y = np.array([labels.index(g) for g in gold])
    data, rows, cols = [], [], []
    for row, fs in enumerate(feats):
        for f in set(fs) & index.keys():
            data.append(1.0)
            rows.append(row)
            cols.append(index[f])
    x = sparse.csr_matrix((data, (rows, cols)), shape=(len(gold), len(vocab)))
    w, b = trainer.fit(x, y, len(labels), trainer.L2, trainer.balanced(y, weight, len(labels)))
    # stored as float16 and read back as float32, as the shipped weights are
    return index, w.astype(np.float16).astype(np.float32), b.astype(np.float16).astype(np.float32), labels


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, default=None, help="Folder to keep the synthetic parses in.")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_events as trainer

    import reportedly.extract.events.extractor as extractor
    from reportedly.evaluate.events import end_to_end, find_trigger, plv_label, read_plv
    from reportedly.extract import analyze_doc
    from reportedly.extract.events import typer
    from reportedly.model import DocContext
    from reportedly.nlp.pipeline import make_nlp

    nlp = make_nlp()
    rows = read_plv(args.shared / "data" / "plover" / "PLV_train.tsv", "train")
    texts = list(dict.fromkeys(r.text for r in rows))
    docs = dict(zip(texts, nlp.pipe(texts, batch_size=64), strict=True))
    feats = [typer.features(find_trigger(docs[r.text], r)) for r in rows]
    synth_feats, synth_gold = trainer.synthetic(args.shared / trainer.SYNTHETIC, nlp, args.cache)
    found = gold_n = extracted_n = 0
    for k in range(FOLDS):
        train = [i for i, r in enumerate(rows) if fold_of(r.text) != k]
        weight = np.array([1.0] * len(train) + [trainer.SYNTHETIC_WEIGHT] * len(synth_feats))
        model = fit_typer(
            [feats[i] for i in train] + synth_feats, [rows[i].label for i in train] + synth_gold, weight
        )
        typer.load_typer = extractor.load_typer = lambda m=model: m  # type: ignore[assignment,misc]
        held = [r for r in rows if fold_of(r.text) == k]
        extracted = {
            t: [plv_label(e.type) for e in analyze_doc(docs[t], DocContext(article_id="plv"))[2]]
            for t in dict.fromkeys(r.text for r in held)
        }
        scores = end_to_end(held, extracted)
        found += round(scores["recall"] * scores["gold"])
        gold_n += scores["gold"]
        extracted_n += scores["extracted"]
        print(f"fold {k}: recall {scores['recall']:.3f} precision {scores['precision']:.3f}", flush=True)
    print(f"{FOLDS}-fold end to end: recall {found / gold_n:.3f} precision {found / extracted_n:.3f} "
          f"({found} of {gold_n} gold types, {extracted_n} extracted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
