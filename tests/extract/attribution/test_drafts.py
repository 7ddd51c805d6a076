"""Drafts of attributions over hand-built parses: the walks up the tree end at a token heading itself."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from reportedly.extract.attribution.drafts import from_according


def test_drafts_according_stops_at_a_token_heading_itself() -> None:
    # "economy" heads itself under a label other than ROOT (a hand-built or re-labelled parse): the walk
    # from the credit up to its clause stops there. spaCy builds a new Token on each access, so an
    # identity test (`head.head is not head`) never stopped it and looped forever.
    words = ["The", "economy", ",", "according", "to", "Reuters", ",", "grew", "."]
    heads = [1, 1, 1, 1, 3, 4, 7, 7, 7]
    deps = ["det", "nsubj", "punct", "prep", "prep", "pobj", "punct", "ROOT", "punct"]
    pos = ["DET", "NOUN", "PUNCT", "VERB", "ADP", "PROPN", "PUNCT", "VERB", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert doc[1].head.i == 1 and doc[1].dep_ != "ROOT"
    draft = from_according(doc, 3, 5)
    assert draft is not None
    assert draft.extractor == "quotes.according.v1"
