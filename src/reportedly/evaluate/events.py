"""Score the event typer on PLV (../shared/data/plover/PLV_train.tsv): micro- and macro-F1 of the type.

PLV marks the source `<s>...</s>` and target `<t>...</t>` of one event per row; the same sentence
may appear in several rows. The split is by sentence text (no sentence on both sides), seeded, so
the held-out part is the same on every machine; scripts/train_events.py trains on the rest.
The event's trigger is the lowest word governing both source and target in the parse.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from reportedly import registry

# A tenth-to-a-fifth held out is the usual size for a ~1,000-row set: 20% keeps ~200 test rows.
TEST_FRACTION = 0.2
SPLIT_SEED = "plv-split-v1"
MARK = re.compile(r"</?[st]>")


@dataclass(frozen=True, slots=True)
class PlvRow:
    """One PLV row: the plain sentence, character spans of source and target, the gold label."""

    text: str
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    label: str


def is_test(sentence: str) -> bool:
    """Whether a sentence is in the held-out part: a seeded hash, stable across machines."""
    digest = hashlib.sha256(f"{SPLIT_SEED}|{sentence.strip()}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < TEST_FRACTION


def read_plv(path: Path, part: str = "test") -> list[PlvRow]:
    """The rows of one part ('train', 'test' or 'all') of a PLV file."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle, delimiter="\t"):
            marked, label = rec["marked_sentence"], rec["gold_root"].strip()
            if not marked or not label:
                continue
            row = _unmark(marked, label)
            if part == "all" or (part == "test") == is_test(row.text):
                rows.append(row)
    return rows


def _unmark(marked: str, label: str) -> PlvRow:
    spans: dict[str, list[int]] = {}
    plain: list[str] = []
    pos = 0
    for piece in re.split(r"(</?[st]>)", marked):
        if MARK.fullmatch(piece):
            spans.setdefault(piece.strip("</>"), []).append(pos)
        else:
            plain.append(piece)
            pos += len(piece)

    def pair(key: str) -> tuple[int, int] | None:
        got = spans.get(key, [])
        return (got[0], got[1]) if len(got) == 2 else None

    return PlvRow("".join(plain), pair("s"), pair("t"), label)


def find_trigger(doc: Doc, row: PlvRow) -> Token:
    """The word that governs both the source and the target (else the sentence's root verb)."""
    found = [_span_root(doc, span) for span in (row.source, row.target) if span]
    heads: list[Token] = [h for h in found if h is not None]
    inside = {
        t.i
        for span in (row.source, row.target)
        if span
        for t in doc.char_span(*span, alignment_mode="expand") or []
    }
    if len(heads) == 2:
        chain = [heads[0], *heads[0].ancestors]
        other = {heads[1].i} | {a.i for a in heads[1].ancestors}
        for tok in chain:
            if tok.i in other and tok.i not in inside:
                return tok
    sentence_root: Token = next(iter(doc.sents)).root
    root = heads[0] if heads else sentence_root
    for tok in [root, *root.ancestors]:
        if tok.i not in inside and tok.pos_ in ("VERB", "NOUN", "AUX"):
            return tok
    return sentence_root


def _span_root(doc: Doc, span: tuple[int, int]) -> Token | None:
    chunk = doc.char_span(*span, alignment_mode="expand")
    return chunk.root if chunk is not None and len(chunk) else None


def featurize_rows(nlp: Language, rows: list[PlvRow]) -> list[list[str]]:
    """Parse each row and return the typer's features of its trigger."""
    from reportedly.extract.events.typer import features

    docs = nlp.pipe((r.text for r in rows), batch_size=64)
    return [features(find_trigger(doc, row)) for doc, row in zip(docs, rows, strict=True)]


def f1_scores(gold: Iterable[str], pred: Iterable[str]) -> dict[str, Any]:
    """Micro- and macro-F1 and per-label precision, recall, F1 of single-label predictions."""
    pairs = list(zip(gold, pred, strict=True))
    labels = sorted({g for g, _ in pairs})
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in pairs:
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    per = {}
    for lab in labels:
        prec = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        rec = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        per[lab] = {
            "precision": prec,
            "recall": rec,
            "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
            "support": tp[lab] + fn[lab],
        }
    micro = sum(tp.values()) / len(pairs) if pairs else 0.0
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    return {"micro_f1": micro, "macro_f1": macro, "n": len(pairs), "per_label": per}


def evaluate_events(
    path: Path, nlp: Language, part: str = "test", limit: int | None = None
) -> dict[str, Any]:
    """Score the shipped typer on a part of a PLV file.

    Args:
        path: PLV_train.tsv.
        nlp: the analysis pipeline (for the parse).
        part: 'test' (the held-out rows), 'train' or 'all'.
        limit: score only the first `limit` rows (the test gate's sample).

    Returns:
        {"micro_f1", "macro_f1", "n", "per_label": {label: {precision, recall, f1, support}}}.
    """
    from reportedly.extract.events.typer import classify_features

    rows = read_plv(path, part)[:limit]
    feats = featurize_rows(nlp, rows)
    pred = [classify_features(f).label for f in feats]
    return f1_scores([r.label for r in rows], pred)


registry.scorers.register("scorers.events_plv.v1", func=evaluate_events)
