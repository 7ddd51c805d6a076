"""General event mentions: every word that names an event, of any kind (ECB+'s ACTION markables).

The PLOVER extractor (events.py) codes political events only; cross-document event coreference on
ECB+ needs every event a story mentions: attacks and arrests, but also deaths, hirings, earthquakes,
product launches, awards, and the reporting verbs that ECB+ marks too. This detector is a logistic
regression over one token's features (its lemma, tags, dependency, head, children, neighbours,
suffixes, what kind of thing WordNet 3.0 says the word names, and how often the article repeats it),
learned on the ECB+ train topics by `scripts/train_event_mentions.py`; its weights ship as
`data/events/mentions.npz` (feature strings and weights, read with numpy).

A mention is one token, the head of the phrase ("was arrested" -> "arrested", "the 6.1 magnitude
earthquake" -> "earthquake"), with character offsets into the Doc's text. The detector is research
code used by `reportedly eval coref` and the training scripts, not a component of the analysis
pipeline (the ledger merges PLOVER events, whose types and arguments it needs).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc, Token

from reportedly.extract import wordnet
from reportedly.weights import feature_index, require_weights

WEIGHTS = "data/events/mentions.npz"
# Parts of speech that can name an event in ECB+ (verbs, event nouns, "dead", "guilty"); every other
# token is never a mention, which keeps the model small and its negatives informative.
CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX", "PROPN", "ADV", "NUM"})
# Suffixes of event nominals ("resignation", "appointment", "arrival", "shooting", "robbery").
EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "al", "ing", "ure", "ery", "age", "ship")
# WordNet's lexicographer classes of nouns that name something happening: acts, events, processes,
# natural phenomena ("arrest", "earthquake", "fire", "death"). A word unseen in train still says through
# its classes whether it can name an event, where its lemma feature says nothing.
EVENT_CLASSES = frozenset({"noun.act", "noun.event", "noun.process", "noun.phenomenon"})
# Repetitions of a lemma in its document counted apart (more count as this many).
REPEATS_CAP = 4
# Parts of speech looked up in WordNet (a proper noun as a noun: "the Oscars", "a Grammy").
_WORDNET_POS = {"NOUN": "n", "PROPN": "n", "VERB": "v", "AUX": "v", "ADJ": "a"}


@dataclass(frozen=True, slots=True)
class EventWord:
    """One event mention: `text[start:end] == self.text`; `lemma` is the token's lower-case lemma."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    score: float  # the model's probability that the token names an event


def lemma_counts(doc: Doc) -> Counter[str]:
    """How often each lemma occurs among a Doc's candidate tokens (`token_features`' `counts`)."""
    return Counter(t.lemma_.lower() for t in doc if is_candidate(t))


def token_features(tok: Token, counts: Counter[str] | None = None) -> list[str]:
    """The feature strings of one token (shared by training and detection).

    Args:
        tok: a token of a parsed Doc (tags, lemmas and the dependency parse are read).
        counts: `lemma_counts` of its Doc (counted here when not given; pass them for many tokens).

    Returns:
        feature strings, "name=value"; the model's vocabulary holds those seen in training.
    """
    lemma, head = tok.lemma_.lower(), tok.head
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    feats = [
        "bias",
        f"lemma={lemma}",
        f"lemma_pos={lemma}|{tok.pos_}",
        f"pos={tok.pos_}",
        f"tag={tok.tag_}",
        f"dep={tok.dep_}",
        f"dep_pos={tok.dep_}|{tok.pos_}",
        f"head={head.lemma_.lower()}",
        f"head_dep={head.lemma_.lower()}|{tok.dep_}",
        f"head_pos={head.pos_}|{tok.pos_}",
        f"ent={tok.ent_type_ or '-'}",
        f"suf3={tok.lower_[-3:]}",
        f"suf4={tok.lower_[-4:]}",
        f"prev={prev.lower_ if prev else '<s>'}",
        f"prev_pos={prev.pos_ if prev else '<s>'}",
        f"next={nxt.lower_ if nxt else '</s>'}",
        f"next_pos={nxt.pos_ if nxt else '</s>'}",
        f"title={tok.is_title and tok.i > tok.sent.start}",
    ]
    feats += [f"child={c.dep_}" for c in tok.children]
    feats += [f"child_lemma={c.dep_}|{c.lemma_.lower()}" for c in tok.children if c.dep_ in _ARG_DEPS]
    feats += [f"evsuf={s}" for s in EVENT_SUFFIXES if tok.lower_.endswith(s)]
    wn = wordnet_features(lemma, tok.pos_)
    feats += wn
    # The story's own event comes back: a word repeated through the article names what it is about
    # ("the Oscars", "the party", "the DUI"), with the repetition read beside its WordNet class.
    repeats = min((counts if counts is not None else lemma_counts(doc))[lemma], REPEATS_CAP)
    feats += [f"repeats={repeats}", f"repeats_pos={repeats}|{tok.pos_}"]
    feats += [f"repeats_{c}={repeats}" for c in wn if c.startswith("wn_first=")]
    feats += _role_features(tok, _first_class(wn))
    return feats


