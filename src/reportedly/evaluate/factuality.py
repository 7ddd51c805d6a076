"""Score epistemic statuses on UW event factuality (Lee et al. 2015, unified CoNLL of Stanovsky et al. 2017).

Each gold predicate carries a score from -3 (certainly did not happen) to +3 (certainly happened).
The CoNLL files carry their own parse (tags, heads, labels, lemmas), so each sentence becomes a
hand-built spaCy Doc and no model runs; our status of each predicate comes from the same cues the
events stage uses (reportedly.extract.epistemic). Reported: per-class F1 over three buckets
(happened / did not happen / uncertain), their macro-F1, and Pearson r between a score per status
and the gold score.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from reportedly import registry
from reportedly.evaluate.events import f1_scores
from reportedly.extract.epistemic import is_irrealis, is_negated_deep, is_reported_speech, local_cues
from reportedly.model import Status

# Gold buckets: UW's annotators average several judgements; |score| >= 1 is where they agree the
# event leans one way (Lee et al. 2015 treat (-1, 1) as uncertain).
HAPPENED_MIN = 1.0
NOT_HAPPENED_MAX = -1.0
HAPPENED, NOT_HAPPENED, UNCERTAIN = "happened", "did_not_happen", "uncertain"
BUCKET = {
    Status.ASSERTED: HAPPENED,
    Status.CONFIRMED: HAPPENED,
    Status.REPORTED: HAPPENED,
    Status.NEGATED: NOT_HAPPENED,
    Status.DENIED: NOT_HAPPENED,
    Status.OFFERED: UNCERTAIN,
    Status.HYPOTHETICAL: UNCERTAIN,
    Status.UNCONFIRMED: UNCERTAIN,
    Status.DISPUTED: UNCERTAIN,
}
# A point on UW's scale per status, for Pearson r: what an annotator would give such a statement.
SCORE = {
    Status.ASSERTED: 3.0,
    Status.CONFIRMED: 3.0,
    Status.REPORTED: 2.5,
    Status.UNCONFIRMED: 1.0,
    Status.OFFERED: 0.5,
    Status.HYPOTHETICAL: 0.0,
    Status.DISPUTED: 0.0,
    Status.NEGATED: -3.0,
    Status.DENIED: -3.0,
}
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
    """The status the events stage would give an event at `token`, with no attributions known."""
    if is_negated_deep(token):
        return Status.NEGATED
    cues = local_cues(token)
    if is_irrealis(token):
        return Status.HYPOTHETICAL
    for cue, status in (
        ("negated", Status.NEGATED),
        ("failed", Status.NEGATED),
        ("hypothetical", Status.HYPOTHETICAL),
        ("offered", Status.OFFERED),
        ("unconfirmed", Status.UNCONFIRMED),
    ):
        if cue in cues:
            return status
    return Status.REPORTED if is_reported_speech(token) else Status.ASSERTED


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


def evaluate_factuality(path: Path, limit: int | None = None) -> dict[str, Any]:
    """Score our statuses against one UW CoNLL file.

    Args:
        path: a unified-factuality CoNLL file (test.conll, dev.conll, train.conll).
        limit: score only the first `limit` sentences (the test gate's sample).

    Returns:
        {"macro_f1", "micro_f1", "pearson_r", "n", "per_label": {bucket: {precision, recall, f1, support}}}.
    """
    vocab = spacy.blank("en").vocab  # English lexical attributes (lower_, like_num) for the cues
    gold_b, pred_b, gold_s, pred_s = [], [], [], []
    for number, (doc, gold) in enumerate(read_conll(path, vocab)):
        if limit is not None and number >= limit:
            break
        for i, score in gold.items():
            status = predicate_status(doc[i])
            gold_b.append(bucket(score))
            pred_b.append(BUCKET[status])
            gold_s.append(score)
            pred_s.append(SCORE[status])
    scores = f1_scores(gold_b, pred_b)
    scores["pearson_r"] = pearson(pred_s, gold_s)
    return scores


registry.scorers.register("scorers.factuality_uw.v1", func=evaluate_factuality)
