"""Places the parser mistyped (entities/placenames.py), on hand-built Docs: retyped GPE with their country
where the place reading is supported and no person evidence stands against it."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

import reportedly.nlp.rules  # noqa: F401  (registers doc._.rp_gazetteer_files)
from reportedly.extract.entities import extract_entities
from reportedly.model import DocContext

NLP = spacy.blank("en")
# (word, head index, dep, pos, lemma, IOB entity)
Spec = list[tuple[str, int, str, str, str, str]]

# "The convoy reached the town of Djibo in Burkina Faso ." with Djibo tagged ORG
DJIBO: Spec = [
    ("The", 1, "det", "DET", "the", "O"), ("convoy", 2, "nsubj", "NOUN", "convoy", "O"),
    ("reached", 2, "ROOT", "VERB", "reach", "O"), ("the", 4, "det", "DET", "the", "O"),
    ("town", 2, "dobj", "NOUN", "town", "O"), ("of", 4, "prep", "ADP", "of", "O"),
    ("Djibo", 5, "pobj", "PROPN", "Djibo", "B-ORG"), ("in", 2, "prep", "ADP", "in", "O"),
    ("Burkina", 9, "compound", "PROPN", "Burkina", "B-GPE"), ("Faso", 7, "pobj", "PROPN", "Faso", "I-GPE"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "Djibo said talks with Burkina Faso ." with Djibo tagged PERSON: a speaker
DJIBO_SAID: Spec = [
    ("Djibo", 1, "nsubj", "PROPN", "Djibo", "B-PERSON"), ("said", 1, "ROOT", "VERB", "say", "O"),
    ("talks", 1, "dobj", "NOUN", "talk", "O"), ("with", 2, "prep", "ADP", "with", "O"),
    ("Burkina", 5, "compound", "PROPN", "Burkina", "B-GPE"), ("Faso", 3, "pobj", "PROPN", "Faso", "I-GPE"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]
# "Mr. Djibo met Burkina Faso 's president ." : a courtesy title
MR_DJIBO: Spec = [
    ("Mr.", 1, "compound", "PROPN", "Mr.", "O"), ("Djibo", 2, "nsubj", "PROPN", "Djibo", "B-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"), ("Burkina", 4, "compound", "PROPN", "Burkina", "B-GPE"),
    ("Faso", 6, "poss", "PROPN", "Faso", "I-GPE"), ("'s", 4, "case", "PART", "'s", "O"),
    ("president", 2, "dobj", "NOUN", "president", "O"), (".", 2, "punct", "PUNCT", ".", "O"),
]
# "Djibo won ." : a town's name with nothing supporting the place reading (no country, no preposition)
DJIBO_BARE: Spec = [
    ("Djibo", 1, "nsubj", "PROPN", "Djibo", "B-ORG"), ("won", 1, "ROOT", "VERB", "win", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]
# "Raleigh led the United States ." : a US city's name as a person's (Walter Raleigh), in a US story
RALEIGH: Spec = [
    ("Raleigh", 1, "nsubj", "PROPN", "Raleigh", "B-PERSON"), ("led", 1, "ROOT", "VERB", "lead", "O"),
    ("the", 4, "det", "DET", "the", "O"), ("United", 4, "compound", "PROPN", "United", "B-GPE"),
    ("States", 1, "dobj", "PROPN", "States", "I-GPE"), (".", 1, "punct", "PUNCT", ".", "O"),
]
# "Jets struck Kyauk Kan village in Myanmar ." with Kyauk Kan tagged PERSON: no gazetteer entry, the
# place noun after it and the one country of the article
KYAUK_KAN: Spec = [
    ("Jets", 1, "nsubj", "NOUN", "jet", "O"), ("struck", 1, "ROOT", "VERB", "strike", "O"),
    ("Kyauk", 3, "compound", "PROPN", "Kyauk", "B-PERSON"),
    ("Kan", 4, "compound", "PROPN", "Kan", "I-PERSON"),
    ("village", 1, "dobj", "NOUN", "village", "O"), ("in", 1, "prep", "ADP", "in", "O"),
    ("Myanmar", 5, "pobj", "PROPN", "Myanmar", "B-GPE"), (".", 1, "punct", "PUNCT", ".", "O"),
]
# "Djibo and Burkina Faso met ." with Djibo tagged ORG: a place's conjunct, nothing of a person
DJIBO_AND_FASO: Spec = [
    ("Djibo", 4, "nsubj", "PROPN", "Djibo", "B-ORG"), ("and", 0, "cc", "CCONJ", "and", "O"),
    ("Burkina", 3, "compound", "PROPN", "Burkina", "B-GPE"), ("Faso", 0, "conj", "PROPN", "Faso", "I-GPE"),
    ("met", 4, "ROOT", "VERB", "meet", "O"), (".", 4, "punct", "PUNCT", ".", "O"),
]
# the same with a verb of communication: "Djibo and Burkina Faso said ." (the place reading is supported,
# the person evidence stands against it)
DJIBO_AND_FASO_SAID: Spec = [*DJIBO_AND_FASO[:4], ("said", 4, "ROOT", "VERB", "say", "O"), DJIBO_AND_FASO[5]]
# and with a courtesy title: "Mr. Djibo and Burkina Faso met ." (Djibo tagged PERSON)
MR_DJIBO_AND_FASO: Spec = [
    ("Mr.", 1, "compound", "PROPN", "Mr.", "O"), ("Djibo", 5, "nsubj", "PROPN", "Djibo", "B-PERSON"),
    ("and", 1, "cc", "CCONJ", "and", "O"), ("Burkina", 4, "compound", "PROPN", "Burkina", "B-GPE"),
    ("Faso", 1, "conj", "PROPN", "Faso", "I-GPE"), ("met", 5, "ROOT", "VERB", "meet", "O"),
    (".", 5, "punct", "PUNCT", ".", "O"),
]
# "Militants attacked Maiduguri in Borno ." with Borno tagged PERSON: a Nigerian state (Phoenix's
# BORNO_STATE) after a locative preposition
BORNO: Spec = [
    ("Militants", 1, "nsubj", "NOUN", "militant", "O"), ("attacked", 1, "ROOT", "VERB", "attack", "O"),
    ("Maiduguri", 1, "dobj", "PROPN", "Maiduguri", "B-GPE"), ("in", 1, "prep", "ADP", "in", "O"),
    ("Borno", 3, "pobj", "PROPN", "Borno", "B-PERSON"), (".", 1, "punct", "PUNCT", ".", "O"),
]


def _entities(spec: Spec) -> dict[str, tuple[str, str | None, str | None]]:
    words, heads, deps, pos, lemmas, ents = (list(x) for x in zip(*spec, strict=True))
    doc = Doc(NLP.vocab, words=words, spaces=[True] * (len(words) - 1) + [False], heads=heads, deps=deps,
              pos=pos, lemmas=lemmas, ents=ents)
    return {e.name: (e.type, e.country, e.cameo) for e in extract_entities(doc, DocContext("t"))}


@pytest.mark.parametrize(
    ("spec", "name", "expected"),
    [
        (DJIBO, "Djibo", ("GPE", "BFA", "BFA")),  # "the town of Djibo", Burkina Faso named
        (KYAUK_KAN, "Kyauk Kan", ("GPE", "MMR", "MMR")),  # "Kyauk Kan village", Myanmar the one country
        (BORNO, "Borno", ("GPE", "NGA", "NGA")),  # "in Borno": a state of Phoenix's Nigeria block
        (DJIBO_AND_FASO, "Djibo", ("GPE", "BFA", "BFA")),  # a place's conjunct
    ],
)
def test_entities_placenames_retypes_a_supported_place(spec: Spec, name: str,
                                                        expected: tuple[str, str, str]) -> None:
    assert _entities(spec)[name] == expected


@pytest.mark.parametrize(
    ("spec", "name"),
    [
        (DJIBO_SAID, "Djibo"),  # the subject of a verb of communication is a speaker
        (MR_DJIBO, "Djibo"),  # a courtesy title
        (DJIBO_BARE, "Djibo"),  # nothing supports the place reading
        (RALEIGH, "Raleigh"),  # a person's name needs its syntax to read as a place
        # the place reading supported (a place's conjunct), the person evidence wins
        (DJIBO_AND_FASO_SAID, "Djibo"),  # the subject of a verb of communication
        (MR_DJIBO_AND_FASO, "Djibo"),  # a courtesy title
    ],
)
def test_entities_placenames_keeps_a_name_with_person_evidence(spec: Spec, name: str) -> None:
    assert _entities(spec)[name][0] != "GPE"
