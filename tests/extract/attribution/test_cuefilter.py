"""The learned cue filter, the learned content end and the PolNeAR cue conventions, on hand-built Docs."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

from reportedly.extract.attribution import contentend, cuefilter
from reportedly.extract.attribution.drafts import Draft
from reportedly.extract.attribution.speakers import Found
from reportedly.extract.cues import cue_bounds

# (word, head index, dep, POS, tag, lemma) rows of hand-parsed sentences.
SAID = [
    ("Smith", 1, "nsubj", "PROPN", "NNP", "Smith"),
    ("said", 1, "ROOT", "VERB", "VBD", "say"),
    ("Friday", 1, "npadvmod", "PROPN", "NNP", "Friday"),
    ("that", 6, "mark", "SCONJ", "IN", "that"),
    ("taxes", 6, "nsubj", "NOUN", "NNS", "tax"),
    ("would", 6, "aux", "AUX", "MD", "would"),
    ("rise", 1, "ccomp", "VERB", "VB", "rise"),
    (",", 6, "punct", "PUNCT", ",", ","),
    ("which", 9, "nsubj", "PRON", "WDT", "which"),
    ("hurts", 6, "advcl", "VERB", "VBZ", "hurt"),
    ("voters", 9, "dobj", "NOUN", "NNS", "voter"),
    (".", 1, "punct", "PUNCT", ".", "."),
]
WENT_ON = [
    ("She", 1, "nsubj", "PRON", "PRP", "she"),
    ("went", 1, "ROOT", "VERB", "VBD", "go"),
    ("on", 1, "prt", "ADP", "RP", "on"),
    ("to", 4, "aux", "PART", "TO", "to"),
    ("explain", 1, "xcomp", "VERB", "VB", "explain"),
    ("it", 4, "dobj", "PRON", "PRP", "it"),
    (".", 1, "punct", "PUNCT", ".", "."),
]
RUSHED = [
    ("The", 1, "det", "DET", "DT", "the"),
    ("mayor", 2, "nsubj", "NOUN", "NN", "mayor"),
    ("rushed", 2, "ROOT", "VERB", "VBD", "rush"),
    ("to", 4, "aux", "PART", "TO", "to"),
    ("criticize", 2, "xcomp", "VERB", "VB", "criticize"),
    ("it", 4, "dobj", "PRON", "PRP", "it"),
    (".", 2, "punct", "PUNCT", ".", "."),
]
POINTED = [
    ("He", 1, "nsubj", "PRON", "PRP", "he"),
    ("pointed", 1, "ROOT", "VERB", "VBD", "point"),
    ("out", 1, "prt", "ADP", "RP", "out"),
    ("flaws", 1, "dobj", "NOUN", "NNS", "flaw"),
    (".", 1, "punct", "PUNCT", ".", "."),
]


def _doc(rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    words, heads, deps, pos, tags, lemmas = (list(col) for col in zip(*rows, strict=True))
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    if rows is SAID:
        doc.ents = [doc.char_span(doc[2].idx, doc[2].idx + 6, label="DATE")]  # type: ignore[list-item]
    return doc


@pytest.mark.parametrize(
    ("rows", "verb", "cue"),
    [
        (SAID, 1, "said Friday"),  # a time right after the verb is part of the cue
        (WENT_ON, 4, "went on to explain"),  # the governing verb and its infinitive: one cue
        (POINTED, 1, "pointed out"),  # a particle
        (RUSHED, 4, "rushed to criticize"),  # a cue infinitive under a verb that is no cue
    ],
)
def test_cuefilter_cue_bounds_polnear_conventions(rows: Any, verb: int, cue: str) -> None:
    doc = _doc(rows)
    start, end = cue_bounds(doc[verb])
    assert doc[start:end].text == cue


def _draft(doc: Doc, verb: int, content: tuple[int, int], how: str) -> Draft:
    span = doc[content[0] : content[1]]
    return Draft(
        (doc[verb].idx, doc[verb].idx + len(doc[verb])),
        verb,
        Found(0, 1, 0),
        (span.start_char, span.end_char),
        False,
        "quotes.indirect.v1",
        how=how,
    )


def _model(weights: dict[str, float], bias: float, add: float, drop: float) -> cuefilter.Model:
    vocab = sorted(weights)
    index = {f: i for i, f in enumerate(vocab)}
    return index, np.array([weights[f] for f in vocab]), bias, add, drop, frozenset({"hurt"})


@pytest.mark.parametrize(
    ("weights", "rules_only", "kept"),
    [
        ({}, False, ["say"]),  # p = 0.5: a rule draft stays (drop 0.1), the other is not added (add 0.6)
        ({"L=hurt": 3.0}, False, ["say", "hurt"]),  # the model adds a verb outside the lexicon
        ({"L=hurt": 3.0, "H=open_object": 0.0}, False, ["say"]),  # but never with an object for content
        ({"L=say": -5.0}, False, []),  # and drops a rule draft it finds unlikely
        ({"L=say": -5.0}, True, ["say"]),  # unless the rules alone decide on it (a relayed claim)
    ],
)
def test_cuefilter_keep_likely_thresholds(
    monkeypatch: pytest.MonkeyPatch, weights: dict[str, float], rules_only: bool, kept: list[str]
) -> None:
    doc = _doc(SAID)
    said = _draft(doc, 1, (4, 11), "clause")
    hurts = _draft(doc, 9, (10, 11), "open_object" if "H=open_object" in weights else "clause")
    monkeypatch.setattr(cuefilter, "load_filter", lambda: _model(weights, 0.0, 0.6, 0.1))
    got = cuefilter.keep_likely(doc, [said, hurts], {id(said)} if rules_only else set())
    assert [doc[d.verb].lemma_ for d in got if d.verb is not None] == kept


def test_cuefilter_without_weights_rules_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _doc(SAID)
    drafts = [_draft(doc, 1, (4, 11), "clause"), _draft(doc, 9, (10, 11), "open_object")]
    monkeypatch.setattr(cuefilter, "load_filter", lambda: None)
    assert [d.verb for d in cuefilter.keep_likely(doc, drafts)] == [1]


def test_cuefilter_shipped_weights_are_small_and_sane() -> None:
    model = cuefilter.load_filter()
    assert model is not None
    index, weights, _, add, drop, lemmas = model
    assert len(index) == len(weights) > 1000
    assert 0 < drop < add < 1
    assert lemmas and not lemmas & {"say", "tell"}  # candidates are verbs outside the lexicon
    # The shipped filter keeps a speech verb with a clause and adds no ordinary verb with an object.
    doc = _doc(SAID)
    said = _draft(doc, 1, (4, 11), "clause")
    hurts = _draft(doc, 9, (10, 11), "open_object")
    assert cuefilter.probability(cuefilter.features(doc, said), model) > add
    assert cuefilter.keep_likely(doc, [said, hurts]) == [said]


def test_contentend_candidates_and_choice() -> None:
    cols = contentend.Columns.of(_doc(SAID))
    lo, hi = 4, 11  # "taxes would rise, which hurts voters"
    ends = contentend.candidates(cols, lo, hi)
    assert {7, 11} <= set(ends) and all(lo < e <= 11 for e in ends)
    cut = {"REL=cut": 2.0}
    vocab = sorted(cut)
    model = ({f: i for i, f in enumerate(vocab)}, np.array([cut[f] for f in vocab]), 0.0)
    assert contentend.best_end(cols, lo, hi, "clause", model) < hi
    # ties keep the parse's end
    assert contentend.best_end(cols, lo, hi, "clause", ({}, np.zeros(0), 0.0)) == hi


# "..., as per the outlet": the parse's content stops at "closed"; the sentence runs on.
AS_PER = [
    ("He", 1, "nsubj", "PRON", "PRP", "he"),
    ("said", 1, "ROOT", "VERB", "VBD", "say"),
    ("the", 3, "det", "DET", "DT", "the"),
    ("border", 5, "nsubj", "NOUN", "NN", "border"),
    ("would", 5, "aux", "AUX", "MD", "would"),
    ("close", 1, "ccomp", "VERB", "VB", "close"),
    (",", 1, "punct", "PUNCT", ",", ","),
    ("as", 1, "prep", "ADP", "IN", "as"),
    ("per", 7, "pcomp", "ADP", "IN", "per"),
    ("the", 10, "det", "DET", "DT", "the"),
    ("outlet", 8, "pobj", "NOUN", "NN", "outlet"),
    (".", 1, "punct", "PUNCT", ".", "."),
]


@pytest.mark.parametrize(("first", "second"), [("as", "per"), ("according", "to"), ("as", "well")])
def test_contentend_never_extends_over_a_crediting_tail(first: str, second: str) -> None:
    rows = [r if i not in (7, 8) else ((first, second)[i - 7], *r[1:]) for i, r in enumerate(AS_PER)]
    cols = contentend.Columns.of(_doc(rows))
    lo, hi = 2, 6  # "the border would close"
    credits = (first, second) in contentend.CREDIT_TAILS
    assert max(contentend.candidates(cols, lo, hi)) == (6 if credits else 11)
    # a model that always extends a content still stops before "as per the outlet"
    model = ({"REL=extend": 0}, np.array([5.0]), 0.0)
    end = contentend.best_end(cols, lo, hi, "clause", model)
    assert end == 6 if credits else end > 6


def test_contentend_weight_map_reads_each_model_apart() -> None:
    """The scorers read a model's weights as a dict made once per model: the same floats as the array,
    and a second model (new index and weights) never reads the first one's map."""
    first = ({"A": 0, "B": 1}, np.array([0.5, -2.0]))
    second = ({"A": 1, "B": 0}, np.array([3.0, 0.25]))
    assert contentend.weight_map(*first) == {"A": 0.5, "B": -2.0}
    assert contentend.weight_map(*second) == {"A": 0.25, "B": 3.0}
    assert contentend.weight_map(*first) is contentend.weight_map(*first)  # made once
