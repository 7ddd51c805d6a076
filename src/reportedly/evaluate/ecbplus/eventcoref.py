"""Cross-document coreference of general event mentions (reportedly.evaluate.ecbplus.mentions).

Three steps, all learned on ECB+ train topics by `scripts/train_event_coref.py`:

1. Documents are grouped by content: TF-IDF vectors of their content lemmas, average-linkage
   clustering on cosine distance cut at a threshold chosen on train (`cluster_documents`). Only
   mentions of one document group are compared: different stories never share an event.
2. Within a group, every pair of mentions is scored by a logistic regression over what
   merge/events.py compares for PLOVER events, generalized to any event: trigger agreement (same
   lemma, same `trigger_stem`, and how often that lemma corefers in train), arguments (named entities
   and the subject/object lemmas of the trigger), time and place compatibility (date and place names
   of the sentence), sentence context (`context_words` overlap), a shared beginning of two different
   lemmas ("nominate" / "nominee"), the two documents' similarity and their named entities (two
   stories told with one word: two people entering rehab), and what WordNet 3.0
   (reportedly.extract.wordnet) says of two different words: synonyms ("arrest" / "apprehend"), a noun
   derived from the verb ("die" / "death"), their Wu-Palmer similarity ("arrest" / "capture").
   Average-linkage clustering on 1 - P(same event) cut at a threshold chosen on train makes the events.
3. Mentions: only those the detector gives `mention_threshold` are clustered, and a mention left
   alone by the clustering stays only with `singleton_min` (`prune_singletons`); both are chosen on
   train with the cuts, on CoNLL F1 of mentions found by a detector that had not seen the topic.

The weights ship as `data/events/mentions_coref.npz`; everything is numpy and scipy.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc, Token

from reportedly.extract import wordnet
from reportedly.merge.events import context_words, trigger_stem
from reportedly.weights import from_json, require_weights

WEIGHTS = "data/events/mentions_coref.npz"
# Parts of speech whose lemmas describe what a document is about (TF-IDF of documents).
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM"})
ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "compound", "poss", "agent", "attr"})
TIME_LABELS = frozenset({"DATE", "TIME"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Named entities that tell two stories apart when one word names both of their events: two people
# entering rehab, two earthquakes, two "falls" (its persons, organizations, places and dates).
STORY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "DATE", "EVENT"})
# Pseudo-counts pulling a lemma's train coreference rate towards the mean for rarely seen lemmas (and a
# pair of different lemmas' rate, "kill|shoot", towards 0).
RATE_PRIOR = 5.0
FEATURES = (
    "bias",
    "same_lemma",
    "same_stem",
    "prefix4",
    "same_pos",
    "lemma_rate",
    "same_doc",
    "doc_sim",
    "context",
    "args",
    "args_clash",
    "time_match",
    "time_clash",
    "place_match",
    "place_clash",
    "same_lemma_x_doc_sim",
    "same_lemma_x_args",
    "lemma_rate_x_doc_sim",
    "same_sentence",
    "pair_rate",
    "pair_rate_x_doc_sim",
    "common_prefix",
    "common_prefix_x_doc_sim",
    "wn_synonym",
    "wn_derived",
    "wn_similarity",
    "wn_similarity_x_doc_sim",
    "wn_same_class",
    "same_lemma_x_args_clash",
    "same_lemma_x_time_clash",
    "same_lemma_x_place_clash",
    "story",
    "same_lemma_x_story",
)


@dataclass(frozen=True, slots=True)
class CorefMention:
    """One event mention reduced to what coreference compares."""

    id: str
    document: str
    lemma: str
    pos: str
    sentence: int
    context: frozenset[str]
    args: frozenset[str]
    times: frozenset[str]
    places: frozenset[str]
    score: float = 1.0  # the detector's P(event) (1 for a gold mention)
    story: frozenset[str] = frozenset()  # the named entities of the whole document (`STORY_LABELS`)


def mention_of(
    doc: Doc, token: Token, mention_id: str, document: str, score: float = 1.0
) -> CorefMention:
    """The comparable view of a trigger token: its sentence's context, entities, dates and places
    (`score`: the detector's probability, kept for `prune_singletons`)."""
    sent = token.sent
    ents = [e for e in doc.ents if e.start >= sent.start and e.end <= sent.end]
    args = {e.text.lower() for e in ents if e.label_ not in TIME_LABELS}
    for tok in (token, *([token.head] if token.dep_ in ("amod", "compound") else [])):
        args |= {c.lemma_.lower() for c in tok.children if c.dep_ in ARG_DEPS and c.pos_ in ("NOUN", "PROPN")}
    return CorefMention(
        id=mention_id,
        document=document,
        lemma=token.lemma_.lower(),
        pos=token.pos_,
        sentence=sent.start,
        context=context_words(sent.text) - {token.lower_},
        args=frozenset(args),
        times=frozenset(e.text.lower() for e in ents if e.label_ in TIME_LABELS),
        places=frozenset(e.text.lower() for e in ents if e.label_ in PLACE_LABELS),
        score=score,
        story=frozenset(e.text.lower() for e in doc.ents if e.label_ in STORY_LABELS),
    )


def document_vectors(docs: Sequence[Doc]) -> np.ndarray:
    """L2-normalized TF-IDF rows of the documents' content lemmas."""
    counts = [Counter(t.lemma_.lower() for t in d if t.pos_ in CONTENT_POS and t.is_alpha) for d in docs]
    vocab = {w: i for i, w in enumerate(sorted({w for c in counts for w in c}))}
    df = Counter(w for c in counts for w in c)
    mat = np.zeros((len(docs), len(vocab)))
    for r, c in enumerate(counts):
        for w, n in c.items():
            mat[r, vocab[w]] = (1 + math.log(n)) * math.log((1 + len(docs)) / (1 + df[w]))
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    return mat / np.where(norms == 0, 1, norms)


def average_linkage(distance: np.ndarray, cut: float) -> list[int]:
    """Flat clusters of average-linkage clustering cut at `cut` (labels from 0, in input order)."""
    from scipy.cluster.hierarchy import fcluster, linkage  # imported when used: CLI start-up stays light
    from scipy.spatial.distance import squareform

    n = len(distance)
    if n < 2:
        return [0] * n
    tree = linkage(squareform(np.clip(distance, 0, None), checks=False), method="average")
    raw = fcluster(tree, t=cut, criterion="distance")
    first: dict[int, int] = {}
    return [first.setdefault(int(x), len(first)) for x in raw]


def cluster_documents(vectors: np.ndarray, cut: float) -> list[int]:
    """Document groups: average linkage on cosine distance of TF-IDF rows."""
    return average_linkage(1.0 - vectors @ vectors.T, cut)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def pair_features(
    a: CorefMention, b: CorefMention, doc_sim: float, rates: dict[str, float], default_rate: float
) -> list[float]:
    """The feature vector of a pair, in `FEATURES` order."""
    same = float(a.lemma == b.lemma)
    stem = float(trigger_stem(a.lemma) == trigger_stem(b.lemma))
    rate = rates.get(a.lemma, default_rate) if same else 0.0
    pair = 0.0 if same else rates.get("|".join(sorted((a.lemma, b.lemma))), 0.0)
    args = _overlap(a.args, b.args)
    clash = float(bool(a.args) and bool(b.args) and not a.args & b.args)
    prefix = 0.0 if same else _common_prefix(a.lemma, b.lemma)
    relation = (0.0,) * 4 if same else word_relation(a.lemma, a.pos, b.lemma, b.pos)
    synonym, derived, similar, same_class = relation
    time_clash = float(bool(a.times) and bool(b.times) and not a.times & b.times)
    place_clash = float(bool(a.places) and bool(b.places) and not a.places & b.places)
    story = _overlap(a.story, b.story)
    return [
        1.0,
        same,
        stem,
        float(a.lemma[:4] == b.lemma[:4] and len(a.lemma) >= 4),
        float(a.pos == b.pos),
        rate,
        float(a.document == b.document),
        doc_sim,
        _overlap(a.context, b.context),
        args,
        clash,
        float(bool(a.times & b.times)),
        time_clash,
        float(bool(a.places & b.places)),
        place_clash,
        same * doc_sim,
        same * args,
        rate * doc_sim,
        float(a.document == b.document and a.sentence == b.sentence),
        pair,
        pair * doc_sim,
        prefix,
        prefix * doc_sim,
        synonym,
        derived,
        similar,
        similar * doc_sim,
        same_class,
        same * clash,
        same * time_clash,
        same * place_clash,
        story,
        same * story,
    ]


# WordNet's letters of the parts of speech event mentions come in (an adjective, "dead", has no tree).
_WORDNET_POS = {"NOUN": "n", "PROPN": "n", "VERB": "v", "AUX": "v"}
# How many senses of each word are compared (WordNet orders them most frequent first).
SENSES = 3


def _nouns_of(lemma: str, letter: str) -> tuple[str, ...]:
    """A noun as itself; a verb as the nouns derived from its first senses ("arrest" -> "arrest")."""
    if letter == "n":
        return (lemma,)
    return tuple(w for w, p in wordnet.derivations(lemma, "v", senses=2) if p == "n")


@lru_cache(maxsize=262144)
def word_relation(a: str, pos_a: str, b: str, pos_b: str) -> tuple[float, float, float, float]:
    """What WordNet says of two different trigger words: (synonyms, derivationally related, Wu-Palmer
    similarity, same lexicographer class of their first senses).

    Synonyms share a synset among their first `SENSES` senses ("arrest" / "apprehend"); derivation links
    a noun and a verb of one act ("die" / "death", "drive" / "driving"); the similarity compares nouns,
    a verb through the nouns derived from it, so "arrest" (verb) meets "capture" (noun). Zeros where
    WordNet lacks a word.
    """
    la, lb = _WORDNET_POS.get(pos_a), _WORDNET_POS.get(pos_b)
    if la is None or lb is None:
        return 0.0, 0.0, 0.0, 0.0
    sa, sb = wordnet.synsets(a, la)[:SENSES], wordnet.synsets(b, lb)[:SENSES]
    if not sa or not sb:
        return 0.0, 0.0, 0.0, 0.0
    synonym = float(bool(set(sa) & set(sb)))
    derived = float(
        any(w == wordnet.look_up(b) for w, _p in wordnet.derivations(a, la, senses=SENSES))
        or any(w == wordnet.look_up(a) for w, _p in wordnet.derivations(b, lb, senses=SENSES))
    )
    if la == lb == "v":
        similar = wordnet.similarity(a, b, "v", SENSES)
    else:
        similar = max(
            (wordnet.similarity(x, y, "n", SENSES) for x in _nouns_of(a, la) for y in _nouns_of(b, lb)),
            default=0.0,
        )
    same_class = float(wordnet.lexname(sa[0]) == wordnet.lexname(sb[0]))
    return synonym, derived, max(similar, synonym, derived), same_class


# A shared beginning shorter than this says nothing of two words' meaning ("re-", "con-", "dis-").
MIN_PREFIX = 4


def _common_prefix(a: str, b: str) -> float:
    """How much of the shorter lemma two different lemmas share from their start, 0 under
    `MIN_PREFIX` letters: derivations and inflections the lemmatizer left apart ("nominate" /
    "nominee" / "nomination", "drive" / "driving", "charge" / "charged")."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n / min(len(a), len(b)) if n >= MIN_PREFIX else 0.0


@dataclass(frozen=True, slots=True)
class CorefModel:
    """Pair weights, the lemma coreference rates, the two clustering cuts and the two mention thresholds.

    `mention_threshold` is the detector probability a token needs to be clustered at all, and
    `singleton_min` the one a mention left alone by the clustering needs to be kept: a word that
    corefers with others is an event mention on weaker evidence than one that stands alone (the
    mention score of Lee et al. 2017, used as a filter). Both are chosen with the cuts, on CoNLL F1.
    """

    weights: np.ndarray
    rates: dict[str, float]
    default_rate: float
    mention_cut: float
    document_cut: float
    mention_threshold: float | None = None  # None: the detector's own threshold
    singleton_min: float = 0.0


@lru_cache(maxsize=1)
def load_model() -> CorefModel:
    """The shipped weights, read once per process."""
    npz = require_weights(WEIGHTS)
    return CorefModel(
        weights=npz["w"].astype(np.float64),
        rates=from_json(npz["rates"]),
        default_rate=float(npz["default_rate"]),
        mention_cut=float(npz["mention_cut"]),
        document_cut=float(npz["document_cut"]),
        mention_threshold=float(npz["mention_threshold"]),
        singleton_min=float(npz["singleton_min"]),
    )


def pair_matrix(
    mentions: Sequence[CorefMention], doc_sim: dict[tuple[str, str], float], model: CorefModel
) -> np.ndarray:
    """P(same event) of every pair, as a symmetric matrix (1 on the diagonal)."""
    n = len(mentions)
    probs = np.eye(n)
    for i in range(n):
        rows = [
            pair_features(
                mentions[i],
                mentions[j],
                doc_sim[mentions[i].document, mentions[j].document],
                model.rates,
                model.default_rate,
            )
            for j in range(i + 1, n)
        ]
        if rows:
            p = 1.0 / (1.0 + np.exp(-(np.array(rows) @ model.weights)))
            probs[i, i + 1 :] = p
            probs[i + 1 :, i] = p
    return probs


def cluster_mentions(
    mentions: Sequence[CorefMention],
    doc_sim: dict[tuple[str, str], float],
    model: CorefModel | None = None,
    cut: float | None = None,
) -> list[frozenset[str]]:
    """Events of one document group: sets of mention ids.

    Args:
        mentions: the group's mentions.
        doc_sim: cosine similarity of every ordered pair of their documents (both orders, and (d, d)).
        model: the pair scorer; the shipped one by default.
        cut: the clustering cut on 1 - P(same); the model's by default.

    Returns:
        the events, every mention in exactly one.
    """
    model = model or load_model()
    if not mentions:
        return []
    labels = average_linkage(
        1.0 - pair_matrix(mentions, doc_sim, model), model.mention_cut if cut is None else cut
    )
    groups: dict[int, set[str]] = {}
    for m, label in zip(mentions, labels, strict=True):
        groups.setdefault(label, set()).add(m.id)
    return [frozenset(g) for g in groups.values()]



def prune_singletons(
    events: Sequence[frozenset[str]], scores: dict[str, float], minimum: float
) -> list[frozenset[str]]:
    """The events without the one-mention events whose detector probability is under `minimum`.

    Args:
        events: clusters of mention ids.
        scores: each mention's detector probability.
        minimum: what a mention that corefers with no other needs to stay a mention.
    """
    return [e for e in events if len(e) > 1 or scores[next(iter(e))] >= minimum]
