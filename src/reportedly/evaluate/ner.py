"""NER and entity-mention scoring on ECB+ (Cybulska & Vossen 2014, CC BY 3.0): HUMAN_PART and LOC markables.

ECB+ marks every participant and location, pronouns and common nouns included ("her rep"), but only in the
sentences listed in ECBplus_coreference_sentences.csv; so the gold here is the *named* markables of those
sentences (content words all capitalized; pronouns and lower-case nominals left out), and predictions are
scored in those sentences only. Documents are rebuilt from their tokens (one sentence a line, tokens
joined by spaces) and run through the pipeline; a predicted span matches a gold one exactly (same character
offsets) or partially (overlap).
Types are scored coarse: HUMAN (PERSON, ORG, a country acting) vs LOC (places), the way ECB+ splits
HUMAN_PART_GPE from LOC_GEO.

Two systems are scored on the same documents: `ner` (the spaCy entity spans after the gazetteer ruler) and
`entities` (the mentions extract_entities keeps, which drop nationality adjectives and add government
phrases).
"""

from __future__ import annotations

import csv
import random
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportedly import registry

# ECB+ dev topics (../shared/data/README.md); the rest of 1-35 is train.
DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
GOLD_PREFIXES = ("HUMAN_PART", "LOC_")
FUNCTION_WORDS = frozenset(
    {"the", "of", "and", "for", "de", "al", "la", "in", "on", "at", "'s", "-", "&", "."}
)
PRONOUNS = frozenset({"I", "He", "She", "It", "They", "We", "You", "His", "Her", "Their", "Its", "Our"})
PLACE_KINDS = frozenset({"place"})
# ECB+ markables often open with a preposition or article ("in New Zealand", "the Gulf of Aden"); NER spans
# do not. Both sides drop these words before spans are compared.
LEADING_WORDS = ("in ", "at ", "on ", "near ", "from ", "to ", "of ", "the ", "a ", "an ")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without its leading prepositions and articles."""
    changed = True
    while changed:
        changed = False
        for word in LEADING_WORDS:
            if text[start:end].lower().startswith(word) and end - start > len(word):
                start += len(word)
                changed = True
    return start, end


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One ECB+ document rebuilt as text, with its named HUMAN/LOC markables as (start, end, coarse type)."""

    name: str
    text: str
    gold: tuple[tuple[int, int, str], ...]
    scored: tuple[tuple[int, int], ...] = ()  # char ranges of the sentences ECB+ annotated

    def in_scope(self, start: int, end: int) -> bool:
        """Whether a span lies in an annotated sentence (ECB+ leaves the other sentences unmarked)."""
        return any(s <= start and end <= e for s, e in self.scored)


