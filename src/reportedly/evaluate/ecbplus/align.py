"""ECB+ documents aligned with spaCy parses: which tokens are gold event mentions, and where.

Shared by `reportedly eval coref` (reportedly.evaluate.coref) and the training scripts
(scripts/train_event_mentions.py). A gold mention spans one or more ECB+ tokens ("pleaded guilty");
its head is the spaCy token of the span whose syntactic head lies outside it ("guilty" -> "pleaded").
Only validated sentences carry annotations, so only their tokens are candidates or scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, DocBin

from reportedly.evaluate.ecbplus.corpus import Cluster, EcbDoc, read_split
from reportedly.evaluate.ecbplus.eventcoref import CorefMention, CorefModel
from reportedly.evaluate.ecbplus.mentions import MentionModel


@dataclass(frozen=True, slots=True)
class Aligned:
    """One ECB+ document with its parse: gold heads and the tokens of validated sentences."""

    ecb: EcbDoc
    doc: Doc
    heads: dict[int, str]  # spaCy token index -> gold mention key
    inside: dict[int, str]  # every token index covered by a gold mention -> its key (heads first)
    scored: frozenset[int]  # token indexes in validated sentences

    def cluster_of(self, key: str) -> str:
        """The gold cluster id of a gold mention key."""
        return self.ecb.gold[key][1]


def parse(docs: Sequence[EcbDoc], cache: Path | None = None) -> list[Doc]:
    """Parse the documents with the analysis pipeline, reading or writing a DocBin cache.

    Args:
        docs: ECB+ documents.
        cache: a .spacy file outside the repository; reused when it holds as many Docs.

    Returns:
        one parsed Doc per document, in order.
    """
    from reportedly.nlp.pipeline import make_nlp

    nlp = make_nlp()
    if cache is not None and cache.exists():
        parsed = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(parsed) == len(docs) and all(p.text == d.text for p, d in zip(parsed, docs, strict=True)):
            return parsed
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=32))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=parsed).to_disk(cache)
    return parsed


def load_aligned(
    data: Path, split: str, cache: Path | None = None, topics: Iterable[int] | None = None
) -> list[Aligned]:
    """The documents of an ECB+ split, parsed (through the DocBin `cache` when given) and aligned.

    Args:
        data: the ECB+ folder.
        split: dev, train or all.
        cache: a DocBin file outside the repository keeping the parses between runs.
        topics: only these topics of the split.
    """
    docs = read_split(data, split, topics)
    return [align(e, d) for e, d in zip(docs, parse(docs, cache), strict=True)]


def align(ecb: EcbDoc, doc: Doc) -> Aligned:
    """Gold mention heads and validated-sentence tokens of one parsed document."""
    starts = sorted((s, e, sent) for s, e, sent in ecb.tokens.values())
    sentence_at = {s: sent for s, _e, sent in starts}
    scored = frozenset(
        t.i for t in doc if _sentence_of(t.idx, starts, sentence_at) in ecb.scored and not t.is_space
    )
    heads: dict[int, str] = {}
    inside: dict[int, str] = {}
    for key in sorted(ecb.gold):
        spans = [ecb.tokens[t][:2] for t in ecb.gold[key][0]]
        toks = [t for t in doc if not t.is_space and any(s < t.idx + len(t) and t.idx < e for s, e in spans)]
        if not toks:
            continue
        for t in toks:
            inside.setdefault(t.i, key)
        ids = {t.i for t in toks}
        head = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), toks[-1])
        heads.setdefault(head.i, key)
    inside.update(heads)
    return Aligned(ecb=ecb, doc=doc, heads=heads, inside=inside, scored=scored)


def _sentence_of(char: int, starts: list[tuple[int, int, int]], sentence_at: dict[int, int]) -> int:
    """The ECB+ sentence of a character offset (the token starting at or before it)."""
    if char in sentence_at:
        return sentence_at[char]
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid][0] <= char:
            lo = mid + 1
        else:
            hi = mid
    return starts[lo - 1][2] if lo else -1


def doc_mentions(
    a: Aligned,
    gold_mentions: bool = False,
    threshold: float | None = None,
    detector: MentionModel | None = None,
) -> list[tuple[CorefMention, str | None]]:
    """The document's event mentions with the gold mention each one matches (None: a false alarm).

    Args:
        a: the aligned document.
        gold_mentions: take the gold mentions' heads instead of the detector's mentions.
        threshold: the detector probability a mention needs (the detector's own by default).
        detector: the event-mention detector; the shipped one by default (training passes one fitted
            on other topics).

    Returns:
        (mention, gold key) pairs; a predicted mention matches the first gold mention covering its
        token that no earlier mention took, and takes the gold key as its id (so scores compare).
    """
    from reportedly.evaluate.ecbplus.eventcoref import mention_of
    from reportedly.evaluate.ecbplus.mentions import extract_event_mentions

    if gold_mentions:
        return [(mention_of(a.doc, a.doc[i], a.heads[i], a.ecb.name), a.heads[i]) for i in sorted(a.heads)]
    at = {t.idx: t.i for t in a.doc}
    out: list[tuple[CorefMention, str | None]] = []
    taken: set[str] = set()
    for word in extract_event_mentions(a.doc, detector, threshold):
        i = at[word.start]
        if i not in a.scored:
            continue
        key = a.inside.get(i)
        key = key if key is not None and key not in taken else None
        if key is not None:
            taken.add(key)
        mid = key or f"{a.ecb.name}/t{i}"
        out.append((mention_of(a.doc, a.doc[i], mid, a.ecb.name, word.score), key))
    return out


def document_groups(
    aligned: Sequence[Aligned], gold_topics: bool, cut: float
) -> tuple[list[int], np.ndarray]:
    """Each document's group (its gold topic, or a predicted content cluster) and the TF-IDF rows."""
    from reportedly.evaluate.ecbplus.eventcoref import cluster_documents, document_vectors

    vectors = document_vectors([a.doc for a in aligned])
    if gold_topics:
        return [a.ecb.topic for a in aligned], vectors
    return cluster_documents(vectors, cut), vectors


def split_clusters(
    aligned: Sequence[Aligned],
    gold_mentions: bool = False,
    gold_topics: bool = False,
    model: CorefModel | None = None,
    cut: float | None = None,
    found: list[list[tuple[CorefMention, str | None]]] | None = None,
) -> tuple[list[Cluster], list[Cluster], dict[str, int]]:
    """Gold and response event clusters of a set of documents, with mention counts.

    Args:
        aligned: the documents (a whole split: predicted document groups span topics).
        gold_mentions: cluster the gold mentions instead of the detected ones.
        gold_topics: compare mentions within gold topics instead of predicted document groups.
        model: the pair scorer (the shipped one by default); cut: its clustering cut override.
        found: each document's `doc_mentions`, when already computed (training reuses them).

    Returns:
        key clusters, response clusters, and counts of gold, predicted and matched mentions (those
        `prune_singletons` drops are not predicted).
    """
    from reportedly.evaluate.ecbplus.eventcoref import cluster_mentions, load_model, prune_singletons

    model = model or load_model()
    groups, vectors = document_groups(aligned, gold_topics, model.document_cut)
    sims = vectors @ vectors.T
    key: dict[str, set[str]] = {}
    counts = {"gold": 0, "predicted": 0, "matched": 0}
    members: dict[int, list[int]] = {}
    mentions: list[list[tuple[CorefMention, str | None]]] = []
    for n, a in enumerate(aligned):
        for k, (_tokens, cluster) in a.ecb.gold.items():
            key.setdefault(cluster, set()).add(k)
        counts["gold"] += len(a.ecb.gold)
        these = found[n] if found is not None else doc_mentions(a, gold_mentions, model.mention_threshold)
        mentions.append(these)
        members.setdefault(groups[n], []).append(n)
    response: list[Cluster] = []
    for docs in members.values():
        names = {n: aligned[n].ecb.name for n in docs}
        doc_sim = {(names[i], names[j]): float(sims[i, j]) for i in docs for j in docs}
        group = [m for n in docs for m, _k in mentions[n]]
        response += cluster_mentions(group, doc_sim, model, cut)
    scores = {m.id: m.score for these in mentions for m, _k in these}
    response = prune_singletons(response, scores, model.singleton_min)
    kept = {m for c in response for m in c}
    gold_keys = {k for these in mentions for _m, k in these if k is not None}
    counts["predicted"], counts["matched"] = len(kept), len(kept & gold_keys)
    return [frozenset(c) for c in key.values()], response, counts
