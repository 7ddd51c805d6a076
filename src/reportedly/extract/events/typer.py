"""The learned event typer: a linear model over trigger, argument and lexicon features.

Trained on CPU by scripts/train_events.py from ../shared/data/plover/PLV_train.tsv (a seeded
held-out split is kept for `reportedly eval events`); the weights ship in
src/reportedly/data/events/typer.npz. Labels are PLV's: the 16 PLOVER types of the contract with
CONCEDE and RETREAT merged as YIELD (PLV's older name for both), split again by `resolve_yield`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.tokens import Token

from reportedly.extract.events.triggers import match_token
from reportedly.weights import feature_index, from_json, require_weights

WEIGHTS = "data/events/typer.npz"
# Dependents whose lemma, joined to the trigger's, names the event ("hold talks", "agree to release").
ARG_DEPS = ("dobj", "prep", "xcomp", "ccomp", "prt", "attr", "acomp", "dative", "advcl", "conj", "agent")
# Tokens after the trigger looked at as a bag of words: the object and a phrase or two.
WINDOW = 10
CONTENT_POS = ("NOUN", "VERB", "ADJ", "PROPN", "ADV", "ADP")
# Word pairs read after the trigger, and words read before it ("has condemned", "will increase").
BIGRAM_WINDOW = 7
LEFT_WINDOW = 3
LEFT_POS = ("VERB", "NOUN", "ADJ", "ADV", "AUX", "PART")
# CAMEO roots 084-087 are material retreats (release, return, ceasefire); other 08x are concessions.
RETREAT_CODES = ("084", "085", "086", "087", "0813", "0814")


@dataclass(frozen=True, slots=True)
class TypeGuess:
    """The typer's best label and its probability."""

    label: str
    probability: float


def features(trigger: Token) -> list[str]:
    """The features of an event trigger in its parsed sentence.

    Args:
        trigger: the predicate token (a verb, or an event noun).

    Returns:
        string features: lemmas of the trigger and its dependents, the lexicon's reading, nearby words.
    """
    lemma = trigger.lemma_.lower()
    out = [f"L={lemma}", f"POS={trigger.pos_}"]
    for child in trigger.children:
        if child.dep_ in ARG_DEPS:
            out.append(f"D={lemma}|{child.dep_}|{child.lemma_.lower()}")
            out.append(f"C={child.lemma_.lower()}")
            out.extend(
                f"G={lemma}|{child.lemma_.lower()}|{g.lemma_.lower()}"
                for g in child.children
                if g.dep_ in ("pobj", "dobj", "xcomp")
            )
        if child.dep_ == "neg":
            out.append("NEG")
    if trigger.dep_ in ("xcomp", "pobj", "dobj") and trigger.head.i != trigger.i:
        out.append(f"H={trigger.head.lemma_.lower()}|{lemma}")
    reading = match_token(trigger)
    if reading is not None:
        out.extend([f"P={reading.type}", f"K={reading.cameo[:2]}", f"K3={reading.cameo[:3]}"])
        if reading.specific:
            out.append(f"PS={reading.type}")
    for t in trigger.doc[trigger.i + 1 : min(trigger.i + 1 + WINDOW, len(trigger.doc))]:
        if t.is_sent_start:  # Token.sent walks the whole Doc: the window stops at the next sentence instead
            break
        if t.pos_ in CONTENT_POS:
            out.append(f"W={t.lemma_.lower()}")
            lex = match_token(t, patterns=False) if t.pos_ in ("NOUN", "VERB") else None
            if lex is not None:
                out.append(f"WP={lex.type}")
    out.extend(_context(trigger))
    return out


def _context(trigger: Token) -> list[str]:
    """Word pairs after the trigger, its head, and the words just before it (chosen by 5-fold
    cross-validation on PLV's training part: +1 point micro-F1 over the features above alone)."""
    doc = trigger.doc
    after = []
    for t in doc[trigger.i + 1 : min(trigger.i + 1 + BIGRAM_WINDOW, len(doc))]:
        if t.is_sent_start:
            break
        if not t.is_punct:
            after.append(t.lemma_.lower())
    out = [f"B={a}|{b}" for a, b in zip(after, after[1:], strict=False)]
    out.append(f"HL={trigger.head.lemma_.lower()}")
    start = trigger.i
    while start > max(0, trigger.i - LEFT_WINDOW) and not doc[start].is_sent_start:
        start -= 1
    out.extend(f"LW={t.lemma_.lower()}" for t in doc[start : trigger.i] if t.pos_ in LEFT_POS)
    return out


@lru_cache(maxsize=1)
def load_typer() -> tuple[dict[str, int], np.ndarray, np.ndarray, list[str]]:
    """The shipped weights, read once per process: (feature index, W, b, labels)."""
    npz = require_weights(WEIGHTS)
    return (
        feature_index(npz["vocab"]),
        npz["W"].astype(np.float32),
        npz["b"].astype(np.float32),
        from_json(npz["labels"]),
    )


def score(feats: list[str]) -> np.ndarray:
    """Class probabilities for one feature list, in `load_typer()`'s label order."""
    index, weights, bias, _ = load_typer()
    rows = sorted({index[f] for f in feats if f in index})
    logits = bias + (weights[rows].sum(axis=0) if rows else 0.0)
    logits = logits - logits.max()
    probs = np.exp(logits)
    return np.asarray(probs / probs.sum())


def classify(trigger: Token) -> TypeGuess:
    """The typer's label for one trigger (PLV labels: YIELD for CONCEDE and RETREAT)."""
    return classify_features(features(trigger))


def classify_features(feats: list[str]) -> TypeGuess:
    """The typer's label for a feature list from `features`."""
    probs = score(feats)
    labels = load_typer()[3]
    best = int(np.argmax(probs))
    return TypeGuess(labels[best], float(probs[best]))


def resolve_yield(label: str, cameo: str | None) -> str:
    """Split PLV's YIELD into the contract's CONCEDE or RETREAT using the CAMEO code when there is one.

    Most of PLV's YIELD sentences are releases and returns, material acts: RETREAT by default.
    """
    if label != "YIELD":
        return label
    if cameo and cameo.startswith("08") and not cameo.startswith(RETREAT_CODES):
        return "CONCEDE"
    return "RETREAT"
