"""Train the learned cue filter shipped in src/reportedly/data/attribution/cue_filter.npz (CPU, minutes).

Every verb draft of PolNeAR train (reportedly.extract.attribution.extractor.verb_drafts: every verb with a
speaker and a content, in or out of the cue lexicon) is labelled 1 when its verb lies inside a gold cue.
A binary logistic regression (L2) over reportedly.extract.attribution.cuefilter.features is fitted with
scipy's L-BFGS. Model selection uses train only: the L2 strength and the keep threshold are chosen
on a held-out tenth of the training articles (every tenth by name) by the mean of source, cue and
content exact F1 of the whole extractor; the model is then refitted on all of train. Dev is scored
once at the end and printed, never used for selection. Deterministic: same data, same weights.

    .venv/bin/python scripts/train_attribution.py [--data ../shared/data/polnear] [--cache DIR]

`--cache DIR` keeps the parsed articles as DocBins (DIR/train.spacy, DIR/dev.spacy): parsing train
takes several minutes, and a second run reads them back. Never point it inside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import optimize, sparse
from spacy.tokens import Doc, DocBin

from reportedly.evaluate.attribution import GoldDoc, Score, load_polnear, score_doc
from reportedly.extract.attribution import contentend, cuefilter
from reportedly.extract.attribution.extractor import extract_attributions, verb_drafts
from reportedly.extract.attribution.quotemarks import find_quotes
from reportedly.extract.cues import CUE_LEMMAS, find_cues
from reportedly.model import DocContext
from reportedly.nlp.pipeline import make_nlp

ROOT = Path(__file__).resolve().parent.parent
# Where the weights are written: the package by default; scripts/reproduce.py points it at a temp dir.
WEIGHTS_DIR = Path(os.environ.get("REPORTEDLY_WEIGHTS_DIR") or ROOT / "src" / "reportedly" / "data")
OUT = WEIGHTS_DIR / "attribution" / "cue_filter.npz"
END_OUT = WEIGHTS_DIR / "attribution" / "content_end.npz"
# L2 strength of the content-end model (candidate ends are many and alike: a firm prior).
END_L2 = 3.0
# A feature seen in fewer training drafts than this is noise that only inflates the weights file.
MIN_COUNT = 3
MAX_ITER = 300
# Candidate L2 strengths and thresholds (to add a draft the rules do not make; to drop one they do),
# chosen on the held-out tenth of train.
L2_GRID = (1.0, 3.0)
ADD_GRID = (0.3, 0.35, 0.4, 0.5)
DROP_GRID = (0.1, 0.2)
# A verb outside the lexicon is drafted when its lemma heads a gold cue in this share of its drafts
# in train, at least CANDIDATE_MIN times: 262 lemmas, 66% of such cues, a quarter of such verbs tried.
CANDIDATE_RATE = 0.1
CANDIDATE_MIN = 2
# Every HOLDOUT_EVERY-th training article (by name) is held out for model selection.
HOLDOUT_EVERY = 10

Model = cuefilter.Model


def parsed(gold: list[GoldDoc], cache: Path | None, split: str) -> list[Doc]:
    """The parsed articles, read from `cache/split.spacy` when there, else parsed (and cached)."""
    nlp = make_nlp()
    path = cache / f"{split}.spacy" if cache else None
    if path is not None and path.is_file():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in docs] == [g.text for g in gold]:
            return docs
    docs = list(nlp.pipe([g.text for g in gold], batch_size=16))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=False).to_disk(path)
    return docs


Row = tuple[str, bool, list[str], int]


def examples(gold: GoldDoc, doc: Doc) -> list[Row]:
    """Each verb draft the filter may keep, every verb drafted: (lemma, in the lexicon, features, label).

    A draft the filter may keep is one the rules make or one with a content it may add
    (cuefilter.may_add); the label is 1 when the draft's verb lies inside a gold cue.
    """
    text = doc.text
    inside = {i for g in gold.attributions for a, b in g.cue for i in range(a, b)}
    out = []
    for d in verb_drafts(doc, find_quotes(text), text, find_cues(doc)):
        if not (cuefilter.rule_accepts(doc, d) or cuefilter.may_add(doc, d)):
            continue
        verb = doc[d.verb] if d.verb is not None else doc[0]
        lexicon = verb.lemma_ in CUE_LEMMAS or verb.pos_ != "VERB"
        out.append((verb.lemma_, lexicon, cuefilter.features(doc, d), int(verb.idx in inside)))
    return out


def gate(per_doc: list[list[Row]]) -> frozenset[str]:
    """Lemmas outside the lexicon heading a gold cue in CANDIDATE_RATE of their drafts (CANDIDATE_MIN+)."""
    total: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for rows in per_doc:
        for lemma, lexicon, _, label in rows:
            if not lexicon:
                total[lemma] += 1
                hits[lemma] += label
    return frozenset(k for k in total if hits[k] >= CANDIDATE_MIN and hits[k] / total[k] >= CANDIDATE_RATE)


def gated(per_doc: list[list[Row]], lemmas: frozenset[str]) -> list[tuple[list[list[str]], list[int]]]:
    """Per article, the features and labels of the drafts the extractor makes: lexicon or gated lemmas."""
    out = []
    for rows in per_doc:
        kept = [(f, y) for lemma, lexicon, f, y in rows if lexicon or lemma in lemmas]
        out.append(([f for f, _ in kept], [y for _, y in kept]))
    return out


def matrix(feats: list[list[str]], index: dict[str, int]) -> sparse.csr_matrix:
    rows, cols = [], []
    for row, fs in enumerate(feats):
        for f in set(fs):
            if f in index:
                rows.append(row)
                cols.append(index[f])
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), len(index)))


def fit(feats: list[list[str]], labels: list[int], l2: float) -> tuple[list[str], np.ndarray, float]:
    """A logistic regression: (vocabulary, weights, bias)."""
    counts = Counter(f for fs in feats for f in set(fs))
    vocab = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
    x = matrix(feats, {f: i for i, f in enumerate(vocab)})
    y = np.array(labels, dtype=float)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        value = float(np.logaddexp(0, z).sum() - (y * z).sum() + 0.5 * l2 * (w * w).sum())
        g = p - y
        return value, np.concatenate([x.T @ g + l2 * w, [g.sum()]])

    res = optimize.minimize(
        loss, np.zeros(len(vocab) + 1), jac=True, method="L-BFGS-B", options={"maxiter": MAX_ITER}
    )
    return vocab, res.x[:-1], float(res.x[-1])


def end_examples(gold: GoldDoc, doc: Doc) -> tuple[list[list[str]], list[int]]:
    """Features and labels of the candidate ends of each kept indirect content whose start is gold's."""
    text = doc.text
    lemmas = cuefilter.candidate_lemmas()
    drafts = cuefilter.keep_likely(doc, verb_drafts(doc, find_quotes(text), text, find_cues(doc), lemmas))
    gold_ends = {a: b for g in gold.attributions for a, b in g.content}
    cols = contentend.Columns.of(doc)
    feats, labels = [], []
    for d in drafts:
        span = doc.char_span(*d.content, alignment_mode="expand")
        # PolNeAR's content starts at "that ", ours after it
        gold_end = next((gold_ends[s] for s in (d.content[0], d.content[0] - 5) if s in gold_ends), None)
        if d.direct or span is None or len(span) == 0 or gold_end is None:
            continue
        after_cue = d.verb is not None and d.verb < span.start
        for end in contentend.candidates(cols, span.start, span.end, after_cue):
            feats.append(contentend.features(cols, span.start, span.end, end, d.how))
            labels.append(int(doc[end - 1].idx + len(doc[end - 1]) == gold_end))
    return feats, labels


