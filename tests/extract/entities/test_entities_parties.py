"""Common-noun parties and CAMEO actor codes on hand-built Docs (no statistical model): "armed men",
"Turkish troops", "police" become coded entities; named owners, objects moved by their subject, single
office holders and civilians do not."""

from __future__ import annotations

from typing import Any

import pytest

import reportedly.nlp.rules  # noqa: F401  (registers doc._.rp_gazetteer_files)
from reportedly.extract.entities import extract_entities
from reportedly.extract.entities.codes import entry_code, head_words, phrase_code
from reportedly.gazetteer import load_gazetteer
from reportedly.model import Dateline, DocContext
from tests.extract.entities.test_entities_rules import make_doc as make_untagged

PLURALS = frozenset({"men", "troops", "Police", "fighters", "Civilians", "people"})


def make_doc(spec: list[Any]) -> Any:
    """The hand-built Doc with the plural nouns tagged NNS (the number decides what is a party)."""
    doc = make_untagged(spec)
    for tok in doc:
        tok.tag_ = "NNS" if tok.text in PLURALS else "NN" if tok.pos_ == "NOUN" else tok.pos_
    return doc

KABUL = Dateline(text="Kabul [Afghanistan], (ANI):", place="Kabul", country="Afghanistan", agency=None)

ARMED_MEN = [
    ("Armed", 1, "amod", "ADJ", "O"),
    ("men", 2, "nsubj", "NOUN", "O"),
    ("attacked", 2, "ROOT", "VERB", "O"),
    ("a", 4, "det", "DET", "O"),
    ("village", 2, "dobj", "NOUN", "O"),
    (".", 2, "punct", "PUNCT", "O"),
]
TURKISH_TROOPS = [
    ("Turkish", 1, "amod", "ADJ", "B-NORP"),
    ("troops", 2, "nsubj", "NOUN", "O"),
    ("entered", 2, "ROOT", "VERB", "O"),
    ("the", 4, "det", "DET", "O"),
    ("town", 2, "dobj", "NOUN", "O"),
    (".", 2, "punct", "PUNCT", "O"),
]
POLICE = [
    ("Police", 1, "nsubj", "NOUN", "O"),
    ("detained", 1, "ROOT", "VERB", "O"),
    ("four", 3, "nummod", "NUM", "O"),
    ("people", 1, "dobj", "NOUN", "O"),
    (".", 1, "punct", "PUNCT", "O"),
]
TALIBAN_FIGHTERS = [
    ("Taliban", 1, "compound", "PROPN", "B-ORG"),
    ("fighters", 2, "nsubj", "NOUN", "O"),
    ("attacked", 2, "ROOT", "VERB", "O"),
    (".", 2, "punct", "PUNCT", "O"),
]
DEPLOYED_TROOPS = [
    ("They", 1, "nsubj", "PRON", "O"),
    ("deployed", 1, "ROOT", "VERB", "O"),
    ("troops", 1, "dobj", "NOUN", "O"),
    (".", 1, "punct", "PUNCT", "O"),
]
THE_PRESIDENT = [
    ("The", 1, "det", "DET", "O"),
    ("president", 2, "nsubj", "NOUN", "O"),
    ("spoke", 2, "ROOT", "VERB", "O"),
    (".", 2, "punct", "PUNCT", "O"),
]
THE_ARMY = [
    ("The", 2, "det", "DET", "O"),
    ("Sudanese", 2, "amod", "ADJ", "B-NORP"),
    ("army", 3, "nsubj", "NOUN", "O"),
    ("attacked", 3, "ROOT", "VERB", "O"),
    (".", 3, "punct", "PUNCT", "O"),
]
A_GUNMAN = [
    ("A", 1, "det", "DET", "O"),
    ("gunman", 2, "nsubj", "NOUN", "O"),
    ("fired", 2, "ROOT", "VERB", "O"),
    (".", 2, "punct", "PUNCT", "O"),
]
TO_PRISON = [
    ("He", 1, "nsubj", "PRON", "O"),
    ("went", 1, "ROOT", "VERB", "O"),
    ("to", 1, "prep", "ADP", "O"),
    ("prison", 2, "pobj", "NOUN", "O"),
    (".", 1, "punct", "PUNCT", "O"),
]
CIVILIANS = [
    ("Civilians", 1, "nsubj", "NOUN", "O"),
    ("fled", 1, "ROOT", "VERB", "O"),
    (".", 1, "punct", "PUNCT", "O"),
]


