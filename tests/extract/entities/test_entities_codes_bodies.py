"""CAMEO codes of parties the gazetteer does not list, read from the Phoenix agents dictionary's own
phrases: bodies ("Justice Department", "Republican Party"), spokespersons (the body they speak for, not
MED), documents (no actor), party members ("Republicans" where the article names the party) and the
article's frame or dominant country (issue 13, deliverable 2)."""

from __future__ import annotations

import dataclasses

import pytest

from reportedly.extract import wordnet
from reportedly.extract.agents import body_code, hypernym_code, is_spokesperson
from reportedly.extract.entities.codes import code_entities, dominant_country, entry_code, phrase_code
from reportedly.gazetteer import GazetteerEntry, load_gazetteer
from reportedly.model import Affiliation, Entity, Role, Span


def entity(eid: str, name: str, etype: str, *, roles: tuple[str, ...] = (), mentions: int = 1,
           country: str | None = None, affiliations: tuple[Affiliation, ...] = ()) -> Entity:
    return Entity(
        id=eid, name=name, type=etype, kb_id=None, aliases=(name,),
        roles=tuple(Role(text=r, start=0, end=len(r)) for r in roles),
        affiliations=affiliations, mentions=tuple(Span(0, len(name), name) for _ in range(mentions)),
        kind="place" if etype == "GPE" else None, country=country,
    )


def codes(entities: list[Entity], frame: str | None = None) -> dict[str, tuple[str | None, str | None]]:
    return {e.name: (e.cameo, e.sector) for e in code_entities(entities, load_gazetteer(()), None, "", frame)}


def test_entities_body_code_reads_bodies_from_the_dictionarys_phrases() -> None:
    assert body_code("party") == "~PTY"  # PARTY_MEMBER [~PTY]
    assert body_code("department") == "~GOV"  # DEPARTMENT_OF_DEFENSE, _OF_COMMERCE ... all GOV
    assert body_code("senate") == "~LEG"  # listed by itself
    assert body_code("council") is None  # its kinds disagree: GOV, LEG, JUD
    assert body_code("state") is None  # "state official" names no body "state"


def test_entities_spokesperson_words_are_the_dictionarys() -> None:
    assert is_spokesperson("Spokeswoman") and is_spokesperson("spokesman")
    assert not is_spokesperson("official")


def test_entities_organizations_named_by_a_body_noun_take_its_sector_and_the_frame() -> None:
    found = codes([
        entity("e1", "Justice Department", "ORG"),
        entity("e2", "Republican Party", "ORG"),
        entity("e3", "Defense Department", "ORG"),  # DEPARTMENT_OF_DEFENSE [~GOVMIL]
    ], frame="USA")
    assert found["Justice Department"] == ("USAGOV", "GOV")
    assert found["Republican Party"] == ("USAPTY", "PTY")
    assert found["Defense Department"] == ("USAGOVMIL", "GOV")


def test_entities_a_spokesman_codes_as_the_body_he_speaks_for_not_as_media() -> None:
    ministry = entity("e1", "Foreign Ministry", "ORG")
    found = codes([
        ministry,
        entity("e2", "Esmaeil Baghaei", "PERSON", roles=("Foreign Ministry spokesman",),
               affiliations=(Affiliation("Foreign Ministry", "e1", None, None),)),
        entity("e3", "Majed al-Ansari", "PERSON", roles=("Qatari foreign ministry spokesman",)),
        entity("e4", "Zaw Min Tun", "PERSON", roles=("spokesman",)),
    ], frame="IRN")
    assert found["Esmaeil Baghaei"] == ("IRNGOV", "GOV")
    assert found["Majed al-Ansari"] == ("QATGOV", "GOV")
    assert found["Zaw Min Tun"][1] != "MED"  # a spokesman of no named body is no journalist


def test_entities_an_agreement_is_no_actor() -> None:
    found = codes([entity("e1", "North American Free Trade Agreement", "ORG")], frame="USA")
    assert found["North American Free Trade Agreement"] == (None, None)


def test_entities_party_members_take_the_party_named_in_the_article() -> None:
    found = codes([entity("e1", "Ohio Libertarian Party", "ORG"), entity("e2", "Libertarians", "NORP"),
                   entity("e3", "Libertarian", "NORP")], frame="USA")
    assert found["Libertarians"] == ("USAPTY", "PTY")
    found = codes([entity("e3", "Libertarian", "NORP")], frame="USA")
    assert found["Libertarian"] == (None, None)  # no Libertarian Party here; WordNet: an advocate, no JUD


