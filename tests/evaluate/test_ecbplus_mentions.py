"""The general event-mention detector: events of any kind found as single tokens with exact offsets."""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.evaluate.ecbplus.mentions import extract_event_mentions, load_model, token_features


@pytest.mark.parametrize(
    "text,events,not_events",
    [
        (
            "A 6.1 magnitude earthquake struck the island on Tuesday, killing two people.",
            {"earthquake", "struck", "killing"},
            {"island", "Tuesday", "people"},
        ),
        (
            "Police arrested the suspect after the shooting at the mall.",
            {"arrested", "shooting"},
            {"Police", "suspect", "mall"},
        ),
        (
            "Apple unveiled the new laptop, and the company hired a new chief executive.",
            {"unveiled", "hired"},
            {"laptop", "company"},
        ),
    ],
)
def test_event_mentions_finds_events_of_any_kind(
    nlp: Any, text: str, events: set[str], not_events: set[str]
) -> None:
    found = extract_event_mentions(nlp(text))
    words = {m.text for m in found}
    assert events <= words
    assert not words & not_events
    for m in found:
        assert text[m.start : m.end] == m.text and 0.0 <= m.score <= 1.0


def test_event_mentions_features_cover_the_token(nlp: Any) -> None:
    doc = nlp("The earthquake killed two people.")
    feats = token_features(doc[1])
    assert "lemma=earthquake" in feats and "bias" in feats
    assert any(f in load_model().index for f in feats)


def test_event_mentions_empty_doc(nlp: Any) -> None:
    assert extract_event_mentions(nlp("")) == ()


@pytest.mark.parametrize("threshold", [0.0, 0.5, 0.9])
def test_event_mentions_threshold_override(nlp: Any, threshold: float) -> None:
    doc = nlp("Police arrested the suspect after the shooting at the mall on Friday.")
    everything = extract_event_mentions(doc, threshold=0.0)
    found = extract_event_mentions(doc, threshold=threshold)
    assert found == tuple(m for m in everything if m.score >= threshold)
    assert len(everything) > len(extract_event_mentions(doc))  # the model's own threshold is above 0


@pytest.mark.parametrize(
    ("lemma", "pos", "present", "absent"),
    [
        ("earthquake", "NOUN", {"wn_first=noun.event", "wn_class=noun.event"}, {"wn=unknown"}),
        ("arrest", "VERB", {"wn_derived_event=True", "wn_derived=noun.act"}, {"wn_derived_event=False"}),
        ("laptop", "NOUN", {"wn_first=noun.artifact", "wn_event_share=0"}, {"wn_class=noun.act"}),
        ("qwzxv", "NOUN", {"wn=unknown"}, set()),
    ],
)
def test_event_mentions_wordnet_features(lemma: str, pos: str, present: set[str], absent: set[str]) -> None:
    from reportedly.evaluate.ecbplus.mentions import wordnet_features

    feats = set(wordnet_features(lemma, pos))
    assert present <= feats
    assert not feats & absent


def test_event_mentions_wordnet_features_skip_other_parts_of_speech() -> None:
    from reportedly.evaluate.ecbplus.mentions import wordnet_features

    assert wordnet_features("the", "DET") == ()


def test_event_mentions_repeats_count_the_documents_lemma(nlp: Any) -> None:
    from reportedly.evaluate.ecbplus.mentions import lemma_counts

    doc = nlp("The party began late. Guests left the party early, and the party ended.")
    party = next(t for t in doc if t.lower_ == "party")
    guests = next(t for t in doc if t.lower_ == "guests")
    assert "repeats=3" in token_features(party)
    assert "repeats=1" in token_features(guests)
    assert token_features(party, lemma_counts(doc)) == token_features(party)


def _hand_doc() -> Any:
    """'His arrest followed a round of talks', parsed by hand (no statistical model)."""
    import spacy
    from spacy.tokens import Doc

    return Doc(
        spacy.blank("en").vocab,
        words=["His", "arrest", "followed", "a", "round", "of", "talks"],
        heads=[1, 2, 2, 4, 2, 4, 5],
        deps=["poss", "nsubj", "ROOT", "det", "dobj", "prep", "pobj"],
        pos=["PRON", "NOUN", "VERB", "DET", "NOUN", "ADP", "NOUN"],
        tags=["PRP$", "NN", "VBD", "DT", "NN", "IN", "NNS"],
        lemmas=["his", "arrest", "follow", "a", "round", "of", "talk"],
    )


@pytest.mark.parametrize(
    ("i", "present", "absent"),
    [
        # a possessive on an act: the determiner's kind beside the class and the tag
        (1, {"det_wn=poss|noun.act", "det_tag=poss|NN", "wn_dep=noun.act|nsubj"}, {"det_tag=none|NN"}),
        # the indefinite article; the class (WordNet's first "round" is ammunition) as the object of
        # the verb, with the verb's class beside it
        (
            4,
            {"det_tag=a|NN", "wn_dep=noun.artifact|dobj", "wn_head=noun.artifact|dobj|verb.motion"},
            {"det_tag=poss|NN"},
        ),
        # no determiner; a preposition's object has a head WordNet does not class ("-")
        (6, {"det_tag=none|NNS", "wn_head=noun.communication|pobj|-"}, {"det_tag=a|NNS"}),
    ],
)
def test_event_mentions_role_features(i: int, present: set[str], absent: set[str]) -> None:
    feats = set(token_features(_hand_doc()[i]))
    assert present <= feats
    assert not feats & absent