def _first_class(wn: tuple[str, ...]) -> str:
    """The lexicographer class of a word's first WordNet sense ("-" when WordNet has none)."""
    return next((f[9:] for f in wn if f.startswith("wn_first=")), "-")


def _role_features(tok: Token, first: str) -> list[str]:
    """What kind of word fills which role: the first sense's WordNet class with the token's dependency
    and with its head's class, and the determiner the noun takes with that class and with its tag.

    ECB+ marks a noun as an event by how the story uses it, not by the word: "the round" the fight is
    about and "a round of talks" share a lemma, "the record" broken and "a record" kept share a class.
    The role a class fills (a noun.act as the object of a verb.social, a noun.communication after a
    possessive) carries over to words train never saw, where a lemma feature says nothing.
    """
    head = tok.head
    dets = [c for c in tok.children if c.dep_ in ("det", "poss")]
    kind = "poss" if any(c.dep_ == "poss" for c in dets) else (dets[0].lower_ if dets else "none")
    head_first = _first_class(wordnet_features(head.lemma_.lower(), head.pos_))
    return [
        f"wn_dep={first}|{tok.dep_}",
        f"wn_head={first}|{tok.dep_}|{head_first}",
        f"det_wn={kind}|{first}",
        f"det_tag={kind}|{tok.tag_}",
    ]


@lru_cache(maxsize=65536)
def wordnet_features(lemma: str, pos: str) -> tuple[str, ...]:
    """What WordNet says of a word's kind: its senses' lexicographer classes (the first sense's apart),
    the share of its senses that are event classes, and for a verb the classes of the nouns derived
    from it ("arrest" -> "arrest" noun.act, "die" -> "death" noun.event). () for other parts of speech.
    """
    letter = _WORDNET_POS.get(pos)
    if letter is None:
        return ()
    senses = wordnet.synsets(lemma, letter)
    if not senses:
        return ("wn=unknown",)
    classes = [wordnet.lexname(s) for s in senses]
    feats = [f"wn_first={classes[0]}", *(f"wn_class={c}" for c in dict.fromkeys(classes))]
    share = sum(c in EVENT_CLASSES for c in classes) / len(classes)
    feats.append(f"wn_event_share={round(4 * share)}")
    if letter == "v":
        nouns = [w for w, p in wordnet.derivations(lemma, "v", senses=2) if p == "n"]
        derived = {wordnet.lexnames(w, "n", senses=1)[0] for w in nouns if wordnet.synsets(w, "n")}
        feats += [f"wn_derived={c}" for c in sorted(derived)]
        feats.append(f"wn_derived_event={bool(derived & EVENT_CLASSES)}")
    elif letter == "n":
        feats.append(f"wn_deverbal={any(p == 'v' for _w, p in wordnet.derivations(lemma, 'n', senses=2))}")
    return tuple(feats)


_ARG_DEPS = frozenset({"det", "poss", "nummod", "compound", "prep", "aux", "auxpass", "neg", "prt"})


@dataclass(frozen=True, slots=True)
class MentionModel:
    """The shipped detector: feature index, weights, bias and the decision threshold."""

    index: dict[str, int]
    weights: np.ndarray
    bias: float
    threshold: float

    def probability(self, feats: list[str]) -> float:
        """P(event) of one token's features."""
        rows = sorted({self.index[f] for f in feats if f in self.index})
        z = self.bias + (float(self.weights[rows].sum()) if rows else 0.0)
        return float(1.0 / (1.0 + np.exp(-z)))


@lru_cache(maxsize=1)
def load_model() -> MentionModel:
    """The shipped weights, read once per process."""
    npz = require_weights(WEIGHTS)
    return MentionModel(
        index=feature_index(npz["vocab"]),
        weights=npz["w"].astype(np.float32),
        bias=float(npz["b"]),
        threshold=float(npz["threshold"]),
    )


def is_candidate(tok: Token) -> bool:
    """Whether a token may be a mention at all (content part of speech, a word)."""
    return tok.pos_ in CANDIDATE_POS and any(c.isalpha() for c in tok.text)


def extract_event_mentions(
    doc: Doc, model: MentionModel | None = None, threshold: float | None = None
) -> tuple[EventWord, ...]:
    """Every token of a Doc that names an event, in text order.

    Args:
        doc: a parsed Doc (tagger, lemmatizer, parser and NER run).
        model: the detector; the shipped one by default.
        threshold: the probability a token must reach; the model's own (chosen on token F1) by default.
            Event coreference passes the one chosen on CoNLL F1 (eventcoref.CorefModel).

    Returns:
        one EventWord per token whose probability reaches the threshold.
    """
    model = model or load_model()
    threshold = model.threshold if threshold is None else threshold
    out = []
    counts = lemma_counts(doc)
    for tok in doc:
        if not is_candidate(tok):
            continue
        p = model.probability(token_features(tok, counts))
        if p >= threshold:
            out.append(EventWord(tok.idx, tok.idx + len(tok.text), tok.text, tok.lemma_.lower(), tok.pos_, p))
    return tuple(out)

