"""Train the general event-mention detector shipped in src/reportedly/data/events/mentions.npz (CPU, ~2 min).

Every candidate token (reportedly.evaluate.ecbplus.mentions.is_candidate) of a validated sentence of an
ECB+ train topic (1-35 minus dev 2, 5, 12, 18, 21, 23, 34, 35) is an example: 1 when it is the head of
a gold ACTION / NEG_ACTION markable (reportedly.evaluate.ecbplus.align.align), 0 when no gold mention covers
it; the other tokens of multi-word mentions are left out. A binary logistic regression (L2) over
`token_features` is fitted with scipy's L-BFGS. The L2 strength and the threshold are chosen by
three-fold cross-validation over train topics (topic mod 3), on token F1; the model is then refitted
on all of train. Dev is scored once at the end and printed, never used for selection. Deterministic.

    .venv/bin/python scripts/train_event_mentions.py [--data ../shared/data/ecbplus] [--cache DIR]

`--cache DIR` keeps the parsed documents as DocBins (DIR/train.spacy, DIR/dev.spacy); never point it
inside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

from reportedly.evaluate.ecbplus.align import Aligned, load_aligned
from reportedly.evaluate.ecbplus.mentions import is_candidate, lemma_counts, token_features

ROOT = Path(__file__).resolve().parent.parent
# Where the weights are written: the package by default; scripts/reproduce.py points it at a temp dir.
WEIGHTS_DIR = Path(os.environ.get("REPORTEDLY_WEIGHTS_DIR") or ROOT / "src" / "reportedly" / "data")
OUT = WEIGHTS_DIR / "events" / "mentions.npz"
# Features seen fewer times than this in train are dropped (noise, and a smaller file).
MIN_COUNT = 2
L2_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.2, 0.71, 0.05))


def examples(aligned: list[Aligned]) -> tuple[list[list[str]], list[int], list[int]]:
    """Feature lists, labels and topics of every candidate token of validated sentences."""
    feats, labels, topics = [], [], []
    for a in aligned:
        counts = lemma_counts(a.doc)
        for i in sorted(a.scored):
            tok = a.doc[i]
            if not is_candidate(tok) or (i in a.inside and i not in a.heads):
                continue
            feats.append(token_features(tok, counts))
            labels.append(int(i in a.heads))
            topics.append(a.ecb.topic)
    return feats, labels, topics


def matrix(feats: list[list[str]], index: dict[str, int]) -> sparse.csr_matrix:
    rows, cols = [], []
    for r, fs in enumerate(feats):
        for c in sorted({index[f] for f in fs if f in index}):
            rows.append(r)
            cols.append(c)
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), len(index)))


def fit(x: sparse.csr_matrix, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """L2-regularized logistic regression (bias unregularized) by L-BFGS."""

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        nll = float(np.sum(np.logaddexp(0, z) - y * z)) + 0.5 * l2 * float(w @ w)
        g = p - y
        return nll, np.concatenate([x.T @ g + l2 * w, [g.sum()]])

    res = optimize.minimize(
        loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500}
    )
    return res.x[:-1], float(res.x[-1])


def f1(y: np.ndarray, p: np.ndarray, t: float) -> tuple[float, float, float]:
    pred = p >= t
    tp = float((pred & (y == 1)).sum())
    prec, rec = tp / max(pred.sum(), 1), tp / max((y == 1).sum(), 1)
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def vocabulary(feats: list[list[str]]) -> dict[str, int]:
    counts = Counter(f for fs in feats for f in set(fs))
    return {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}


def select(feats: list[list[str]], y: np.ndarray, topics: np.ndarray) -> tuple[float, float]:
    """The (L2, threshold) with the best cross-validated token F1 over topic folds."""
    probs = {l2: np.zeros(len(y)) for l2 in L2_GRID}
    for fold in range(3):
        test = topics % 3 == fold
        train_feats = [f for f, t in zip(feats, test, strict=True) if not t]
        index = vocabulary(train_feats)
        x_train, x_test = (
            matrix(train_feats, index),
            matrix([f for f, t in zip(feats, test, strict=True) if t], index),
        )
        for l2 in L2_GRID:
            w, b = fit(x_train, y[~test], l2)
            probs[l2][test] = 1.0 / (1.0 + np.exp(-(x_test @ w + b)))
    scored = {(l2, t): f1(y, probs[l2], t)[2] for l2 in L2_GRID for t in THRESHOLDS}
    for (l2, t), s in sorted(scored.items()):
        print(f"  l2={l2} threshold={t}: CV F1 {100 * s:.1f}")
    return max(scored, key=lambda k: (scored[k], -k[0], k[1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ecbplus")
    ap.add_argument("--cache", type=Path, default=None)
    args = ap.parse_args()
    sets = {
        split: examples(load_aligned(args.data, split, args.cache / f"{split}.spacy" if args.cache else None))
        for split in ("train", "dev")
    }
    feats, labels, topics = sets["train"]
    y, t = np.array(labels, dtype=float), np.array(topics)
    print(f"train: {len(y)} candidates, {int(y.sum())} gold heads")
    l2, threshold = select(feats, y, t)
    index = vocabulary(feats)
    w, b = fit(matrix(feats, index), y, l2)
    dev_feats, dev_labels, _ = sets["dev"]
    p = 1.0 / (1.0 + np.exp(-(matrix(dev_feats, index) @ w + b)))
    prec, rec, f = f1(np.array(dev_labels), p, threshold)
    print(
        f"chosen l2={l2} threshold={threshold}; "
        f"dev token P {100 * prec:.1f} R {100 * rec:.1f} F1 {100 * f:.1f}"
    )
    keep = np.abs(w) > 1e-4
    vocab = [f for f, i in sorted(index.items(), key=lambda kv: kv[1]) if keep[i]]
    np.savez_compressed(
        OUT,
        vocab=np.array(json.dumps(vocab)),
        w=w[keep].astype(np.float32),
        b=np.array(b),
        threshold=np.array(threshold),
    )
    print(f"wrote {OUT} ({len(vocab)} features, {OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
