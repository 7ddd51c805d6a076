"""Train the event coreference scorer shipped in src/reportedly/data/events/mentions_coref.npz (CPU, minutes).

Examples are every pair of gold event mentions (reportedly.evaluate.ecbplus.align.align heads) of one ECB+
train topic, labelled 1 when they share a gold cluster; features are
reportedly.evaluate.ecbplus.eventcoref.pair_features, with each lemma's coreference rate (same-lemma
pairs that corefer, smoothed by `RATE_PRIOR`) counted on the training topics only. A logistic regression (L2)
is fitted with scipy's L-BFGS. The two clustering cuts (documents, mentions) are chosen by three-fold
cross-validation over train topics (topic mod 3): each fold's documents are grouped and their
detected mentions (reportedly.evaluate.ecbplus.mentions) clustered with the model fitted on the other
folds, and the cuts with the best CoNLL F1 over the folds win. The model is refitted on all of
train. Dev is scored once at the end and printed, never used for selection. Deterministic.

    .venv/bin/python scripts/train_event_coref.py [--data ../shared/data/ecbplus] [--cache DIR]

Run scripts/train_event_mentions.py first (the detector's weights are read); `--cache DIR` as there.
"""

from __future__ import annotations

import argparse
import json
import os
from itertools import combinations
from pathlib import Path

import numpy as np
from scipy import optimize

from reportedly.evaluate.coref import conll
from reportedly.evaluate.ecbplus.align import Aligned, doc_mentions, load_aligned, split_clusters
from reportedly.evaluate.ecbplus.corpus import Cluster
from reportedly.evaluate.ecbplus.eventcoref import FEATURES, RATE_PRIOR, CorefModel, mention_of, pair_features

ROOT = Path(__file__).resolve().parent.parent
# Where the weights are written: the package by default; scripts/reproduce.py points it at a temp dir.
WEIGHTS_DIR = Path(os.environ.get("REPORTEDLY_WEIGHTS_DIR") or ROOT / "src" / "reportedly" / "data")
OUT = WEIGHTS_DIR / "events" / "mentions_coref.npz"
L2 = 1.0
DOC_CUTS = (0.7, 0.75, 0.8, 0.85, 0.9)
MENTION_CUTS = tuple(round(c, 2) for c in np.arange(0.45, 0.81, 0.05))


def gold_pairs(aligned: list[Aligned]):  # type: ignore[no-untyped-def]
    """Per topic: the gold mentions (CorefMention, cluster) and the documents' cosine similarities."""
    from reportedly.evaluate.ecbplus.eventcoref import document_vectors

    out = []
    for topic in sorted({a.ecb.topic for a in aligned}):
        docs = [a for a in aligned if a.ecb.topic == topic]
        vec = document_vectors([a.doc for a in docs])
        sims = vec @ vec.T
        doc_sim = {
            (x.ecb.name, y.ecb.name): float(sims[i, j])
            for i, x in enumerate(docs)
            for j, y in enumerate(docs)
        }
        mentions = [
            (mention_of(a.doc, a.doc[i], a.heads[i], a.ecb.name), a.cluster_of(a.heads[i]))
            for a in docs
            for i in sorted(a.heads)
        ]
        out.append((topic, mentions, doc_sim))
    return out


def lemma_rates(topics) -> tuple[dict[str, float], float]:  # type: ignore[no-untyped-def]
    """Each lemma's share of same-lemma pairs that corefer, and each pair of different lemmas' share
    ("kill|shoot"; kept only when some of its pairs corefer), smoothed."""
    hits: dict[str, list[int]] = {}
    pairs: dict[str, list[int]] = {}
    for _t, mentions, _s in topics:
        for (a, ca), (b, cb) in combinations(mentions, 2):
            if a.lemma == b.lemma:
                hits.setdefault(a.lemma, []).append(int(ca == cb))
            else:
                pairs.setdefault("|".join(sorted((a.lemma, b.lemma))), []).append(int(ca == cb))
    total = [h for v in hits.values() for h in v]
    mean = sum(total) / max(len(total), 1)
    rates = {
        k: round((sum(v) + RATE_PRIOR * mean) / (len(v) + RATE_PRIOR), 4) for k, v in sorted(hits.items())
    }
    rates |= {k: round(sum(v) / (len(v) + RATE_PRIOR), 4) for k, v in sorted(pairs.items()) if sum(v)}
    return rates, mean


def fit(topics) -> tuple[np.ndarray, dict[str, float], float]:  # type: ignore[no-untyped-def]
    rates, mean = lemma_rates(topics)
    x, y = [], []
    for _t, mentions, doc_sim in topics:
        for (a, ca), (b, cb) in combinations(mentions, 2):
            x.append(pair_features(a, b, doc_sim[a.document, b.document], rates, mean))
            y.append(float(ca == cb))
    xa, ya = np.array(x), np.array(y)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = xa @ w
        reg = 0.5 * L2 * float(w[1:] @ w[1:])
        grad = xa.T @ (1.0 / (1.0 + np.exp(-z)) - ya)
        grad[1:] += L2 * w[1:]
        return float(np.sum(np.logaddexp(0, z) - ya * z)) + reg, grad

    w = optimize.minimize(loss, np.zeros(xa.shape[1]), jac=True, method="L-BFGS-B").x
    print(f"  fitted on {len(ya)} pairs ({int(ya.sum())} coreferent)")
    return w, rates, mean


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ecbplus")
    ap.add_argument("--cache", type=Path, default=None)
    args = ap.parse_args()
    aligned = {
        split: load_aligned(args.data, split, args.cache / f"{split}.spacy" if args.cache else None)
        for split in ("train", "dev")
    }
    train = aligned["train"]
    topics = gold_pairs(train)
    results: dict[tuple[float, float], tuple[list[Cluster], list[Cluster]]] = {}
    for fold in range(3):
        w, rates, mean = fit([t for t in topics if t[0] % 3 != fold])
        model = CorefModel(w, rates, mean, 0.5, 0.5)
        held = [a for a in train if a.ecb.topic % 3 == fold]
        found = [doc_mentions(a) for a in held]
        for dc in DOC_CUTS:
            for mc in MENTION_CUTS:
                m = CorefModel(w, rates, mean, mc, dc)
                key, response, _ = split_clusters(held, model=m, found=found)
                k, r = results.setdefault((dc, mc), ([], []))
                k += key
                r += response
    scores = {cuts: conll(k, r)["conll_f1"] for cuts, (k, r) in results.items()}
    for cuts, s in sorted(scores.items()):
        print(f"  document cut {cuts[0]} mention cut {cuts[1]}: CV CoNLL {s}")
    doc_cut, mention_cut = max(scores, key=lambda c: (scores[c], c))
    w, rates, mean = fit(topics)
    model = CorefModel(w, rates, mean, mention_cut, doc_cut)
    print(
        f"chosen document cut {doc_cut}, mention cut {mention_cut}; weights "
        + ", ".join(f"{n} {v:.2f}" for n, v in zip(FEATURES, w, strict=True))
    )
    for gold_topics in (False, True):
        key, response, _ = split_clusters(aligned["dev"], gold_topics=gold_topics, model=model)
        print(f"dev (gold topics {gold_topics}): CoNLL {conll(key, response)['conll_f1']}")
    np.savez_compressed(
        OUT,
        w=w,
        rates=np.array(json.dumps(rates)),
        default_rate=np.array(mean),
        mention_cut=np.array(mention_cut),
        document_cut=np.array(doc_cut),
    )
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