@dataclass
class Counts:
    """Matches of one system: exact and partial, untyped and typed."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0
    partial: int = 0  # predicted spans overlapping a gold span (partial precision's hits)
    partial_gold: int = 0  # gold spans overlapped by a predicted span (partial recall's hits)
    typed_exact: int = 0

    def prf(self, hits: int, gold_hits: int | None = None) -> dict[str, float]:
        """Precision of `hits` over the predicted spans, recall of `gold_hits` (else `hits`) over the gold."""
        p = hits / self.predicted if self.predicted else 0.0
        r = (hits if gold_hits is None else gold_hits) / self.gold if self.gold else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r) if p + r else 0, 4),
        }

    def summary(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "exact": self.prf(self.exact),
            "partial": self.prf(self.partial, self.partial_gold),
            "typed_exact": self.prf(self.typed_exact),
        }


@dataclass
class NerScore:
    """Scores of both systems over a document set."""

    documents: int = 0
    systems: dict[str, Counts] = field(default_factory=lambda: {"ner": Counts(), "entities": Counts()})

    def summary(self) -> dict[str, Any]:
        return {"documents": self.documents, **{k: v.summary() for k, v in self.systems.items()}}


def is_named(words: list[str]) -> bool:
    """A markable is a name when every content word is capitalized and it is not a lone pronoun."""
    content = [w for w in words if w.lower() not in FUNCTION_WORDS]
    return (
        bool(content)
        and all(w[:1].isupper() or w[:1].isdigit() for w in content)
        and not (len(content) == 1 and content[0] in PRONOUNS)
    )


@lru_cache(maxsize=4)
def annotated_sentences(csv_path: Path) -> dict[str, frozenset[str]]:
    """ECBplus_coreference_sentences.csv: document stem ("1_10ecb") -> the sentence numbers annotated."""
    out: dict[str, set[str]] = {}
    with csv_path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            out.setdefault(f"{row['Topic']}_{row['File']}", set()).add(row["Sentence Number"])
    return {k: frozenset(v) for k, v in out.items()}


def read_ecb(path: Path, sentences: frozenset[str] | None = None) -> GoldDoc:
    """Rebuild one ECB+ XML file's text and its named HUMAN_PART / LOC markables.

    Args:
        path: the XML file.
        sentences: the annotated sentence numbers (all sentences when None).
    """
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int, str]] = {}
    ranges: dict[str, list[int]] = {}
    parts: list[str] = []
    pos, sentence = 0, None
    for tok in root.iter("token"):
        if sentence is not None and tok.get("sentence") != sentence:
            parts.append("\n")
            pos += 1
        elif parts:
            parts.append(" ")
            pos += 1
        sentence, word = tok.get("sentence"), tok.text or ""
        offsets[tok.get("t_id", "")] = (pos, pos + len(word), word)
        ranges.setdefault(sentence or "", [pos, pos])[1] = pos + len(word)
        parts.append(word)
        pos += len(word)
    gold = []
    markables = root.find("Markables")
    for mark in markables if markables is not None else ():
        anchors = [offsets[a.get("t_id", "")] for a in mark.iter("token_anchor") if a.get("t_id") in offsets]
        if mark.tag.startswith(GOLD_PREFIXES) and anchors and is_named([a[2] for a in anchors]):
            kind = "LOC" if mark.tag.startswith("LOC_") else "HUMAN"
            start, end = trim("".join(parts), min(a[0] for a in anchors), max(a[1] for a in anchors))
            gold.append((start, end, kind))
    scored = tuple((r[0], r[1]) for k, r in ranges.items() if sentences is None or k in sentences)
    doc = GoldDoc(path.name, "".join(parts), (), scored)
    return GoldDoc(doc.name, doc.text, tuple(sorted({g for g in gold if doc.in_scope(g[0], g[1])})), scored)


def iter_files(data: Path, split: str = "dev") -> list[Path]:
    """ECB+ XML files of a split: dev (topics 2,5,12,18,21,23,34,35), train (the rest) or all."""
    files = sorted((data / "ECB+").glob("*/*.xml"))
    if split == "all":
        return files
    dev = split == "dev"
    return [f for f in files if f.parent.name.isdigit() and (int(f.parent.name) in DEV_TOPICS) == dev]


def sample(files: list[Path], limit: int | None, seed: int = 0) -> list[Path]:
    """A reproducible sample of `limit` files (all when limit is None)."""
    if limit is None or limit >= len(files):
        return files
    return sorted(random.Random(seed).sample(files, limit))


def _coarse_ner(label: str) -> str:
    return "LOC" if label in ("LOC", "FAC", "GPE") else "HUMAN"


def _coarse_entity(kind: str | None, label: str) -> str:
    return "LOC" if kind in PLACE_KINDS else "HUMAN" if kind else _coarse_ner(label)


def _count(counts: Counts, doc: GoldDoc, pred: Iterable[tuple[int, int, str]]) -> None:
    gold = doc.gold
    pred = sorted({(*trim(doc.text, s, e), t) for s, e, t in pred if doc.in_scope(s, e)})
    counts.gold += len(gold)
    counts.predicted += len(pred)
    exact = {(s, e) for s, e, _ in gold}
    typed = set(gold)
    for s, e, t in pred:
        counts.exact += (s, e) in exact
        counts.typed_exact += (s, e, t) in typed
        counts.partial += any(s < ge and gs < e for gs, ge, _ in gold)
    counts.partial_gold += sum(any(s < ge and gs < e for s, e, _ in pred) for gs, ge, _ in gold)


def evaluate(docs: Iterable[GoldDoc], batch_size: int = 16) -> NerScore:
    """Score the pipeline's NER and extract_entities' mentions on gold documents.

    Args:
        docs: ECB+ documents from `read_ecb`.
        batch_size: spaCy batch size.
    """
    from reportedly.extract import ENTITIES, extractor
    from reportedly.model import DocContext
    from reportedly.nlp.pipeline import make_nlp

    nlp = make_nlp()
    extract_entities = extractor(ENTITIES)
    score = NerScore()
    docs = list(docs)
    for gold_doc, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size), strict=True):
        score.documents += 1
        ner = [
            (e.start_char, e.end_char, _coarse_ner(e.label_))
            for e in doc.ents
            if e.label_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
        ]
        _count(score.systems["ner"], gold_doc, ner)
        ents = extract_entities(doc, DocContext(gold_doc.name))
        mentions = [
            (m.start, m.end, _coarse_entity(e.kind, e.type))
            for e in ents
            for m in e.mentions
            if m.text.lower() not in ("he", "she", "the organization", "the group")
        ]
        _count(score.systems["entities"], gold_doc, mentions)
    return score


def load_ecb(data: Path, split: str = "dev", limit: int | None = None) -> Iterator[GoldDoc]:
    """ECB+ documents of a split, optionally a reproducible sample of `limit` of them."""
    annotated = annotated_sentences(data / "ECBplus_coreference_sentences.csv")
    for path in sample(iter_files(data, split), limit):
        yield read_ecb(path, annotated.get(path.stem, frozenset()))


def evaluate_ecbplus(data: Path, split: str = "dev", limit: int | None = None) -> NerScore:
    """Score NER and entity mentions on an ECB+ split (`reportedly eval ner`); see `evaluate`."""
    return evaluate(load_ecb(data, split, limit))


registry.scorers.register("scorers.ner_ecbplus.v1", func=evaluate_ecbplus)
