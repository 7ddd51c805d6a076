"""How a candidate verb is typed: the typer's top label, unless it finds the lexicon's type nearly as
likely (`LEXICON_RATIO`), PLV's YIELD standing for CONCEDE and RETREAT."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from reportedly.extract.events import extractor
from reportedly.extract.events.triggers import TriggerMatch

LABELS = ["ASSAULT", "ACCUSE", "YIELD", "CONSULT"]


@pytest.mark.parametrize(
    ("probs", "match", "kind"),
    [
        # the lexicon's type at LEXICON_RATIO of the top label's probability or more: the lexicon's stands
        ([0.5, 0.42, 0.04, 0.04], TriggerMatch("111", "ACCUSE", None, False), "ACCUSE"),
        # below it: the typer's top label (0.7 of it, where the ratio stood before 2026-12-08)
        ([0.5, 0.35, 0.1, 0.05], TriggerMatch("111", "ACCUSE", None, False), "ASSAULT"),
        # CONCEDE is read as PLV's YIELD, and kept as the lexicon's own type
        ([0.4, 0.05, 0.5, 0.05], TriggerMatch("081", "CONCEDE", None, False), "CONCEDE"),
        # the typer's YIELD split by the lexicon's CAMEO code: no 08 code, RETREAT by default
        ([0.1, 0.05, 0.8, 0.05], TriggerMatch("190", "ASSAULT", None, False), "RETREAT"),
        # a lexicon type the typer has no label for: the typer's top label
        ([0.1, 0.1, 0.1, 0.7], TriggerMatch("140", "PROTEST", None, False), "CONSULT"),
    ],
)
def test_events_typed_by_ratio(monkeypatch: pytest.MonkeyPatch, probs: list[float], match: TriggerMatch,
                               kind: str) -> None:
    assert extractor.LEXICON_RATIO == 0.8
    monkeypatch.setattr(extractor, "features", lambda verb: [])
    monkeypatch.setattr(extractor, "score", lambda feats: np.asarray(probs))
    monkeypatch.setattr(extractor, "load_typer", lambda: ({}, None, None, LABELS))
    verb: Any = object()
    assert extractor._typed(verb, match) == kind


RELATION_LABELS = ["AGREE", "SUPPORT", "YIELD", "REQUEST"]


def _agreed(governs: bool) -> Any:
    """'Maduro agreed not to threaten Guyana .', by hand; without the infinitive, 'Maduro agreed .'."""
    import spacy
    from spacy.tokens import Doc

    if not governs:
        words, heads, deps = ["Maduro", "agreed", "."], [1, 1, 1], ["nsubj", "ROOT", "punct"]
        return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)[1]
    words = ["Maduro", "agreed", "not", "to", "threaten", "Guyana", "."]
    heads = [1, 1, 4, 4, 1, 4, 1]
    deps = ["nsubj", "ROOT", "neg", "aux", "xcomp", "dobj", "punct"]
    pos = ["PROPN", "VERB", "PART", "PART", "VERB", "PROPN", "PUNCT"]
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)[1]


@pytest.mark.parametrize(
    ("probs", "match", "governs", "kind"),
    [
        # the typer's relation over the verb's bare default when the verb governs an infinitive act, however
        # near the default comes (AGREE's 050 at 0.9 of AGREE: the ratio alone would keep SUPPORT)
        ([0.3, 0.27, 0.23, 0.2], TriggerMatch("050", "SUPPORT", None, False), True, "AGREE"),
        # the same scores with no infinitive: the ratio decides
        ([0.3, 0.27, 0.23, 0.2], TriggerMatch("050", "SUPPORT", None, False), False, "SUPPORT"),
        # a pattern that matched (not a bare default) keeps the ratio's say
        ([0.3, 0.27, 0.23, 0.2], TriggerMatch("057", "SUPPORT", None, True), True, "SUPPORT"),
        # an appeal pattern (CALL ON [020]) stands over the act it asks for, however unlikely to the typer
        ([0.1, 0.1, 0.7, 0.1], TriggerMatch("020", "REQUEST", None, True), True, "REQUEST"),
        # not on a verb that asks for no act (a pattern's word read in a later phrase: "opened an
        # investigation into donations to the Senate campaign" is no LAUNCH * CAMPAIGN appeal)
        ([0.1, 0.1, 0.7, 0.1], TriggerMatch("020", "REQUEST", None, True), False, "RETREAT"),
        # a bare appeal default has no such precedence: the typer's YIELD, as RETREAT
        ([0.1, 0.1, 0.7, 0.1], TriggerMatch("020", "REQUEST", None, False), True, "RETREAT"),
    ],
)
def test_events_typed_relations(monkeypatch: pytest.MonkeyPatch, probs: list[float], match: TriggerMatch,
                                governs: bool, kind: str) -> None:
    monkeypatch.setattr(extractor, "features", lambda verb: [])
    monkeypatch.setattr(extractor, "score", lambda feats: np.asarray(probs))
    monkeypatch.setattr(extractor, "load_typer", lambda: ({}, None, None, RELATION_LABELS))
    assert extractor._typed(_agreed(governs), match) == kind


@pytest.mark.parametrize(
    ("kind", "cameo", "refusal"),
    [
        # the typer's REJECT against the lexicon ("will not end the war"): the refusal, the act its content
        ("REJECT", "12", True),
        # a cooperative act told as not to come: refused (CAMEO 12), as before
        ("RETREAT", "0871", True),
        # the lexicon's own rejection told as not to come ("will not reject the offer") keeps its negation
        ("REJECT", "120", False),
    ],
)
def test_events_refusals_of_acts_to_come(kind: str, cameo: str, refusal: bool) -> None:
    """'Israel will not end the war': `_recode` reads a refusal, whose negation is no negation of the refusal
    (the status would say that it did not happen). A hand-built parse: the rule, not the typer."""
    import spacy
    from spacy.tokens import Doc

    from reportedly.extract.events.drafts import Draft

    words = ["Israel", "will", "not", "end", "the", "war", "."]
    heads, deps = [3, 3, 3, 3, 5, 3, 3], ["nsubj", "aux", "neg", "ROOT", "det", "dobj", "punct"]
    tags = ["NNP", "MD", "RB", "VB", "DT", "NN", "."]
    pos = ["PROPN", "AUX", "PART", "VERB", "DET", "NOUN", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)
    draft = Draft(doc[3], kind, cameo, None, ["e1"], [], None, None, None, {"offered", "negated"}, [doc[3]])
    out = extractor._recode(draft)
    assert out.type == "REJECT"
    assert out.cameo == (extractor.REJECT_CODE if refusal else cameo)
    assert (out.content is not None) == refusal
    assert ("negated" in out.cues) != refusal


@pytest.mark.parametrize(("to_head", "kind"), [(1, "REQUEST"), (4, "RETREAT")])
def test_events_typed_appeal_asks_for_a_hyphenated_act(monkeypatch: pytest.MonkeyPatch, to_head: int,
                                                       kind: str) -> None:
    """'The UN called on both sides to de-escalate', the hyphenated verb split into nouns under a "to"
    preposition: the verb's own "to" phrase is the act it asks for (`_asks_for_act`), so the appeal stands
    over the typer's YIELD; a "to" phrase of its object ("both sides to de-escalate" read as one noun
    phrase) asks for nothing, and the typer's YIELD stands (as RETREAT)."""
    import spacy
    from spacy.tokens import Doc

    words = ["UN", "called", "on", "both", "sides", "to", "de", "-", "escalate", "."]
    heads = [1, 1, 1, 4, 2, to_head, 5, 6, 6, 1]
    deps = ["nsubj", "ROOT", "prep", "det", "pobj", "prep", "pobj", "punct", "appos", "punct"]
    pos = ["PROPN", "VERB", "ADP", "DET", "NOUN", "ADP", "NOUN", "PUNCT", "NOUN", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    monkeypatch.setattr(extractor, "features", lambda verb: [])
    monkeypatch.setattr(extractor, "score", lambda feats: np.asarray([0.1, 0.1, 0.7, 0.1]))
    monkeypatch.setattr(extractor, "load_typer", lambda: ({}, None, None, RELATION_LABELS))
    assert extractor._typed(doc[1], TriggerMatch("020", "REQUEST", None, True)) == kind
