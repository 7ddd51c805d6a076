"""Common-noun parties and CAMEO actor codes on hand-built Docs (no statistical model): "armed men",
"Turkish troops", "police" become coded entities; named owners, objects moved by their subject, single
office holders and civilians do not."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

import reportedly.nlp.rules  # noqa: F401  (registers doc._.rp_gazetteer_files)
from reportedly.extract.entities import extract_entities
from reportedly.extract.entities.codes import entry_code, head_words, phrase_code
from reportedly.gazetteer import load_gazetteer
from reportedly.model import Dateline, DocContext
from tests.extract.entities.test_entities_rules import make_doc as make_untagged

PLURALS = frozenset(
    {"men", "troops", "Police", "fighters", "Civilians", "people", "peacekeepers", "goods", "forces",
     "Workers", "lawmakers", "soldiers"}
)


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
THE_US_MILITARY = [
    ("The", 2, "det", "DET", "O"),
    ("U.S.", 2, "compound", "PROPN", "B-GPE"),
    ("military", 3, "nsubj", "NOUN", "O"),
    ("struck", 3, "ROOT", "VERB", "O"),
    (".", 3, "punct", "PUNCT", "O"),
]
A_GERMAN_COURT = [
    ("A", 2, "det", "DET", "O"),
    ("German", 2, "amod", "ADJ", "B-NORP"),
    ("court", 3, "nsubj", "NOUN", "O"),
    ("rejected", 3, "ROOT", "VERB", "O"),
    ("the", 5, "det", "DET", "O"),
    ("request", 3, "dobj", "NOUN", "O"),
    (".", 3, "punct", "PUNCT", "O"),
]
THE_GOVERNMENT = [
    ("The", 1, "det", "DET", "O"),
    ("government", 2, "nsubj", "NOUN", "O"),
    ("conceded", 2, "ROOT", "VERB", "O"),
    (".", 2, "punct", "PUNCT", "O"),
]
THE_MINISTER = [
    ("The", 1, "det", "DET", "O"),
    ("minister", 2, "nsubj", "NOUN", "O"),
    ("conceded", 2, "ROOT", "VERB", "O"),
    (".", 2, "punct", "PUNCT", "O"),
]
ON_THE_COURT = [
    ("They", 1, "nsubj", "PRON", "O"),
    ("went", 1, "ROOT", "VERB", "O"),
    ("on", 1, "prep", "ADP", "O"),
    ("the", 4, "det", "DET", "O"),
    ("court", 2, "pobj", "NOUN", "O"),
    (".", 1, "punct", "PUNCT", "O"),
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
A_SPANISH_JUDGE = [
    ("A", 2, "det", "DET", "O"),
    ("Spanish", 2, "amod", "ADJ", "B-NORP"),
    ("judge", 3, "nsubj", "NOUN", "O"),
    ("ordered", 3, "ROOT", "VERB", "O"),
    ("arrests", 3, "dobj", "NOUN", "O"),
    (".", 3, "punct", "PUNCT", "O"),
]
THE_SPANISH_JUDGE = [("The", 2, "det", "DET", "O"), *A_SPANISH_JUDGE[1:]]
A_FEMALE_JUDGE = [
    ("A", 2, "det", "DET", "O"),
    ("female", 2, "amod", "ADJ", "O"),
    ("judge", 3, "nsubj", "NOUN", "O"),
    ("ordered", 3, "ROOT", "VERB", "O"),
    ("arrests", 3, "dobj", "NOUN", "O"),
    (".", 3, "punct", "PUNCT", "O"),
]
RUSSIAN_PEACEKEEPERS = [
    ("Russian", 1, "amod", "ADJ", "B-NORP"),
    ("peacekeepers", 2, "nsubj", "NOUN", "O"),
    ("entered", 2, "ROOT", "VERB", "O"),
    ("the", 4, "det", "DET", "O"),
    ("town", 2, "dobj", "NOUN", "O"),
    (".", 2, "punct", "PUNCT", "O"),
]
TO_COLOMBIAN_FORCES = [
    ("He", 1, "nsubj", "PRON", "O"),
    ("surrendered", 1, "ROOT", "VERB", "O"),
    ("to", 1, "prep", "ADP", "O"),
    ("Colombian", 4, "amod", "ADJ", "B-NORP"),
    ("forces", 2, "pobj", "NOUN", "O"),
    (".", 1, "punct", "PUNCT", "O"),
]
CHINESE_GOODS = [
    ("They", 1, "nsubj", "PRON", "O"),
    ("taxed", 1, "ROOT", "VERB", "O"),
    ("Chinese", 3, "amod", "ADJ", "B-NORP"),
    ("goods", 1, "dobj", "NOUN", "O"),
    (".", 1, "punct", "PUNCT", "O"),
]
WORKERS_STRUCK = [
    ("Workers", 1, "nsubj", "NOUN", "O"),
    ("struck", 1, "ROOT", "VERB", "O"),
    (".", 1, "punct", "PUNCT", "O"),
]
GROUP_OF_LAWMAKERS = [
    ("A", 1, "det", "DET", "O"),
    ("group", 5, "nsubj", "NOUN", "O"),
    ("of", 1, "prep", "ADP", "O"),
    ("British", 4, "amod", "ADJ", "B-NORP"),
    ("lawmakers", 2, "pobj", "NOUN", "O"),
    ("protested", 5, "ROOT", "VERB", "O"),
    (".", 5, "punct", "PUNCT", "O"),
]
KILLED_DOZENS_OF_SOLDIERS = [
    ("They", 1, "nsubj", "PRON", "O"),
    ("killed", 1, "ROOT", "VERB", "O"),
    ("dozens", 1, "dobj", "NOUN", "O"),
    ("of", 2, "prep", "ADP", "O"),
    ("soldiers", 3, "pobj", "NOUN", "O"),
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
        # "AMOUNT of X" is X where the amount stands
        (GROUP_OF_LAWMAKERS, KABUL, [("British lawmakers", "government", "GBR", "GBRLEG", "LEG")]),
        (KILLED_DOZENS_OF_SOLDIERS, KABUL, []),  # an object with no country of its own, as "deployed troops"
        # labour is the party of strikes (CAMEO 143)
        (WORKERS_STRUCK, KABUL, [("workers (Afghanistan)", "organization", "AFG", "AFGLAB", "LAB")]),
        (THE_ARMY, KABUL, [("Sudanese army", "government", "SDN", "SDNMIL", "MIL")]),  # a body, singular
        # a country's name as the attribute, as an adjective ("U.S." names no entity of its own there)
        (THE_US_MILITARY, KABUL, [("U.S. military", "government", "USA", "USAMIL", "MIL")]),
        (A_GUNMAN, KABUL, []),  # an individual
        # a state organ the agents dictionary lists officials of, with "a" as with "the"
        (A_GERMAN_COURT, KABUL, [("German court", "government", "DEU", "DEUJUD", "JUD")]),
        (THE_GOVERNMENT, KABUL, [("government (Afghanistan)", "government", "AFG", "AFGGOV", "GOV")]),
        (ON_THE_COURT, KABUL, []),  # an organ's noun after a preposition: a place (a basketball court)
        (THE_MINISTER, KABUL, []),  # an office holder: the dictionary lists no officials of a minister
        (TO_PRISON, KABUL, []),  # a place
        # one office holder of a country, coded as PETRARCH codes "Spanish judge": ESP + JUD
        (A_SPANISH_JUDGE, KABUL, [("Spanish judge", "person", "ESP", "ESPJUD", "JUD")]),
        (A_FEMALE_JUDGE, KABUL, []),  # no country said: an individual
        (THE_SPANISH_JUDGE, KABUL, []),  # a definite refers back to one named: reference resolution's
        # a group the agents dictionary does not list, a party of the adjective's country (PETRARCH: RUS)
        (RUSSIAN_PEACEKEEPERS, KABUL, [("Russian peacekeepers", "organization", "RUS", "RUS", None)]),
        (CHINESE_GOODS, KABUL, []),  # goods are no group of people
        # "force" is strength in WordNet's usual sense, but the dictionary lists armed kinds of forces
        (TO_COLOMBIAN_FORCES, KABUL, [("Colombian forces", "organization", "COL", "COL", None)]),
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
        # curated dated codes, by the article's date: rebels until they took Kabul, then the government
        ("rp:taliban", "armed_group", "2021-08-14", ("AFGREB", "REB")),
        ("rp:taliban", "armed_group", "2021-08-15", ("AFGGOV", "GOV")),
        ("rp:taliban", "armed_group", "2010-05", ("AFGREB", "REB")),
        ("rp:taliban", "armed_group", "1998", ("AFGGOV", "GOV")),
        ("rp:taliban", "armed_group", None, ("AFGREB", "REB")),  # no date: the undated default
        ("rp:anc", "organization", "1985", ("ZAFREB", "REB")),  # Phoenix's armed group, then ruling party
        ("rp:anc", "organization", "2024-05-29", ("ZAFGOV", "GOV")),
        ("rp:vladimir-putin", "person", "2021", ("RUSGOV", "GOV")),  # curated: country + sector
        # a president in office codes GOV, after his term ELI (Phoenix's convention for former leaders)
        ("rp:ashraf-ghani", "person", "2020-06-01", ("AFGGOV", "GOV")),
        ("rp:ashraf-ghani", "person", "2021-08-15", ("AFGGOV", "GOV")),
        ("rp:ashraf-ghani", "person", "2022-02-01", ("AFGELI", "ELI")),
        ("rp:ashraf-ghani", "person", None, ("AFGGOV", "GOV")),
        ("rp:un", "international_organization", None, ("IGOUNO", "IGO")),  # Phoenix's IGO code
        ("rp:eu", "international_organization", "2024", ("IGOEUREEC", "IGO")),
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
        (["army officer"], "NER", ("NERMIL", "MIL")),
        (["Secretary of State"], "USA", ("USAGOV", "GOV")),  # listed with its complement only
        (["Minister of Defence"], "GBR", ("GBRGOVMIL", "GOV")),  # the complement makes it specific
        (["special envoy for Afghanistan"], "RUS", ("RUSGOV", "GOV")),  # nothing starts in "for ..."
        (["security official"], "TWN", ("TWNCOP", "COP")),
    ],
)
def test_entities_codes_from_roles_and_names(texts: list[str], country: str, code: tuple[Any, Any]) -> None:
    assert phrase_code(texts, country) == code


def _person(name: str, role: str = "", kb_id: str | None = None, affiliation: str | None = None,
            start: int = 0) -> Any:
    from reportedly.model import Affiliation, Entity, Role, Span

    roles = (Role(role, 0, len(role)),) if role else ()
    affs = (Affiliation(affiliation, affiliation, None, None),) if affiliation else ()
    return Entity("e1", name, "PERSON", kb_id, (), roles, affs, (Span(start, start + len(name), name),))


@pytest.mark.parametrize(
    ("role", "name", "code"),
    [
        ("A Nigerien army officer", "Ali", ("NERMIL", "MIL")),  # nationality word + agent noun
        ("a senior Taiwan security official", "Lin", ("TWNCOP", "COP")),  # a country name as modifier
        ("Egyptian intelligence chief", "Hassan Rashad", ("EGYSPY", "SPY")),
        ("his Omani counterpart", "Badr Albusaidi", ("OMN", None)),  # a country, no agent
        ("", "Nigerien army officer", ("NERMIL", "MIL")),  # a common-noun person: its own name
        ("", "Ali Hassan", (None, None)),  # a proper name with no role: no code guessed
        ("", "Chad Bown", (None, None)),  # a proper name is no country word
        ("Iraq War veteran", "Tom Young", (None, None)),  # the country is not the head's modifier
        ("retired Belgian general", "Jo Coelbart", ("BEL", None)),
    ],
)
def test_entities_codes_country_from_role_words(role: str, name: str, code: tuple[Any, Any]) -> None:
    from reportedly.extract.entities.codes import code_entities

    (coded,) = code_entities([_person(name, role)], load_gazetteer(), "2024-01-01")
    assert (coded.cameo, coded.sector) == code


@pytest.mark.parametrize(
    ("role", "code"),
    [
        ("", ("AFGELI", "ELI")),  # the gazetteer's term ended: a former leader
        ("former president", ("AFGELI", "ELI")),  # the dictionary's FORMER_PRESIDENT
        ("the president", ("AFGGOV", "GOV")),  # the article, newer than the gazetteer, names him in office
    ],
)
def test_entities_codes_out_of_office_read_with_the_article(role: str, code: tuple[Any, Any]) -> None:
    from reportedly.extract.entities.codes import code_entities

    ghani = _person("Ashraf Ghani", role, kb_id="rp:ashraf-ghani")
    (coded,) = code_entities([ghani], load_gazetteer(), "2022-02-01")
    assert (coded.cameo, coded.sector) == code


def test_entities_codes_possessive_owner_and_affiliation() -> None:
    from reportedly.extract.entities.codes import code_entities
    from reportedly.model import Entity, Span

    text = "Japan's Defense Ministry said it protested. Kremlin aide Vladimir Medinsky spoke."
    ministry = Entity("e1", "Defense Ministry", "ORG", None, (), (), (), (Span(8, 24, "Defense Ministry"),))
    kremlin = Entity("e2", "Kremlin", "ORG", None, (), (), (), (Span(44, 51, "Kremlin"),))
    kremlin = dataclasses.replace(kremlin, country="RUS", kind="government")
    aide = _person("Vladimir Medinsky", "Kremlin aide", affiliation="e2", start=57)
    aide = dataclasses.replace(aide, id="e3")
    coded = code_entities([aide, ministry, kremlin], load_gazetteer(), "2025", text)
    assert [(e.name, e.cameo, e.sector) for e in coded] == [
        ("Vladimir Medinsky", "RUSGOV", "GOV"),  # the role names no agent: the affiliated body's code
        ("Defense Ministry", "JPNGOV", "GOV"),  # the owner before the mention gives the country
        ("Kremlin", "RUSGOV", "GOV"),
    ]
    # without the article's text the owner is unknown: the agent alone
    assert code_entities([ministry], load_gazetteer(), "2025")[0].cameo == "GOV"


def test_entities_codes_head_words() -> None:
    assert head_words("Russia's special envoy for Afghanistan") == ["special", "envoy"]


def test_entities_codes_people_by_demonym() -> None:
    from reportedly.extract.entities.codes import code_entities
    from reportedly.model import Entity

    somalis = Entity("e1", "Somalis", "NORP", None, (), (), (), ())
    (coded,) = code_entities([somalis], load_gazetteer(), None)
    assert (coded.cameo, coded.sector) == ("SOM", None)


# Share of event parties with a CAMEO code over the golden outputs (bench/cameo_coverage.py): 0.935 when
# set, 0.933 with the harder US politics page added (111 of 119: its bodies and party members are
# coded from the agents dictionary and the dominant country); the uncoded are
# names the parser mistypes (a town as ORG, a village as PERSON), a footballer's club, a celebrity,
# "European" and a House committee's chairwoman named by "its chairwoman". Issue 13: every event's
# actors carry CAMEO codes. 0.952 (118 of 124) with persons coded by the title before their name ("Rep.
# Dana Whitfield": LEG), a party word of their role, or the article's frame country; the uncoded are
# a town and a village the parser took for an ORG and a PERSON ("Kyauk Kan village"), a club,
# "European", "Kinmen". 0.967 (117 of 121) once issue 13's precision round dropped a sports team's false
# event ("Everton, who have not beaten their neighbours away"): floor raised to 0.95. 0.991 (116 of 117)
# once places the parser mistyped are retyped as places of their country (entities/placenames.py:
# "Djibo", "Kyauk Kan", "Kinmen", no longer event parties where they were recipients); the one left
# uncoded is "Sahel" (a region across countries): floor raised to 0.975.
CODED_PARTIES_FLOOR = 0.975


def test_entities_codes_cover_the_golden_event_parties() -> None:
    from bench.cameo_coverage import coverage, read_articles

    from tests.conftest import ROOT

    coded, total = coverage(read_articles(str(p) for p in sorted((ROOT / "tests" / "golden").glob("*.json"))))
    assert total > 100 and coded / total >= CODED_PARTIES_FLOOR


def test_entities_codes_cover_a_us_politics_page_without_dateline() -> None:
    """PolNeAR-style news (US politics, no dateline): the organizations and groups among the event
    parties are coded from the agents dictionary's own phrases, in the article's dominant country."""
    from bench.cameo_coverage import parties, read_articles

    from tests.conftest import ROOT

    (article,) = read_articles([str(ROOT / "tests" / "golden" / "us-justice-inquiry-campaign.json")])
    groups = [p for p in parties(article) if p.type in ("ORG", "NORP")]
    assert groups and all(p.cameo and p.cameo.startswith("USA") for p in groups), groups
    codes = {e["name"]: e["cameo"] for e in article["entities"]}
    assert codes["Republican Party"] == codes["Republicans"] == "USAPTY"
    assert codes["Justice Department"] == "USAGOV"


def test_entities_codes_phoenix_terms_not_overridden_by_a_role() -> None:
    """Phoenix's dated codes stand: "President Bill Clinton" in a 2016 article is a former leader."""
    from reportedly.extract.entities.codes import code_entities

    clinton = _person("Bill Clinton", "President", kb_id="phx:bill-clinton")
    (coded,) = code_entities([clinton], load_gazetteer(), "2016-09-20")
    assert (coded.cameo, coded.sector) == ("USAELI", "ELI")