def test_entities_dominant_country_needs_two_thirds_of_the_place_mentions() -> None:
    places = [entity("e1", "Ohio", "GPE", country="USA", mentions=4),
              entity("e2", "Moscow", "GPE", country="RUS")]
    assert dominant_country(places) == "USA"
    places.append(entity("e3", "Russia", "GPE", country="RUS", mentions=2))
    assert dominant_country(places) is None  # 4 of 7: an article about both countries frames neither
    # no dateline: the dominant country frames an unlisted body
    found = codes([*places[:2], entity("e4", "Justice Department", "ORG")])
    assert found["Justice Department"] == ("USAGOV", "GOV")


needs_wordnet = pytest.mark.skipif(not wordnet.available(), reason="WordNet files are missing")


@needs_wordnet
def test_entities_hypernym_code_bridges_wordnet_to_the_agents_dictionary() -> None:
    people = frozenset({"noun.person", "noun.group"})
    assert hypernym_code("GOP") == "~PTY"  # Republican Party -> party (PARTY_MEMBER [~PTY])
    assert hypernym_code("FBI") == "~COP"  # -> law enforcement agency
    assert hypernym_code("Republicans", people) == "~PTY"  # republican -> politician
    assert hypernym_code("Catholics", people) == "~CHR"  # catholic -> Christian
    assert hypernym_code("Amazon") is None  # first sense a person, not an organization
    assert hypernym_code("Republicans") is None  # a person is no organization


@needs_wordnet
def test_entities_groups_named_by_wordnet_take_the_frame_only_in_politics() -> None:
    found = codes([entity("e1", "Republicans", "NORP"), entity("e2", "Catholics", "NORP"),
                   entity("e3", "GOP", "ORG"), entity("e4", "Democratic", "NORP"),
                   entity("e5", "Islamic", "NORP")], frame="USA")
    assert found["Republicans"] == found["Democratic"] == ("USAPTY", "PTY")  # Democrat-ic: a democrat
    assert found["Islamic"] == ("MUS", "MUS")  # Islam-ic: the Muslim community, in no country
    assert found["GOP"] == ("USAPTY", "PTY")
    assert found["Catholics"] == ("CHR", "CHR")  # believers belong to no country the text does not give


def test_entities_an_undated_article_reads_the_latest_phoenix_term() -> None:
    """Phoenix lists Ricardo Mangue Obama Nfube GNQGOVLAB 2003-2004 and GNQGOV 2004-2010, with no undated
    default: without a date his latest term codes him, not the first listed."""
    gaz = load_gazetteer()
    nfube = dataclasses.replace(entity("e1", "Ricardo Mangue Obama Nfube", "PERSON"),
                                kb_id="phx:ricardo-mangue-obama-nfube")
    (undated,) = code_entities([nfube], gaz, None)
    (dated,) = code_entities([nfube], gaz, "2003-06-01")
    assert (undated.cameo, dated.cameo) == ("GNQGOV", "GNQGOVLAB")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("Democratic vice presidential nominee Sen.", ("USALEG", "LEG")),  # senator: LEG
        ("Gov.", ("USAGOV", "GOV")),  # governor
        ("Amb.", ("USAGOV", "GOV")),  # ambassador
    ],
)
def test_entities_ap_title_abbreviations_code_as_the_title(role: str, expected: tuple[str, str]) -> None:
    # the dictionary lists these titles in full only (TITLE_ABBREVIATIONS)
    assert phrase_code([role], "USA") == expected


def test_entities_organizations_code_by_sector_and_an_outlet_takes_no_frame() -> None:
    # codes._sector_code: a legal form is a company (in the frame); an outlet the text makes one (kind
    # "media", entities/sectors.py) is MED without the frame: a dateline's agency is often foreign
    found = codes([
        entity("e1", "Exxon Mobil Corp", "ORG"),
        dataclasses.replace(entity("e2", "Nordvik Tribune Online", "ORG"), kind="media"),
    ], frame="USA")
    assert found["Exxon Mobil Corp"] == ("USABUS", "BUS")
    assert found["Nordvik Tribune Online"] == ("MED", "MED")


def test_entities_a_media_entry_without_a_sector_takes_med() -> None:
    # codes.KIND_SECTORS: Phoenix's generated media entries carry no sector; their kind gives MED
    media = GazetteerEntry("x", "Foo TV", "media", "ORG", "test", country="GBR")
    assert entry_code(media, None, None) == ("GBRMED", "MED")
    assert entry_code(dataclasses.replace(media, country=None), None, None) == ("MED", "MED")
    plain = dataclasses.replace(media, kind="organization", country=None)
    assert entry_code(plain, None, None) == (None, None)