def end_to_end(gold: list[GoldDoc], docs: list[Doc], model: Model | None, ends: object = None) -> Score:
    """The whole extractor's score with `model` as the cue filter (None: the rules alone) and
    `ends` as the content-end model (None: the parse's ends)."""
    originals = cuefilter.load_filter, contentend.load_model
    cuefilter.load_filter = lambda: model  # type: ignore[assignment]
    contentend.load_model = lambda: ends  # type: ignore[assignment]
    try:
        score = Score()
        for g, doc in zip(gold, docs, strict=True):
            score_doc(score, g, extract_attributions(doc, [], DocContext(g.name)))
        return score
    finally:
        cuefilter.load_filter, contentend.load_model = originals  # type: ignore[assignment]


def mean_f1(score: Score) -> float:
    summary = score.summary()
    return sum(summary[f"{r}_exact"]["f1"] for r in ("source", "cue", "content")) / 3  # type: ignore[index]


def select(
    gold: list[GoldDoc],
    docs: list[Doc],
    per_doc: list[tuple[list[list[str]], list[int]]],
    lemmas: frozenset[str],
) -> tuple[float, float, float]:
    """The L2 strength and thresholds with the best mean exact F1 on the held-out tenth of train."""
    fit_ix = [i for i in range(len(gold)) if i % HOLDOUT_EVERY]
    held = [i for i in range(len(gold)) if not i % HOLDOUT_EVERY]
    feats = [f for i in fit_ix for f in per_doc[i][0]]
    labels = [y for i in fit_ix for y in per_doc[i][1]]
    held_gold, held_docs = [gold[i] for i in held], [docs[i] for i in held]
    print(f"held-out rules alone: mean exact F1 {mean_f1(end_to_end(held_gold, held_docs, None)):.2f}")
    best = (-1.0, L2_GRID[0], ADD_GRID[0], DROP_GRID[0])
    for l2 in L2_GRID:
        vocab, w, b = fit(feats, labels, l2)
        for add in ADD_GRID:
            for drop in DROP_GRID:
                model = ({f: i for i, f in enumerate(vocab)}, w.astype(np.float32), b, add, drop, lemmas)
                f1 = mean_f1(end_to_end(held_gold, held_docs, model))
                print(f"  l2={l2:<5} add={add:<5} drop={drop:<5} held-out mean exact F1 {f1:.2f}", flush=True)
                best = max(best, (f1, l2, add, drop))
    return best[1], best[2], best[3]


