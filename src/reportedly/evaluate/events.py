"""Score the events stage on PLV (../shared/data/plover/PLV_train.tsv): micro- and macro-F1 of the type.

PLV marks the source `<s>...</s>` and target `<t>...</t>` of one event per row; the same sentence
may appear in several rows. The split is by sentence text (no sentence on both sides), seeded, so
the held-out part is the same on every machine; scripts/train_events.py trains on the rest.
The event's trigger is the lowest word governing both source and target in the parse.

Three figures, from the narrowest to what a user sees:
  - `typer_*`: the learned typer's top label at the gold trigger (what scripts/train_events.py fits);
  - `micro_f1`/`macro_f1`: the type of the event the product (extract.analyze_doc, as `analyze` runs it)
    codes at the gold pair: the event at the gold trigger, else one whose parties cover the gold
    source and target; no event there is a miss (predicted label NONE);
  - `end_to_end`: per sentence, the gold types found among the types of every event extracted from it
    (recall), and the share of extracted types that are gold (precision: a lower bound, PLV marks one
    or two events of a sentence, not all).
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
from reportedly.model import DocContext, Entity, Event

# The label of a row where the product codes no event at the gold pair (a miss).
NO_EVENT = "NONE"
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
    """Score the events stage and the raw typer on a part of a PLV file.

    Args:
        path: PLV_train.tsv.
        nlp: the analysis pipeline (for the parse).
        part: 'test' (the held-out rows), 'train' or 'all'.
        limit: score only the first `limit` rows (the test gate's sample).

    Returns:
        {"micro_f1", "macro_f1" (the product's event at the gold pair), "n", "missed" (rows with no event
        there), "per_label", "typer_micro_f1", "typer_macro_f1", "typer_per_label" (the raw typer at the
        gold trigger), "end_to_end": {"recall", "precision", "sentences", "gold", "extracted"}}.
    """
    from reportedly.extract import analyze_doc
    from reportedly.extract.events.typer import classify_features, features

    rows = read_plv(path, part)[:limit]
    gold = [r.label for r in rows]
    docs: dict[str, Doc] = {}
    for text, doc in zip(
        dict.fromkeys(r.text for r in rows), nlp.pipe(dict.fromkeys(r.text for r in rows), batch_size=64),
        strict=True,
    ):
        docs[text] = doc
    analyses = {text: analyze_doc(doc, DocContext(article_id="plv")) for text, doc in docs.items()}
    events = {text: found[2] for text, found in analyses.items()}
    triggers = [find_trigger(docs[r.text], r) for r in rows]
    typer = f1_scores(gold, [classify_features(features(t)).label for t in triggers])
    product = [
        product_label(analyses[r.text][0], events[r.text], r, t) for r, t in zip(rows, triggers, strict=True)
    ]
    scores = f1_scores(gold, product)
    scores["missed"] = product.count(NO_EVENT)
    scores["typer_micro_f1"], scores["typer_macro_f1"] = typer["micro_f1"], typer["macro_f1"]
    scores["typer_per_label"] = typer["per_label"]
    extracted = {text: [plv_label(e.type) for e in found] for text, found in events.items()}
    scores["end_to_end"] = end_to_end(rows, extracted)
    return scores


def plv_label(kind: str) -> str:
    """A contract type in PLV's labels (CONCEDE and RETREAT are PLV's YIELD)."""
    return "YIELD" if kind in ("CONCEDE", "RETREAT") else kind


def product_label(entities: list[Entity], events: list[Event], row: PlvRow, trigger: Token) -> str:
    """The PLV label of the product's event at a row's gold pair, NO_EVENT when there is none: the event
    triggered at the gold trigger, else at a word the parse links to it ("launched an attack": the
    light verb's object), else the first whose party mentions overlap the gold source or target."""
    by_start = {e.trigger.start: e for e in reversed(events) if e.trigger is not None}
    linked = [c.idx for c in trigger.children] + [trigger.head.idx]
    by_id = {ent.id: ent for ent in entities}
    at = [by_start[i] for i in (trigger.idx, *linked) if i in by_start]
    at = at or [e for e in events if _covers(e, row, by_id)]
    return plv_label(at[0].type) if at else NO_EVENT


def _covers(event: Event, row: PlvRow, entities: dict[str, Entity]) -> bool:
    spans = [s for s in (row.source, row.target) if s]
    parties = [entities[p] for p in (*event.actors, *event.recipients) if p in entities]
    mentions = [m for ent in parties for m in ent.mentions]
    return any(m.start < end and start < m.end for m in mentions for start, end in spans)


def end_to_end(rows: list[PlvRow], extracted: dict[str, list[str]]) -> dict[str, Any]:
    """Per sentence, gold types among the extracted types (recall) and extracted types that are gold."""
    gold: dict[str, set[str]] = {}
    for row in rows:
        gold.setdefault(row.text, set()).add(row.label)
    found = sum(len(g & set(extracted.get(t, []))) for t, g in gold.items())
    n_gold = sum(len(g) for g in gold.values())
    n_pred = sum(len(set(extracted.get(t, []))) for t in gold)
    return {
        "recall": found / n_gold if n_gold else 0.0,
        "precision": found / n_pred if n_pred else 0.0,
        "sentences": len(gold),
        "gold": n_gold,
        "extracted": n_pred,
    }


registry.scorers.register("scorers.events_plv.v1", func=evaluate_events)
