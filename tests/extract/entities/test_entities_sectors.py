"""Sectors of organizations by name and by what the text makes them do (entities/sectors.py)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from reportedly.extract.entities.sectors import acts_as_media, name_agent

NLP = spacy.blank("en")


@pytest.mark.parametrize(
    ("name", "agent"),
    [
        ("Exxon Mobil Corp", "~BUS"),  # a legal form: the dictionary's CORPORATION
        ("Wells Fargo & Co.", "~BUS"),
        ("Acme Ltd", "~BUS"),
        ("Springfield Gazette", "~MED"),  # the head noun's WordNet hypernym: newspaper
        ("Hofstra", None),  # WordNet lacks it
        ("Trans-Pacific Partnership", None),  # an agreement: business only by a legal form
        ("Alliance to Reclaim Our Schools", None),  # its head is the alliance, not the schools
        ("Wells Fargo", None),  # nothing in the name says
    ],
)
def test_entities_sectors_by_name(name: str, agent: str | None) -> None:
    assert name_agent(name) == agent


# (word, head, dep, pos, lemma); the organization is the first two words
REPORTED_THAT = [("ABC", 1, "compound", "PROPN", "ABC"), ("News", 2, "nsubj", "PROPN", "News"),
                 ("reported", 2, "ROOT", "VERB", "report"), ("that", 5, "mark", "SCONJ", "that"),
                 ("talks", 5, "nsubj", "NOUN", "talk"), ("failed", 2, "ccomp", "VERB", "fail")]
REPORTED_EARNINGS = [("Nordvik", 1, "compound", "PROPN", "Nordvik"),
                     ("Shipping", 2, "nsubj", "PROPN", "Shipping"),
                     ("reported", 2, "ROOT", "VERB", "report"), ("earnings", 2, "dobj", "NOUN", "earning")]
TOLD = [("Trump", 1, "nsubj", "PROPN", "Trump"), ("told", 1, "ROOT", "VERB", "tell"),
        ("ABC", 3, "compound", "PROPN", "ABC"), ("News", 1, "dobj", "PROPN", "News")]
SAID = [("ABC", 1, "compound", "PROPN", "ABC"), ("News", 2, "nsubj", "PROPN", "News"),
        ("said", 2, "ROOT", "VERB", "say")]


@pytest.mark.parametrize(
    ("spec", "span", "media"),
    [
        (REPORTED_THAT, (0, 2), True),  # reports a content clause
        (TOLD, (2, 4), True),  # the one a person tells something
        (REPORTED_EARNINGS, (0, 2), False),  # a company reports a thing
        (SAID, (0, 2), False),  # any body says things
    ],
)
def test_entities_sectors_media_by_activity(spec: list[tuple[str, int, str, str, str]], span: tuple[int, int],
                                            media: bool) -> None:
    words, heads, deps, pos, lemmas = (list(x) for x in zip(*spec, strict=True))
    doc = Doc(NLP.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    assert acts_as_media(doc, [span]) is media
