"""Entity rules on hand-built Docs (no statistical model): capitals by context, government phrases,
nationality adjectives, ambiguous surnames, short references, roles."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

import reportedly.nlp.rules  # noqa: F401  (registers doc._.rp_gazetteer_files)
from reportedly.extract.entities import extract_entities
from reportedly.model import DocContext

NLP = spacy.blank("en")


def make_doc(spec: list[tuple[str, int, str, str, str]]) -> Doc:
    """(word, head index, dep, pos, IOB entity) per token; a space after every token but the last."""
    words, heads, deps, pos, ents = (list(x) for x in zip(*spec, strict=True))
    return Doc(
        NLP.vocab,
        words=words,
        spaces=[True] * (len(words) - 1) + [False],
        heads=heads,
        deps=deps,
        pos=pos,
        ents=ents,
    )


def entities(spec: list[tuple[str, int, str, str, str]]) -> list[Any]:
    return extract_entities(make_doc(spec), DocContext("t"))


MOSCOW_READY = [
    ("Moscow", 1, "nsubj", "PROPN", "B-GPE"),
    ("is", 1, "ROOT", "AUX", "O"),
    ("ready", 1, "acomp", "ADJ", "O"),
    (".", 1, "punct", "PUNCT", "O"),
]
TO_MOSCOW = [
    ("He", 1, "nsubj", "PRON", "O"),
    ("flew", 1, "ROOT", "VERB", "O"),
    ("to", 1, "prep", "ADP", "O"),
    ("Moscow", 2, "pobj", "PROPN", "B-GPE"),
    (".", 1, "punct", "PUNCT", "O"),
]
RUSSIAN_OFFICIALS = [
    ("Russian", 1, "amod", "ADJ", "B-NORP"),
    ("officials", 2, "nsubj", "NOUN", "O"),
    ("said", 2, "ROOT", "VERB", "O"),
    (".", 2, "punct", "PUNCT", "O"),
]
RUSSIAN_ENVOY = [
    ("The", 2, "det", "DET", "O"),
    ("Russian", 2, "amod", "ADJ", "B-NORP"),
    ("envoy", 3, "nsubj", "NOUN", "O"),
    ("spoke", 3, "ROOT", "VERB", "O"),
    (".", 3, "punct", "PUNCT", "O"),
]
EMIRATE_OFFICIALS = [
    ("Islamic", 1, "compound", "PROPN", "B-ORG"),
    ("Emirate", 2, "compound", "PROPN", "I-ORG"),
    ("officials", 3, "nsubj", "NOUN", "O"),
    ("denied", 3, "ROOT", "VERB", "O"),
    ("it", 3, "dobj", "PRON", "O"),
    (".", 3, "punct", "PUNCT", "O"),
]


@pytest.mark.parametrize(
    ("spec", "name", "kind", "alias"),
    [
        (MOSCOW_READY, "Russia", "government", "Moscow"),  # subject of a predicate: the government
        (TO_MOSCOW, "Moscow", "place", "Moscow"),  # object of a locative preposition: the place
        (RUSSIAN_OFFICIALS, "Russia", "government", "Russian officials"),
        (EMIRATE_OFFICIALS, "Taliban", "armed_group", "Islamic Emirate officials"),
    ],
)
def test_entities_rules_government_and_places(spec: Any, name: str, kind: str, alias: str) -> None:
    (ent,) = entities(spec)
    assert (ent.name, ent.kind, ent.aliases) == (name, kind, (alias,))


def test_entities_rules_nationality_adjective_is_no_mention() -> None:
    assert entities(RUSSIAN_ENVOY) == []


MASSOUDS = [
    ("Ahmad", 1, "compound", "PROPN", "B-PERSON"),
    ("Massoud", 2, "nsubj", "PROPN", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "O"),
    ("Ahmad", 5, "compound", "PROPN", "B-PERSON"),
    ("Shah", 5, "compound", "PROPN", "I-PERSON"),
    ("Massoud", 2, "dobj", "PROPN", "I-PERSON"),
    (".", 2, "punct", "PUNCT", "O"),
    ("Massoud", 8, "nsubj", "PROPN", "B-PERSON"),
    ("left", 8, "ROOT", "VERB", "O"),
    (".", 8, "punct", "PUNCT", "O"),
]


def test_entities_rules_ambiguous_surname_stays_apart() -> None:
    ents = entities(MASSOUDS)
    assert [e.name for e in ents] == ["Ahmad Massoud", "Ahmad Shah Massoud", "Massoud"]
    assert ents[2].kb_id is None


KARIMI = [
    ("Karimi", 1, "nsubj", "PROPN", "B-PERSON"),
    ("spoke", 1, "ROOT", "VERB", "O"),
    (".", 1, "punct", "PUNCT", "O"),
    ("Bilal", 4, "compound", "PROPN", "B-PERSON"),
    ("Karimi", 6, "nsubj", "PROPN", "I-PERSON"),
    (",", 4, "punct", "PUNCT", "O"),
    ("said", 6, "ROOT", "VERB", "O"),
    ("he", 8, "nsubj", "PRON", "O"),
    ("left", 6, "ccomp", "VERB", "O"),
    (".", 6, "punct", "PUNCT", "O"),
]


def test_entities_rules_surname_before_full_name_and_pronoun() -> None:
    (ent,) = entities(KARIMI)
    assert ent.name == "Bilal Karimi"
    assert [m.text for m in ent.mentions] == ["Karimi", "Bilal Karimi", "he"]
    assert ent.aliases == ("Karimi", "Bilal Karimi")


TWO_PEOPLE_HE = [
    ("Bilal", 1, "compound", "PROPN", "B-PERSON"),
    ("Karimi", 2, "nsubj", "PROPN", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "O"),
    ("Zamir", 4, "compound", "PROPN", "B-PERSON"),
    ("Kabulov", 2, "dobj", "PROPN", "I-PERSON"),
    ("and", 2, "cc", "CCONJ", "O"),
    ("he", 7, "nsubj", "PRON", "O"),
    ("left", 2, "conj", "VERB", "O"),
    (".", 2, "punct", "PUNCT", "O"),
]


def test_entities_rules_ambiguous_pronoun_left_unresolved() -> None:
    ents = entities(TWO_PEOPLE_HE)
    assert all("he" not in [m.text for m in e.mentions] for e in ents)


APPOSITION = [
    ("Bilal", 1, "compound", "PROPN", "B-PERSON"),
    ("Karimi", 5, "nsubj", "PROPN", "I-PERSON"),
    (",", 1, "punct", "PUNCT", "O"),
    ("deputy", 4, "compound", "NOUN", "O"),
    ("spokesman", 1, "appos", "NOUN", "O"),
    ("said", 5, "ROOT", "VERB", "O"),
    (".", 5, "punct", "PUNCT", "O"),
]


def test_entities_rules_appositive_role() -> None:
    (ent,) = entities(APPOSITION)
    assert [r.text for r in ent.roles] == ["deputy spokesman"]


AFGHAN_AUTHORITIES = [
    ("Afghan", 1, "amod", "ADJ", "B-NORP"),
    ("authorities", 2, "nsubj", "NOUN", "O"),
    ("met", 2, "ROOT", "VERB", "O"),
    ("the", 4, "det", "DET", "O"),
    ("Taliban", 2, "dobj", "PROPN", "B-ORG"),
    (".", 2, "punct", "PUNCT", "O"),
]


@pytest.mark.parametrize(
    ("published", "owner"),
    [
        ("2022-03-01", "Taliban"),  # the gazetteer says the Taliban govern Afghanistan since 2021-08-15
        ("2019-03-01", "Afghanistan"),  # before: the phrase is the country's government
        (None, "Afghanistan"),  # no date known: no dated fact is applied
    ],
)
def test_entities_rules_government_phrase_by_date(published: str | None, owner: str) -> None:
    ents = extract_entities(make_doc(AFGHAN_AUTHORITIES), DocContext("t", published=published))
    (holder,) = [e for e in ents if "Afghan authorities" in e.aliases]
    assert holder.name == owner


MOSCOW_HIT = [
    ("Moscow", 2, "nsubjpass", "PROPN", "B-GPE"),
    ("was", 2, "auxpass", "AUX", "O"),
    ("hit", 2, "ROOT", "VERB", "O"),
    (".", 2, "punct", "PUNCT", "O"),
]
MOSCOW_CITY = [
    ("Moscow", 1, "nsubj", "PROPN", "B-GPE"),
    ("is", 1, "ROOT", "AUX", "O"),
    ("a", 3, "det", "DET", "O"),
    ("city", 1, "attr", "NOUN", "O"),
    (".", 1, "punct", "PUNCT", "O"),
]
MOSCOW_DENIED = [
    ("Moscow", 1, "nsubj", "PROPN", "B-GPE"),
    ("denied", 1, "ROOT", "VERB", "O"),
    ("it", 1, "dobj", "PRON", "O"),
    (".", 1, "punct", "PUNCT", "O"),
]
MOSCOW_DECISION = [
    ("Moscow", 2, "poss", "PROPN", "B-GPE"),
    ("'s", 0, "case", "PART", "O"),
    ("decision", 3, "nsubj", "NOUN", "O"),
    ("angered", 3, "ROOT", "VERB", "O"),
    ("them", 3, "dobj", "PRON", "O"),
    (".", 3, "punct", "PUNCT", "O"),
]
MOSCOW_STREETS = [
    ("Moscow", 2, "poss", "PROPN", "B-GPE"),
    ("'s", 0, "case", "PART", "O"),
    ("streets", 3, "nsubj", "NOUN", "O"),
    ("emptied", 3, "ROOT", "VERB", "O"),
    (".", 3, "punct", "PUNCT", "O"),
]


MOSCOW_SIT_DOWN = [
    ("Moscow", 2, "nsubj", "PROPN", "B-GPE"),
    ("will", 2, "aux", "AUX", "O"),
    ("sit", 2, "ROOT", "VERB", "O"),
    ("down", 2, "prt", "ADP", "O"),
    (".", 2, "punct", "PUNCT", "O"),
]


@pytest.mark.parametrize(
    ("spec", "name", "kind"),
    [
        (MOSCOW_DENIED, "Russia", "government"),  # subject of an active verb: the government
        (
            MOSCOW_SIT_DOWN,
            "Russia",
            "government",
        ),  # "sit down (with)" is an act; "Kabul sits in a valley" not
        (MOSCOW_DECISION, "Russia", "government"),  # possessor of an act
        (MOSCOW_HIT, "Moscow", "place"),  # passive subject: what happened to the city
        (MOSCOW_CITY, "Moscow", "place"),  # copula with a noun: the city described
        (MOSCOW_STREETS, "Moscow", "place"),  # possessor of a thing of the city
    ],
)
def test_entities_rules_capital_by_syntax(spec: Any, name: str, kind: str) -> None:
    (ent,) = entities(spec)
    assert (ent.name, ent.kind, ent.aliases) == (name, kind, ("Moscow",))


MUTTAQI = [
    ("Amir", 2, "compound", "PROPN", "B-PERSON"),
    ("Khan", 2, "compound", "PROPN", "I-PERSON"),
    ("Muttaqi", 3, "nsubj", "PROPN", "I-PERSON"),
    ("arrived", 3, "ROOT", "VERB", "O"),
    (".", 3, "punct", "PUNCT", "O"),
    ("Muttaqi", 6, "nsubj", "PROPN", "B-GPE"),  # en_core_web_sm tags the lone surname GPE
    ("met", 6, "ROOT", "VERB", "O"),
    ("Zamir", 8, "compound", "PROPN", "B-PERSON"),
    ("Kabulov", 6, "dobj", "PROPN", "I-PERSON"),
    (".", 6, "punct", "PUNCT", "O"),
]
PUTIN_GPE = [
    ("Vladimir", 1, "compound", "PROPN", "B-PERSON"),
    ("Putin", 2, "nsubj", "PROPN", "I-PERSON"),
    ("arrived", 2, "ROOT", "VERB", "O"),
    (".", 2, "punct", "PUNCT", "O"),
    ("Putin", 5, "nsubj", "PROPN", "B-GPE"),  # a curated person's alias tagged as a place
    ("spoke", 5, "ROOT", "VERB", "O"),
    (".", 5, "punct", "PUNCT", "O"),
]


def test_entities_rules_surname_tagged_place_joins_person() -> None:
    ents = entities(MUTTAQI)
    assert [(e.name, e.type) for e in ents] == [("Amir Khan Muttaqi", "PERSON"), ("Zamir Kabulov", "PERSON")]
    assert ents[0].aliases == ("Amir Khan Muttaqi", "Muttaqi")


def test_entities_rules_gazetteer_person_overrides_place_label() -> None:
    (ent,) = entities(PUTIN_GPE)
    assert (ent.name, ent.type, ent.kind) == ("Vladimir Putin", "PERSON", "person")
    assert ent.aliases == ("Vladimir Putin", "Putin")


GULF_OF_ADEN = [
    ("Ships", 1, "nsubj", "NOUN", "O"),
    ("sailed", 1, "ROOT", "VERB", "O"),
    ("in", 1, "prep", "ADP", "O"),
    ("the", 4, "det", "DET", "B-LOC"),
    ("Gulf", 2, "pobj", "PROPN", "I-LOC"),
    ("of", 4, "prep", "ADP", "I-LOC"),
    ("Aden", 5, "pobj", "PROPN", "B-GPE"),  # the ruler pins "Aden"; the model labels the rest
    (".", 1, "punct", "PUNCT", "O"),
]
TAJIKISTAN_NORP = [
    ("the", 1, "det", "DET", "O"),
    ("border", 1, "ROOT", "NOUN", "O"),
    ("with", 1, "prep", "ADP", "O"),
    ("Tajikistan", 2, "pobj", "PROPN", "B-NORP"),
]
DUI_AND_DR = [
    ("Dr", 2, "nsubjpass", "PROPN", "B-PERSON"),
    ("was", 2, "auxpass", "AUX", "O"),
    ("arrested", 2, "ROOT", "VERB", "O"),
    ("for", 2, "prep", "ADP", "O"),
    ("DUI", 3, "pobj", "PROPN", "B-ORG"),
]


MALI_PERSON = [
    ("Mali", 1, "nsubj", "PROPN", "B-PERSON"),  # en_core_web_sm tags some country names PERSON
    ("left", 1, "ROOT", "VERB", "O"),
    (".", 1, "punct", "PUNCT", "O"),
]
TAJIK_PERSON = [
    ("Tajik", 1, "amod", "ADJ", "B-PERSON"),
    ("fighters", 2, "nsubj", "NOUN", "O"),
    ("left", 2, "ROOT", "VERB", "O"),
    (".", 2, "punct", "PUNCT", "O"),
]


@pytest.mark.parametrize(
    ("spec", "found"),
    [
        (GULF_OF_ADEN, [("Gulf of Aden", "LOC")]),
        (MALI_PERSON, [("Mali", "GPE")]),
        (TAJIK_PERSON, []),  # a nationality adjective is an attribute, not a person
        (TAJIKISTAN_NORP, [("Tajikistan", "GPE")]),
        (DUI_AND_DR, []),  # a lone title and an offence's acronym are no entities
    ],
)
def test_entities_rules_span_repairs(spec: Any, found: list[tuple[str, str]]) -> None:
    assert [(e.name, e.type) for e in entities(spec)] == found


RUN_IN_TITLE = [  # "Russia's special envoy for Afghanistan Zamir Kabulov spoke." as en_core_web_sm parses it
    ("Russia", 3, "poss", "PROPN", "B-GPE"),
    ("'s", 0, "case", "PART", "O"),
    ("special", 3, "amod", "ADJ", "O"),
    ("envoy", 8, "nsubj", "NOUN", "O"),
    ("for", 3, "prep", "ADP", "O"),
    ("Afghanistan", 7, "compound", "PROPN", "B-GPE"),
    ("Zamir", 7, "compound", "PROPN", "B-PERSON"),
    ("Kabulov", 4, "pobj", "PROPN", "I-PERSON"),
    ("spoke", 8, "ROOT", "VERB", "O"),
    (".", 8, "punct", "PUNCT", "O"),
]


def test_entities_rules_title_run_into_name() -> None:
    ents = {e.name: e for e in entities(RUN_IN_TITLE)}
    assert [r.text for r in ents["Zamir Kabulov"].roles] == ["Russia 's special envoy for Afghanistan"]
    assert ents["Russia"].kind == "government"  # possessor of an envoy: the state acting


@pytest.mark.parametrize(
    ("words", "tags", "pos", "name"),
    [
        (["Lindsay", "Lohan", "Checks"], ["NNP", "NNP", "VBZ"], ["PROPN", "PROPN", "VERB"], "Lindsay Lohan"),
        (["Teixeira", "Reportedly", "Bumped"], ["NNP", "RB", "VBN"], ["PROPN", "ADV", "VERB"], "Teixeira"),
        (["Manchester", "United"], ["NNP", "NNP"], ["PROPN", "PROPN"], "Manchester United"),
    ],
)
def test_entities_rules_headline_verb_leaves_name(
    words: list[str], tags: list[str], pos: list[str], name: str
) -> None:
    """Headline capitals make the model sweep a verb into a name ("Lindsay Lohan Checks Into Rehab")."""
    label = "ORG" if name == "Manchester United" else "PERSON"
    ents = [f"B-{label}"] + [f"I-{label}"] * (len(words) - 1)
    starts = [True] + [False] * (len(words) - 1)
    doc = Doc(NLP.vocab, words=words, tags=tags, pos=pos, ents=ents, sent_starts=starts)
    assert [e.name for e in extract_entities(doc, DocContext("t"))] == [name]


HEMEDTI = [
    ("Mohamed", 2, "compound", "PROPN", "B-PERSON"),
    ("Hamdan", 2, "compound", "PROPN", "I-PERSON"),
    ("Dagalo", 3, "nsubj", "PROPN", "I-PERSON"),
    ("arrived", 3, "ROOT", "VERB", "O"),
    (".", 3, "punct", "PUNCT", "O"),
    ("Hemedti", 6, "nsubj", "PROPN", "B-PERSON"),  # one gazetteer entry, no shared name token
    ("spoke", 6, "ROOT", "VERB", "O"),
    (".", 6, "punct", "PUNCT", "O"),
]
DUSHANBE_ORG = [
    ("He", 1, "nsubj", "PRON", "O"),
    ("visited", 1, "ROOT", "VERB", "O"),
    ("Dushanbe", 1, "dobj", "PROPN", "B-ORG"),  # a capital is no one's name, whatever its size
    (".", 1, "punct", "PUNCT", "O"),
]
DEFENCE_MINISTER = [
    ("Defence", 1, "compound", "PROPN", "B-ORG"),
    ("Minister", 3, "compound", "PROPN", "O"),
    ("Rustem", 3, "compound", "PROPN", "B-PERSON"),
    ("Umerov", 4, "nsubj", "PROPN", "I-PERSON"),
    ("spoke", 4, "ROOT", "VERB", "O"),
    (".", 4, "punct", "PUNCT", "O"),
]


@pytest.mark.parametrize(
    ("spec", "found"),
    [
        (HEMEDTI, [("Mohamed Hamdan Dagalo", "PERSON")]),
        (DUSHANBE_ORG, [("Dushanbe", "GPE")]),
        (DEFENCE_MINISTER, [("Rustem Umerov", "PERSON")]),  # "Defence" is part of the title, no body
    ],
)
def test_entities_rules_gazetteer_and_titles(spec: Any, found: list[tuple[str, str]]) -> None:
    assert [(e.name, e.type) for e in entities(spec)] == found


def test_entities_rules_country_name_only_the_gazetteer_knows() -> None:
    """ "Britain": a gazetteer alias of the United Kingdom, not a pycountry name; still the country."""
    doc = make_doc([("Britain", 1, "nsubj", "PROPN", "B-GPE"), ("warned", 1, "ROOT", "VERB", "O")])
    doc[0].tag_ = "NNP"
    (ent,) = extract_entities(doc, DocContext("t"))
    assert (ent.name, ent.kb_id, ent.kind, ent.aliases) == (
        "United Kingdom",
        "cty:GBR",
        "government",
        ("Britain",),
    )


TITLE_OF_PLACE = [  # the parser hangs the name on the title's complement: appos of "Afghanistan"
    ("Russia", 2, "poss", "PROPN", "B-GPE"),
    ("'s", 0, "case", "PART", "O"),
    ("envoy", 9, "nsubj", "NOUN", "O"),
    ("for", 2, "prep", "ADP", "O"),
    ("Afghanistan", 3, "pobj", "PROPN", "B-GPE"),
    (",", 4, "punct", "PUNCT", "O"),
    ("Zamir", 7, "compound", "PROPN", "B-PERSON"),
    ("Kabulov", 4, "appos", "PROPN", "I-PERSON"),
    (",", 4, "punct", "PUNCT", "O"),
    ("spoke", 9, "ROOT", "VERB", "O"),
    (".", 9, "punct", "PUNCT", "O"),
]
MAWLAWI = [
    ("Mawlawi", 3, "compound", "PROPN", "O"),
    ("Amir", 3, "compound", "PROPN", "B-PERSON"),
    ("Khan", 3, "compound", "PROPN", "I-PERSON"),
    ("Muttaqi", 4, "nsubj", "PROPN", "I-PERSON"),
    ("spoke", 4, "ROOT", "VERB", "O"),
    (".", 4, "punct", "PUNCT", "O"),
]


@pytest.mark.parametrize(
    ("spec", "person", "roles"),
    [
        (TITLE_OF_PLACE, "Zamir Kabulov", ["Russia 's envoy for Afghanistan"]),  # not "Afghanistan"
        (MAWLAWI, "Amir Khan Muttaqi", []),  # a form of address is no office
    ],
)
def test_entities_rules_role_is_a_title(spec: Any, person: str, roles: list[str]) -> None:
    ents = {e.name: e for e in entities(spec)}
    assert [r.text for r in ents[person].roles] == roles


IN_RUSSIA_RUSSIA_DENIED = [
    ("He", 1, "nsubj", "PRON", "O"),
    ("arrived", 1, "ROOT", "VERB", "O"),
    ("in", 1, "prep", "ADP", "O"),
    ("Russia", 2, "pobj", "PROPN", "B-GPE"),
    (".", 1, "punct", "PUNCT", "O"),
    ("Russia", 6, "nsubj", "PROPN", "B-GPE"),
    ("denied", 6, "ROOT", "VERB", "O"),
    ("it", 6, "dobj", "PRON", "O"),
    (".", 6, "punct", "PUNCT", "O"),
]
DEMAND_BY_RUSSIA = [
    ("A", 1, "det", "DET", "O"),
    ("demand", 4, "nsubj", "NOUN", "O"),
    ("by", 1, "prep", "ADP", "O"),
    ("Russia", 2, "pobj", "PROPN", "B-GPE"),
    ("came", 4, "ROOT", "VERB", "O"),
    (".", 4, "punct", "PUNCT", "O"),
]
TALK_WITH_RUSSIA = [
    ("They", 1, "nsubj", "PRON", "O"),
    ("talked", 1, "ROOT", "VERB", "O"),
    ("with", 1, "prep", "ADP", "O"),
    ("Russia", 2, "pobj", "PROPN", "B-GPE"),
    (".", 1, "punct", "PUNCT", "O"),
]
RUSSIA_READY_HEADLINE = [  # "Russia ready to host talks, agency says" as the parser reads a headline
    ("Russia", 8, "dep", "PROPN", "B-GPE"),
    ("ready", 0, "amod", "ADJ", "O"),
    ("to", 3, "aux", "PART", "O"),
    ("host", 1, "xcomp", "VERB", "O"),
    ("talks", 3, "dobj", "NOUN", "O"),
    (",", 8, "punct", "PUNCT", "O"),
    ("the", 7, "det", "DET", "O"),
    ("agency", 8, "nsubj", "NOUN", "O"),
    ("says", 8, "ROOT", "VERB", "O"),
]
BORDER_WITH_RUSSIA = [
    ("The", 1, "det", "DET", "O"),
    ("border", 4, "nsubj", "NOUN", "O"),
    ("with", 1, "prep", "ADP", "O"),
    ("Russia", 2, "pobj", "PROPN", "B-GPE"),
    ("closed", 4, "ROOT", "VERB", "O"),
    (".", 4, "punct", "PUNCT", "O"),
]


def test_entities_rules_country_place_and_government_apart() -> None:
    """One country, two entities: the place it is ("in Russia") and the government acting ("Russia
    denied"), one gazetteer id (the ledger keys them apart)."""
    place, government = entities(IN_RUSSIA_RUSSIA_DENIED)
    assert (place.kind, [m.start for m in place.mentions]) == ("place", [14])
    assert (government.kind, [m.start for m in government.mentions]) == ("government", [23])
    assert place.kb_id == government.kb_id == "cty:RUS"


@pytest.mark.parametrize(
    ("spec", "kind"),
    [
        (DEMAND_BY_RUSSIA, "government"),  # the agent of an act
        (TALK_WITH_RUSSIA, "government"),  # the other party of a verb
        (RUSSIA_READY_HEADLINE, "government"),  # a headline's "X ready to": the copula dropped
        (BORDER_WITH_RUSSIA, "place"),  # "with" after a thing of the place
    ],
)
def test_entities_rules_country_by_argument(spec: Any, kind: str) -> None:
    (ent,) = entities(spec)
    assert (ent.name, ent.kind) == ("Russia", kind)
