"""Persons no gazetteer entry codes (issue 13: every event's actors carry CAMEO codes): the title the
article writes before the name, a party word, else the article's frame country; and how each code was
read (`cameo_source`, `cameo_inferred`)."""

from __future__ import annotations

import dataclasses

import pytest

from reportedly.extract.entities.codes import code_entities, is_person_name, party_code, title_before
from reportedly.gazetteer import load_gazetteer
from reportedly.model import Entity, Role, Span


def _named(text: str, name: str, role: str = "", kb_id: str | None = None) -> Entity:
    """A PERSON entity for `name` at its first occurrence in `text`."""
    start = text.index(name)
    roles = (Role(role, 0, len(role)),) if role else ()
    return Entity("e1", name, "PERSON", kb_id, (), roles, (), (Span(start, start + len(name), name),))


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Massachusetts Sen. Elizabeth Warren grilled him.", "Elizabeth Warren", "Massachusetts Sen."),
        ("Republican Indiana Gov. Mike Pence spoke.", "Mike Pence", "Republican Indiana Gov."),
        ("Republicans seethed that Clinton’s lawyer Cheryl Mills was granted it.", "Cheryl Mills", "lawyer"),
        ("She met former Secretary of State Jane Roe.", "Jane Roe", "former Secretary of State"),
        ("Clinton went up against Bernie Sanders five times.", "Bernie Sanders", ""),  # no title
        ("It was said by Trump. Bernie Sanders agreed.", "Bernie Sanders", ""),  # a sentence's end
        ("He said Mrs. Hillary Clinton would.", "Hillary Clinton", ""),  # a courtesy title only
        ("the committee's chairwoman, Rep. Dana Whitfield, said", "Dana Whitfield", "Rep."),
        ("access must be guaranteed.” -Commissioner Hadja Lahbib", "Hadja Lahbib", "Commissioner"),
    ],
)
def test_codes_title_before_a_name(text: str, name: str, title: str) -> None:
    assert title_before(text, text.index(name)) == title


@pytest.mark.parametrize(
    ("text", "name", "frame", "expected"),
    [
        # the title in the agents dictionary; a region of the title gives the country
        ("Massachusetts Sen. Elizabeth Warren grilled him.", "Elizabeth Warren", None,
         ("USALEG", "LEG", "role", False)),
        ("New Jersey Gov. Chris Christie said.", "Chris Christie", None, ("USAGOV", "GOV", "role", False)),
        # no country in the title: the frame's, inferred
        ("Sen. Ted Cruz is endorsing him.", "Ted Cruz", "USA", ("USALEG", "LEG", "role", True)),
        ("Sen. Ted Cruz is endorsing him.", "Ted Cruz", None, ("LEG", "LEG", "role", False)),
        # a past office: ELI, as FORMER_PRESIDENT
        ("She met former Secretary of State Jane Roe.", "Jane Roe", "USA", ("USAELI", "ELI", "role", True)),
        ("Retired U.S. Air Force Gen. Norman Ham said", "Norman Ham", None, ("USAELI", "ELI", "role", False)),
        # a name alone: the frame country, inferred; none without a frame
        ("Campaigning against Mitt Romney, he lost.", "Mitt Romney", "USA", ("USA", None, "country", True)),
        ("Campaigning against Mitt Romney, he lost.", "Mitt Romney", None, (None, None, None, False)),
        # a name every mention of which modifies a place noun is a place the parser took for a person
        ("The attack on Kyauk Kan village killed 20.", "Kyauk Kan", "MMR", (None, None, None, False)),
        ("The Mitt Romney campaign said.", "Mitt Romney", "USA", ("USA", None, "country", True)),
    ],
)
def test_codes_person_by_title_or_frame(text: str, name: str, frame: str | None,
                                        expected: tuple[str | None, str | None, str | None, bool]) -> None:
    (coded,) = code_entities([_named(text, name)], load_gazetteer(), "2016-10-01", text, frame)
    assert (coded.cameo, coded.sector, coded.cameo_source, coded.cameo_inferred) == expected


def test_codes_person_by_party_word_of_role() -> None:
    """A party word of the role ("Democratic pollster") codes the party's member, PTY."""
    text = "Pat Caddell warned them."
    person = _named(text, "Pat Caddell", role="longtime Democratic pollster")
    (coded,) = code_entities([person], load_gazetteer(), None, text, "USA")
    assert (coded.cameo, coded.cameo_source, coded.cameo_inferred) == ("USAPTY", "party", True)
    assert party_code(["top Democrat"]) == "~PTY"
    assert party_code(["longtime pollster", "Massachusetts Sen."]) is None


def test_codes_source_of_a_gazetteer_code() -> None:
    text = "President Bill Clinton spoke."
    clinton = _named(text, "Bill Clinton", role="President", kb_id="phx:bill-clinton")
    (coded,) = code_entities([clinton], load_gazetteer(), "2016-09-20", text, "USA")
    assert (coded.cameo, coded.cameo_source, coded.cameo_inferred) == ("USAELI", "gazetteer", False)


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Mitt Romney", True),
        ("Clinton", True),  # WordNet's first sense is a person
        ("Everton", False),  # a single word WordNet lacks: a club, a town ("Sahel", "Anfield")
        ("Twitter", False),
        ("South Korea", False),  # names a country
        ("Wells Fargo Bank", False),  # an organization's word
    ],
)
def test_codes_person_name_coded_by_country_alone(name: str, person: bool) -> None:
    assert is_person_name(name, load_gazetteer()) is person


def test_codes_person_by_the_country_its_coded_actors_share() -> None:
    """An article whose places frame no country (none named) but whose coded actors are of one country
    gives a person named alone that country, inferred; with no coded actor to agree on one, none."""
    gaz = load_gazetteer()
    text = "Barack Obama and Bill Clinton praised Mitt Romney."
    obama = _named(text, "Barack Obama", kb_id="rp:barack-obama")
    clinton = dataclasses.replace(_named(text, "Bill Clinton", kb_id="phx:bill-clinton"), id="e2")
    romney = dataclasses.replace(_named(text, "Mitt Romney"), id="e3")
    coded = code_entities([obama, clinton, romney], gaz, "2016-10-01", text)[2]
    assert (coded.cameo, coded.cameo_source, coded.cameo_inferred) == ("USA", "country", True)
    assert code_entities([romney], gaz, "2016-10-01", text)[0].cameo is None
