"""Score epistemic statuses on UW event factuality (Lee et al. 2015, unified CoNLL of Stanovsky et al. 2017).

Each gold predicate carries a score from -3 (certainly did not happen) to +3 (certainly happened).
Each sentence is parsed by the product pipeline on UW's own tokens (or, with no pipeline given,
becomes a hand-built Doc from the CoNLL file's own parse and no model runs). The status of each
predicate is the one the events stage gives: its rule cues and the learned model's reading
(reportedly.extract.events.epistemic.local_cues) combined as for an event in the article's voice or,
inside reported speech, with one source. Reported: per-class F1 over three buckets (happened / did
not happen / uncertain), their macro-F1, and Pearson r between a score per status and the gold
score; and the same for the raw learned model (its bucket, and its -3..+3 value for r).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from reportedly import registry
from reportedly.evaluate.events import f1_scores
from reportedly.extract.events.epistemic import combine, is_reported_speech, learned_reading, local_cues
from reportedly.model import Stance, Status

# Gold buckets: UW's annotators average several judgements; |score| >= 1 is where they agree the
# event leans one way (Lee et al. 2015 treat (-1, 1) as uncertain).
HAPPENED_MIN = 1.0
NOT_HAPPENED_MAX = -1.0
HAPPENED, NOT_HAPPENED, UNCERTAIN = "happened", "did_not_happen", "uncertain"
# UW scores whether the author commits to the event having happened or happening (Lee et al. 2015):
# an announced plan, promise or readiness is scored towards "happened" (UW train: 93% of the
# predicates we call offered are >= 1), so offered maps there; a hedge, a modality or a condition
# is uncertain.
BUCKET = {
    Status.ASSERTED: HAPPENED,
    Status.CONFIRMED: HAPPENED,
    Status.REPORTED: HAPPENED,
    Status.OFFERED: HAPPENED,
    Status.NEGATED: NOT_HAPPENED,
    Status.DENIED: NOT_HAPPENED,
    Status.HYPOTHETICAL: UNCERTAIN,
    Status.UNCONFIRMED: UNCERTAIN,
    Status.DISPUTED: UNCERTAIN,
}
# A point on UW's scale per status, for Pearson r: the mean UW train score of the predicates the
# product gives that status (rounded to a tenth; confirmed, denied and disputed need sources UW lacks,
# so they keep the scale's ends and middle).
SCORE = {
    Status.ASSERTED: 2.7,
    Status.CONFIRMED: 3.0,
    Status.REPORTED: 2.5,
    Status.OFFERED: 2.2,
    Status.UNCONFIRMED: 1.0,
    Status.HYPOTHETICAL: 1.1,
    Status.DISPUTED: 0.0,
    Status.NEGATED: -1.6,
    Status.DENIED: -3.0,
}
# Sentences per nlp.pipe batch when the scorer parses UW itself.
PARSE_BATCH = 64
# Penn tags to the coarse parts of speech the cues read.
UPOS = {
    "VB": "VERB",
    "VBD": "VERB",
    "VBG": "VERB",
    "VBN": "VERB",
    "VBP": "VERB",
    "VBZ": "VERB",
    "MD": "AUX",
    "NN": "NOUN",
    "NNS": "NOUN",
    "NNP": "PROPN",
    "NNPS": "PROPN",
    "JJ": "ADJ",
    "JJR": "ADJ",
    "JJS": "ADJ",
    "RB": "ADV",
    "RBR": "ADV",
    "RBS": "ADV",
    "IN": "ADP",
    "DT": "DET",
    "PRP": "PRON",
    "PRP$": "PRON",
    "CC": "CCONJ",
    "TO": "PART",
    "CD": "NUM",
}


def read_conll(path: Path, vocab: Vocab) -> Iterator[tuple[Doc, dict[int, float]]]:
    """Each sentence of a unified-factuality CoNLL file as a Doc and its gold {token index: score}."""
    block: list[list[str]] = []
    for line in [*path.read_text("utf-8").splitlines(), ""]:
        if line.strip():
            block.append(line.split("\t"))
        elif block:
            yield _to_doc(block, vocab)
            block = []


def _to_doc(rows: list[list[str]], vocab: Vocab) -> tuple[Doc, dict[int, float]]:
    words = [r[1] for r in rows]
    heads = [int(r[4]) if r[4].isdigit() and int(r[4]) < len(rows) else i for i, r in enumerate(rows)]
    deps = [r[5] if r[5] != "ROOT" or heads[i] == i else "dep" for i, r in enumerate(rows)]
    deps = ["ROOT" if heads[i] == i else d for i, d in enumerate(deps)]
    doc = Doc(
        vocab,
        words=words,
        heads=heads,
        deps=deps,
        tags=[r[3] for r in rows],
        pos=[UPOS.get(r[3], "X") for r in rows],
        lemmas=[r[6] for r in rows],
    )
    gold = {i: float(r[2]) for i, r in enumerate(rows) if r[2] not in ("_", "")}
    return doc, gold


def predicate_status(token: Token) -> Status:
    """The status the events stage gives an event at `token` (its cues, rules and learned model,
    combined as for an event), with the article's voice or, inside reported speech, one source."""
    source = "reported" if is_reported_speech(token) else None
    return combine(local_cues(token), [(source, Stance.ASSERT.value)])