def train_ends(gold: list[GoldDoc], docs: list[Doc]) -> object:
    """Fit the content-end model; check it on the held-out tenth of train; refit on all and save."""
    per_doc = [end_examples(g, d) for g, d in zip(gold, docs, strict=True)]
    fit_ix = [i for i in range(len(gold)) if i % HOLDOUT_EVERY]
    held = [i for i in range(len(gold)) if not i % HOLDOUT_EVERY]
    vocab, w, b = fit(
        [f for i in fit_ix for f in per_doc[i][0]], [y for i in fit_ix for y in per_doc[i][1]], END_L2
    )
    model = cuefilter.load_filter()
    held_gold, held_docs = [gold[i] for i in held], [docs[i] for i in held]
    for name, e in (("parse ends", None), ("learned ends", ({f: i for i, f in enumerate(vocab)}, w, b))):
        summary = end_to_end(held_gold, held_docs, model, e).summary()
        print(f"held-out, {name}: content exact F1 {summary['content_exact']['f1']}")  # type: ignore[index]
    vocab, w, b = fit([f for fs, _ in per_doc for f in fs], [y for _, ys in per_doc for y in ys], END_L2)
    np.savez_compressed(END_OUT, w=w.astype(np.float16), b=np.float32(b), vocab=np.array(json.dumps(vocab)))
    print(f"content ends: {sum(len(y) for _, y in per_doc)} candidates, {len(vocab)} features -> {END_OUT}")
    return {f: i for i, f in enumerate(vocab)}, w.astype(np.float16).astype(np.float32), b


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "polnear")
    parser.add_argument("--cache", type=Path, default=None, help="folder for parsed DocBins")
    args = parser.parse_args()
    t0 = time.time()
    gold = load_polnear(args.data, "train")
    docs = parsed(gold, args.cache, "train")
    rows = [examples(g, d) for g, d in zip(gold, docs, strict=True)]
    lemmas = gate(rows)
    per_doc = gated(rows, lemmas)
    n = sum(len(y) for _, y in per_doc)
    pos = sum(sum(y) for _, y in per_doc)
    print(f"{len(gold)} train articles, {n} verb drafts, {pos} inside a gold cue ({time.time() - t0:.0f}s)")
    l2, add, drop = select(gold, docs, per_doc, lemmas)
    vocab, w, b = fit([f for fs, _ in per_doc for f in fs], [y for _, ys in per_doc for y in ys], l2)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT,
        w=w.astype(np.float16),
        b=np.float32(b),
        add=np.float32(add),
        drop=np.float32(drop),
        vocab=np.array(json.dumps(vocab)),
        lemmas=np.array(json.dumps(sorted(lemmas))),
    )
    print(
        f"{len(lemmas)} candidate lemmas; l2={l2} add={add} drop={drop}, {len(vocab)} features"
        f" -> {OUT} ({OUT.stat().st_size:,} bytes)"
    )
    model = (
        {f: i for i, f in enumerate(vocab)},
        w.astype(np.float16).astype(np.float32),
        b,
        add,
        drop,
        lemmas,
    )
    # The content ends are fitted on the drafts of the filter just trained (as saved, float16), never on
    # the shipped one's: else a retrain after a filter change depends on the files it replaces, and
    # only a second retrain reproduces it.
    cuefilter.load_filter = lambda: model  # type: ignore[assignment]
    ends = train_ends(gold, docs)
    dev_gold = load_polnear(args.data, "dev")
    dev_docs = parsed(dev_gold, args.cache, "dev")
    for name, m, e in (
        ("rules alone", None, None),
        ("with the cue filter", model, None),
        ("with the cue filter and content ends", model, ends),
    ):
        summary = end_to_end(dev_gold, dev_docs, m, e).summary()
        print(
            f"PolNeAR dev, {name}: "
            + json.dumps({k: v["f1"] if isinstance(v, dict) else v for k, v in summary.items()})
        )
    print(f"done in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