# "Police have arrested four people .", "Police arrested four people ." with "Police" read as a name (NNP,
# as the tagger reads it capitalized after a dateline): the plural verb tells its number
POLICE_HAVE = [
    ("Police", 2, "nsubj", "PROPN", "O"),
    ("have", 2, "aux", "AUX", "O"),
    ("arrested", 2, "ROOT", "VERB", "O"),
    ("four", 4, "nummod", "NUM", "O"),
    ("people", 2, "dobj", "NOUN", "O"),
    (".", 2, "punct", "PUNCT", "O"),
]


@pytest.mark.parametrize(("aux", "found"), [("VBP", True), ("VBZ", False)])
def test_entities_parties_plural_by_agreement(aux: str, found: bool) -> None:
    doc = make_doc(POLICE_HAVE)
    doc[0].tag_, doc[1].tag_ = "NNP", aux  # "have" (VBP) agrees with a plural, "has" (VBZ) with a singular
    ctx = DocContext("t", dateline=KABUL)
    agents = [(e.name, e.cameo) for e in extract_entities(doc, ctx) if e.kb_id is None]
    assert agents == ([("Police (Afghanistan)", "AFGCOP")] if found else [])


# "Police were searching for four people .": a past form of "be" (VBD, no VBP) tells the number by itself
POLICE_WERE = [
    ("Police", 2, "nsubj", "PROPN", "O"),
    ("were", 2, "aux", "AUX", "O"),
    ("searching", 2, "ROOT", "VERB", "O"),
    ("for", 2, "prep", "ADP", "O"),
    ("four", 5, "nummod", "NUM", "O"),
    ("people", 3, "pobj", "NOUN", "O"),
    (".", 2, "punct", "PUNCT", "O"),
]


@pytest.mark.parametrize(("aux", "found"), [("were", True), ("was", False)])
def test_entities_parties_plural_by_a_past_form_of_be(aux: str, found: bool) -> None:
    doc = make_doc([(aux if w == "were" else w, *rest) for w, *rest in POLICE_WERE])
    doc[0].tag_, doc[1].tag_, doc[2].tag_ = "NNP", "VBD", "VBG"
    ctx = DocContext("t", dateline=KABUL)
    agents = [(e.name, e.cameo) for e in extract_entities(doc, ctx) if e.kb_id is None]
    assert agents == ([("Police (Afghanistan)", "AFGCOP")] if found else [])