def bucket(score: float) -> str:
    """UW's score as one of the three classes."""
    if score >= HAPPENED_MIN:
        return HAPPENED
    if score <= NOT_HAPPENED_MAX:
        return NOT_HAPPENED
    return UNCERTAIN


def pearson(xs: list[float], ys: list[float]) -> float:
    """Pearson's r (0.0 when either side is constant)."""
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def parsed(
    path: Path, nlp: Language | None, limit: int | None = None
) -> Iterator[tuple[Doc, dict[int, float]]]:
    """UW's first `limit` sentences with their gold scores: parsed by `nlp` on UW's own tokens (what
    the product sees), or with the CoNLL file's own parse when `nlp` is None (no model runs)."""
    vocab = spacy.blank("en").vocab if nlp is None else nlp.vocab  # English lexical attributes for the cues
    pairs = list(itertools.islice(read_conll(path, vocab), limit))
    if nlp is None:
        yield from pairs
        return
    docs = [Doc(nlp.vocab, words=[t.text for t in doc]) for doc, _ in pairs]
    for doc, (_, gold) in zip(nlp.pipe(docs, batch_size=PARSE_BATCH), pairs, strict=True):
        yield doc, gold


def evaluate_factuality(path: Path, limit: int | None = None, nlp: Language | None = None) -> dict[str, Any]:
    """Score the product's statuses (and the raw learned model) against one UW CoNLL file.

    Args:
        path: a unified-factuality CoNLL file (test.conll, dev.conll, train.conll).
        limit: score only the first `limit` sentences (the test gate's sample).
        nlp: the pipeline to parse with; None reads the CoNLL file's own parse.

    Returns:
        {"macro_f1", "micro_f1", "pearson_r", "model_macro_f1", "model_pearson_r", "n",
        "per_label": {bucket: {precision, recall, f1, support}}, "model_per_label": {...}}.
    """
    gold_b, pred_b, gold_s, pred_s, model_b, model_s = [], [], [], [], [], []
    for doc, gold in parsed(path, nlp, limit):
        for i, score in gold.items():
            status = predicate_status(doc[i])
            reading = learned_reading(doc[i])
            gold_b.append(bucket(score))
            pred_b.append(BUCKET[status])
            gold_s.append(score)
            pred_s.append(SCORE[status])
            model_b.append(reading.bucket)
            model_s.append(reading.value)
    scores = f1_scores(gold_b, pred_b)
    scores["pearson_r"] = pearson(pred_s, gold_s)
    model = f1_scores(gold_b, model_b)
    scores["model_macro_f1"] = model["macro_f1"]
    scores["model_pearson_r"] = pearson(model_s, gold_s)
    scores["model_per_label"] = model["per_label"]
    return scores


registry.scorers.register("scorers.factuality_uw.v1", func=evaluate_factuality)