def _agents(spec: list[Any], dateline: Dateline | None = KABUL) -> list[tuple[Any, ...]]:
    found = extract_entities(make_doc(spec), DocContext("t", dateline=dateline))
    return [(e.name, e.kind, e.country, e.cameo, e.sector) for e in found if e.kb_id is None]


@pytest.mark.parametrize(
    ("spec", "dateline", "found"),
    [
        (ARMED_MEN, KABUL, [("armed men (Afghanistan)", "armed_group", "AFG", "AFGUAF", "UAF")]),
        (ARMED_MEN, None, [("armed men", "armed_group", None, "UAF", "UAF")]),  # no frame: no country
        # the nationality adjective wins over the frame
        (TURKISH_TROOPS, KABUL, [("Turkish troops", "government", "TUR", "TURMIL", "MIL")]),
        (POLICE, KABUL, [("police (Afghanistan)", "government", "AFG", "AFGCOP", "COP")]),  # people: no actor
        (TALIBAN_FIGHTERS, KABUL, []),  # the named group is the party
        (DEPLOYED_TROOPS, KABUL, []),  # an object moved by its subject, with no country of its own
        (THE_PRESIDENT, KABUL, []),  # a single office holder is a person, for reference resolution
        (CIVILIANS, KABUL, []),  # civilians alone are no party of a political act
        (THE_ARMY, KABUL, [("Sudanese army", "government", "SDN", "SDNMIL", "MIL")]),  # a body, singular
        (A_GUNMAN, KABUL, []),  # an individual
        (TO_PRISON, KABUL, []),  # a place
    ],
)
def test_entities_parties_common_nouns(spec: list[Any], dateline: Dateline | None, found: list[Any]) -> None:
    assert _agents(spec, dateline) == found


def test_entities_parties_mention_offsets() -> None:
    doc = make_doc(TURKISH_TROOPS)
    (troops,) = [e for e in extract_entities(doc, DocContext("t")) if e.kb_id is None]
    assert [(m.text, doc.text[m.start : m.end]) for m in troops.mentions] == [("troops", "troops")]


@pytest.mark.parametrize(
    ("entry_id", "kind", "date", "code"),
    [
        ("cty:RUS", "place", None, ("RUS", None)),  # a country named: the bare country
        ("cty:RUS", "government", None, ("RUSGOV", "GOV")),  # a country acting: its government
        ("phx:mohammad-zahir-shah", "person", "1950-06", ("AFGGOV", "GOV")),  # the role in force that day
        ("phx:mohammad-zahir-shah", "person", "1980", ("AFGELI", "ELI")),
        ("phx:abdul-qadir", "person", None, ("AFGELI", "ELI")),  # undated: the undated role
        ("rp:taliban", "armed_group", "2021", ("AFGREB", "REB")),  # curated: country + sector
        ("rp:vladimir-putin", "person", "2021", ("RUSGOV", "GOV")),
        ("rp:un", "international_organization", None, ("IGO", "IGO")),
    ],
)
def test_entities_codes_from_the_gazetteer(entry_id: str, kind: str, date: str | None,
                                           code: tuple[str, str | None]) -> None:
    entry = load_gazetteer().get(entry_id)
    assert entry is not None
    assert entry_code(entry, kind, date) == code


@pytest.mark.parametrize(
    ("texts", "country", "code"),
    [
        (["Russia's special envoy for Afghanistan"], "RUS", ("RUSGOV", "GOV")),
        (["Interior Ministry"], "EGY", ("EGYGOV", "GOV")),
        (["led the delegation"], "AFG", (None, None)),
    ],
)
def test_entities_codes_from_roles_and_names(texts: list[str], country: str, code: tuple[Any, Any]) -> None:
    assert phrase_code(texts, country) == code


def test_entities_codes_head_words() -> None:
    assert head_words("Russia's special envoy for Afghanistan") == ["special", "envoy"]


def test_entities_codes_people_by_demonym() -> None:
    from reportedly.extract.entities.codes import code_entities
    from reportedly.model import Entity

    somalis = Entity("e1", "Somalis", "NORP", None, (), (), (), ())
    (coded,) = code_entities([somalis], load_gazetteer(), None)
    assert (coded.cameo, coded.sector) == ("SOM", None)
