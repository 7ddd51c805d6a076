"""General event coreference: the pair scorer and the two clusterings on hand-built mentions."""

from __future__ import annotations

import numpy as np
import pytest

from reportedly.evaluate.ecbplus.eventcoref import (
    FEATURES,
    CorefMention,
    _common_prefix,
    average_linkage,
    cluster_documents,
    cluster_mentions,
    load_model,
    pair_features,
    prune_singletons,
)

F = frozenset


def mention(
    mid: str, doc: str, lemma: str, args: str = "", places: str = "", context: str = "quake island struck"
) -> CorefMention:
    return CorefMention(
        id=mid,
        document=doc,
        lemma=lemma,
        pos="VERB",
        sentence=0,
        context=F(context.split()),
        args=F(args.split()),
        times=F(),
        places=F(places.split()),
    )


SIM = {(a, b): (1.0 if a == b else 0.9) for a in "xyz" for b in "xyz"}


def test_eventcoref_same_event_across_documents_merges() -> None:
    ms = [mention("a", "x", "strike", "quake", "java"), mention("b", "y", "strike", "quake", "java")]
    assert cluster_mentions(ms, SIM) == [F({"a", "b"})]


# A different word in a similar story; the same word in a dissimilar story (another strike).
LOW = {(a, b): (1.0 if a == b else 0.1) for a in "xyz" for b in "xyz"}


@pytest.mark.parametrize(
    "other,sim",
    [
        (mention("b", "y", "resign", "ceo"), SIM),
        (mention("b", "y", "strike", "union", "paris", "workers walked out wages"), LOW),
    ],
)
def test_eventcoref_different_events_stay_apart(
    other: CorefMention, sim: dict[tuple[str, str], float]
) -> None:
    ms = [mention("a", "x", "strike", "quake", "java"), other]
    assert sorted(cluster_mentions(ms, sim), key=min) == [F({"a"}), F({"b"})]


def test_eventcoref_pair_features_are_symmetric() -> None:
    model = load_model()
    a, b = mention("a", "x", "kill", "gunman"), mention("b", "y", "killing", "gunman mall")
    assert pair_features(a, b, 0.5, model.rates, model.default_rate) == pair_features(
        b, a, 0.5, model.rates, model.default_rate
    )


def test_eventcoref_document_groups_follow_content() -> None:
    vectors = np.array([[1.0, 0.0], [0.99, 0.14], [0.0, 1.0]])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = cluster_documents(vectors, 0.5)
    assert labels[0] == labels[1] != labels[2]


@pytest.mark.parametrize("n", [0, 1])
def test_eventcoref_average_linkage_small_inputs(n: int) -> None:
    assert average_linkage(np.zeros((n, n)), 0.5) == [0] * n


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("nominate", "nominee", 5 / 7),  # a derivation the lemmatizer leaves apart
        ("charge", "charged", 1.0),
        ("drive", "driving", 0.8),
        ("resign", "return", 0.0),  # "re" is under MIN_PREFIX letters
        ("arrest", "kill", 0.0),
    ],
)
def test_eventcoref_common_prefix(a: str, b: str, expected: float) -> None:
    assert _common_prefix(a, b) == pytest.approx(expected)
    assert _common_prefix(b, a) == pytest.approx(expected)


def test_eventcoref_common_prefix_is_zero_for_the_same_lemma() -> None:
    model = load_model()
    a, b = mention("a", "x", "strike"), mention("b", "y", "strike")
    feats = dict(zip(FEATURES, pair_features(a, b, 0.5, model.rates, model.default_rate), strict=True))
    assert feats["same_lemma"] == 1.0 and feats["common_prefix"] == 0.0


@pytest.mark.parametrize(
    ("minimum", "kept"),
    [
        (0.0, [F({"a", "b"}), F({"c"}), F({"d"})]),
        (0.5, [F({"a", "b"}), F({"d"})]),  # a weak mention alone goes; a weak one in an event stays
        (0.95, [F({"a", "b"})]),
    ],
)
def test_eventcoref_prune_singletons(minimum: float, kept: list[frozenset[str]]) -> None:
    scores = {"a": 0.3, "b": 0.9, "c": 0.4, "d": 0.9}
    assert prune_singletons([F({"a", "b"}), F({"c"}), F({"d"})], scores, minimum) == kept


@pytest.mark.parametrize(
    ("a", "pos_a", "b", "pos_b", "synonym", "derived", "least", "most"),
    [
        ("arrest", "VERB", "apprehend", "VERB", 1.0, 0.0, 1.0, 1.0),  # one synset
        ("die", "VERB", "death", "NOUN", 0.0, 1.0, 1.0, 1.0),  # a verb and the noun derived from it
        ("arrest", "VERB", "capture", "NOUN", 0.0, 0.0, 0.8, 1.0),  # through "arrest" the noun
        ("earthquake", "NOUN", "laptop", "NOUN", 0.0, 0.0, 0.0, 0.5),
        ("qwzxv", "NOUN", "earthquake", "NOUN", 0.0, 0.0, 0.0, 0.0),  # WordNet lacks one word
        ("dead", "ADJ", "death", "NOUN", 0.0, 0.0, 0.0, 0.0),  # adjectives are not compared
    ],
)
def test_eventcoref_word_relation(  # type: ignore[no-untyped-def]
    a, pos_a, b, pos_b, synonym, derived, least, most
) -> None:
    from reportedly.evaluate.ecbplus.eventcoref import word_relation

    got = word_relation(a, pos_a, b, pos_b)
    assert got[:2] == (synonym, derived)
    assert least <= got[2] <= most
    assert got == word_relation(b, pos_b, a, pos_a)


def test_eventcoref_story_entities_tell_two_stories_apart() -> None:
    model = load_model()
    a = CorefMention("a", "x", "rehab", "NOUN", 0, F(), F(), F(), F(), story=F({"tara reid", "malibu"}))
    b = CorefMention("b", "y", "rehab", "NOUN", 0, F(), F(), F(), F(), story=F({"tara reid", "2008"}))
    c = CorefMention("c", "z", "rehab", "NOUN", 0, F(), F(), F(), F(), story=F({"lindsay lohan", "2013"}))
    same = dict(zip(FEATURES, pair_features(a, b, 0.5, model.rates, model.default_rate), strict=True))
    other = dict(zip(FEATURES, pair_features(a, c, 0.5, model.rates, model.default_rate), strict=True))
    assert same["story"] == same["same_lemma_x_story"] == pytest.approx(1 / 3)
    assert other["story"] == other["same_lemma_x_story"] == 0.0
