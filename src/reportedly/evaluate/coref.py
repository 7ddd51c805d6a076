"""Cross-document event coreference on ECB+ (Cybulska & Vossen 2014), scored like the CoNLL-2012 task.

`evaluate_coref` scores general event coreference: the event-mention detector
(reportedly.evaluate.ecbplus.mentions) finds the mentions, reportedly.evaluate.ecbplus.eventcoref groups the
documents by content and clusters each group's mentions (reportedly.evaluate.ecbplus.align aligns ECB+
tokens with the parses). It reports the honest setting (predicted mentions, predicted document
groups) and, to separate the parts, gold topics and gold mentions.

`evaluate_ledger_coref` scores the ledger's own merging of PLOVER events: each document is analyzed with
cleaning off (offsets index the text rebuilt from ECB+ tokens), its events are stored in an
in-memory ledger per topic (gold topics, as in Barhom et al. 2019), and the ledger's events are the
response clusters. Following common practice, only the validated sentences of
`ECBplus_coreference_sentences.csv` are scored, singletons included.

Mentions: a predicted event is its trigger's tokens; it matches the gold event mention whose tokens
it overlaps (lenient head match: gold mentions span several tokens, our triggers one). Gold clusters
come from CROSS_DOC_COREF (the target's instance id), then INTRA_DOC_COREF chains, else singletons.
Metrics: MUC, B3 and CEAF-e as in the reference scorer (twinless mentions count against recall or
precision), and CoNLL F1, their mean. `detected_only` scores the merging alone: the gold clusters cut
down to the mentions the analysis detected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from reportedly import registry
from reportedly.config import Settings
from reportedly.evaluate.conll import conll, prf
from reportedly.evaluate.ecbplus.corpus import Cluster, EcbDoc, read_split
from reportedly.model import Article, RawArticle, SourceRef

TOPIC_PUBLISHED = "2000-01-01"


def _predicted(doc: EcbDoc, article: Article) -> dict[str, frozenset[str]]:
    """Article event mention id -> trigger token ids, for triggers inside validated sentences."""
    out: dict[str, frozenset[str]] = {}
    for event in article.events:
        if event.trigger is None:
            continue
        start, end = event.trigger.start, event.trigger.end
        hit = frozenset(
            t for t, (s, e, sent) in doc.tokens.items() if s < end and start < e and sent in doc.scored
        )
        if hit:
            out[f"{article.id}/{event.id}"] = hit
    return out


def _analyze(docs: list[EcbDoc], settings: Settings) -> list[Article]:
    from reportedly.runner import analyze_raw

    raws = [
        RawArticle(source=SourceRef(path=d.name, url=None, format="text"), text=d.text, verbatim=True)
        for d in docs
    ]
    out = []
    for item in analyze_raw(raws, settings):
        if not isinstance(item, Article):
            raise ValueError(f"ECB+ document {item.source.path} failed: {item.error}")
        out.append(item)
    return out


def topic_clusters(
    docs: list[EcbDoc], settings: Settings
) -> tuple[list[Cluster], list[Cluster], dict[str, int]]:
    """Gold and response clusters of one topic, with mention counts (gold, predicted, matched). A response
    mention that matches a gold mention is named by its gold key, any other by its own id."""
    from reportedly.store.database import connect
    from reportedly.store.lookups import mention_events
    from reportedly.store.writer import store_batch

    # One publication day for the whole topic: ECB+ documents carry none, and the ledger compares
    # mentions only within its date window (set after the analysis, so no relative date moves).
    articles = [replace(a, published=TOPIC_PUBLISHED) for a in _analyze(docs, settings)]
    conn = connect(":memory:")
    store_batch(conn, articles, [])
    event_of = mention_events(conn)
    conn.close()
    gold_clusters: dict[str, set[str]] = {}
    response: dict[str, set[str]] = {}
    counts = {"gold": 0, "predicted": 0, "matched": 0}
    for doc, article in zip(docs, articles, strict=True):
        for key, (_tokens, cluster) in doc.gold.items():
            gold_clusters.setdefault(cluster, set()).add(key)
        counts["gold"] += len(doc.gold)
        taken: set[str] = set()
        for mention, tokens in _predicted(doc, article).items():
            counts["predicted"] += 1
            match = next(
                (k for k, (t, _c) in sorted(doc.gold.items()) if t & tokens and k not in taken), None
            )
            if match:
                taken.add(match)
                counts["matched"] += 1
            response.setdefault(event_of.get(mention) or mention, set()).add(match or mention)
    return ([frozenset(c) for c in gold_clusters.values()], [frozenset(c) for c in response.values()], counts)


SETTINGS = {
    # name: (gold mentions, gold topics)
    "predicted": (False, False),
    "gold_topics": (False, True),
    "gold_mentions": (True, False),
    "gold_mentions_gold_topics": (True, True),
}


def evaluate_coref(
    data: Path,
    split: str = "dev",
    topics: Iterable[int] | None = None,
    cache: Path | None = None,
) -> dict[str, Any]:
    """Score cross-document event coreference on ECB+: detected event mentions, clustered.

    Mentions come from the general event-mention detector (reportedly.evaluate.ecbplus.mentions);
    documents are grouped by content and each group's mentions clustered by
    reportedly.evaluate.ecbplus.eventcoref. The main figure (`conll_f1`, MUC, B3, CEAF-e) is the honest
    setting:
    predicted mentions and predicted document groups. `settings` holds the same with gold topics, and
    with gold mentions (separating detection from merging).

    Args:
        data: the ECB+ folder (holding `ECB+/` and `ECBplus_coreference_sentences.csv`).
        split: dev (topics 2, 5, 12, 18, 21, 23, 34, 35), train or all.
        topics: only these topics of the split (the test gate samples one or two).
        cache: a DocBin file outside the repository keeping the parsed documents between runs.

    Returns:
        MUC, B3, CEAF-e and CoNLL F1, detected-only scores, mention detection figures, and the
        scores of every setting in SETTINGS.
    """
    from reportedly.evaluate.ecbplus.align import load_aligned, split_clusters

    aligned = load_aligned(data, split, cache, topics)
    by_setting = {}
    for name, (gold_mentions, gold_topics) in SETTINGS.items():
        key, response, counts = split_clusters(aligned, gold_mentions=gold_mentions, gold_topics=gold_topics)
        by_setting[name] = (key, response, counts)
    key, response, counts = by_setting["predicted"]
    scores = _summary(key, response, counts)
    scores["settings"] = {name: conll(k, r) for name, (k, r, _c) in by_setting.items()}
    scores["documents"] = len(aligned)
    scores["topics"] = sorted({a.ecb.topic for a in aligned})
    return scores


def _summary(key: list[Cluster], response: list[Cluster], counts: dict[str, int]) -> dict[str, Any]:
    """CoNLL scores, the merging alone on detected mentions, and mention detection figures."""
    scores = conll(key, response)
    # The merging alone: gold clusters cut down to the mentions we detected, against our clusters.
    found = {m for c in response for m in c}
    scores["detected_only"] = conll([c & found for c in key if c & found], response)
    r, p = counts["matched"] / max(counts["gold"], 1), counts["matched"] / max(counts["predicted"], 1)
    scores["mentions"] = {
        **counts,
        "recall": round(100 * r, 1),
        "precision": round(100 * p, 1),
        "f1": round(100 * prf(r, p)[2], 1),
    }
    return scores


def pairwise(key: list[Cluster], response: list[Cluster]) -> dict[str, float]:
    """Pairwise link precision, recall and F1 (in percent): the mention pairs a response puts in one
    cluster against the pairs the key does."""

    def links(clusters: list[Cluster]) -> set[frozenset[str]]:
        return {frozenset((a, b)) for c in clusters for a in c for b in c if a < b}

    got, gold = links(response), links(key)
    p = len(got & gold) / len(got) if got else 0.0
    r = len(got & gold) / len(gold) if gold else 0.0
    return {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * prf(r, p)[2], 1)}


def aligned_scores(key: list[Cluster], response: list[Cluster], mentions: set[str]) -> dict[str, Any]:
    """The merging judged apart from detection: key and response both cut down to `mentions` (the gold
    mentions a system detected and aligned), scored by CoNLL (MUC, B3, CEAF-e) and pairwise links.

    Args:
        key: gold clusters of gold mention keys.
        response: system clusters, whose aligned mentions carry their gold key.
        mentions: the gold keys both sides keep.

    Returns:
        `conll` scores with a `pairwise` entry and the number of `mentions`.
    """
    cut_key = [c & mentions for c in key if c & mentions]
    cut_response = [c & mentions for c in response if c & mentions]
    return {
        **conll(cut_key, cut_response),
        "pairwise": pairwise(cut_key, cut_response),
        "mentions": len(mentions),
    }


def learned_on(data: Path, split: str, topics: Iterable[int] | None, mentions: set[str]) -> dict[str, Any]:
    """The learned event coreference (reportedly.evaluate.ecbplus.eventcoref) given every gold mention
    and the gold topics, its clusters then cut down to `mentions`: the other merger on the same mentions."""
    from reportedly.evaluate.ecbplus.align import load_aligned, split_clusters

    key, response, _counts = split_clusters(load_aligned(data, split, None, topics), True, True)
    return aligned_scores(key, response, mentions)


def evaluate_ledger_coref(
    data: Path,
    split: str = "dev",
    topics: Iterable[int] | None = None,
    settings: Settings | None = None,
    compare_learned: bool = True,
) -> dict[str, Any]:
    """Score the ledger's own merging of PLOVER events on ECB+ (the product path: few ECB+ events are
    PLOVER events, so mention recall, and CoNLL F1, stay low). Merging is judged apart from detection:
    `coverage` is the share of gold mentions the ledger codes, `aligned` scores its clusters on those gold
    mentions alone (CoNLL and pairwise), and `learned` the learned coreference on the same mentions.

    Args:
        data: the ECB+ folder.
        split: dev, train or all.
        topics: only these topics of the split.
        settings: analysis settings; cleaning is always off so offsets index the ECB+ tokens.
        compare_learned: also score the learned coreference on the aligned mentions (parses the split
            again).

    Returns:
        MUC, B3, CEAF-e and CoNLL F1 over all topics, mention detection figures, `coverage` (percent),
        `aligned` and, with `compare_learned`, `learned`.
    """
    settings = (settings or Settings()).replace(clean=False)
    docs = read_split(data, split, topics)
    key: list[Cluster] = []
    response: list[Cluster] = []
    counts = {"gold": 0, "predicted": 0, "matched": 0}
    for topic in sorted({d.topic for d in docs}):
        topic_key, topic_response, topic_counts = topic_clusters(
            [d for d in docs if d.topic == topic], settings
        )
        key += topic_key
        response += topic_response
        counts = {n: counts[n] + topic_counts[n] for n in counts}
    scores = _summary(key, response, counts)
    gold_keys = {m for c in key for m in c}
    coded = {m for c in response for m in c} & gold_keys
    scores["coverage"] = round(100 * len(coded) / max(len(gold_keys), 1), 1)
    scores["aligned"] = aligned_scores(key, response, coded)
    if compare_learned:
        scores["learned"] = learned_on(data, split, topics, coded)
    scores["documents"] = len(docs)
    scores["topics"] = sorted({d.topic for d in docs})
    return scores


registry.scorers.register("scorers.coref_ecbplus.v1", func=evaluate_coref)
registry.scorers.register("scorers.coref_ledger_ecbplus.v1", func=evaluate_ledger_coref)
