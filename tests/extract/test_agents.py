"""The Phoenix agents dictionary read as PETRARCH documents it: plurals, `{}` and `{PLURAL}`,
substitution sets, prefix and suffix codes; CAMEO actor codes joined from country and agent."""

from __future__ import annotations

import pytest

from reportedly.extract import agents

RECORDS = [
    "!PERSON! = MAN, MEN, WOMAN",
    "GUNMAN {} [~UAF]  # a comment",
    "REBEL [~REB]",
    "MILITIA [~UAF]",
    "ARMY [~MIL]",
    "ATTORNEY [~JUD]",
    "WITNESS [~CVL]",
    "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]",
    "POLICE!PERSON!  [~COP]",
    "PEACEKEEPING_TROOPS {} [IGO~]",
    "CONGRESS!PERSON! [~LEG}",
    "TRUCE_MONITOR_ [IGO~]",
    "ISLAMIC_EXTREMIST",
]


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("gunman", "~UAF"),
        ("gunmen", None),  # {}: no plural made
        ("rebel", "~REB"),
        ("rebels", "~REB"),  # regular plural
        ("militias", "~UAF"),
        ("armies", "~MIL"),  # Y -> IES
        ("armys", None),
        ("attorneys", "~JUD"),  # a vowel before the Y: the plain plural too
        ("witnesses", "~CVL"),  # SS -> +ES
        ("attorney general", "~GOV"),
        ("attorneys general", "~GOV"),  # the irregular plural given
        ("attorney generals", None),
        ("policeman", "~COP"),  # substitution set members, without plurals
        ("policewoman", "~COP"),
        ("policemen", "~COP"),
        ("policemans", None),
        ("peacekeeping troops", "IGO~"),
        ("congressmen", "~LEG"),  # the malformed closing brace is read
        ("truce monitor", "IGO~"),
        ("truce monitors", None),  # a trailing _ stops the plural
        ("islamic extremist", None),  # no code: skipped
    ],
)
def test_agents_parse_records(phrase: str, code: str | None) -> None:
    table = dict(agents.parse_records(RECORDS))
    assert table.get(agents.key(phrase)) == code


def test_agents_whole_dictionary_is_read() -> None:
    table = agents.build_table()
    assert len(table) > 5000  # 2,244 records with their plurals and substitutions
    assert agents.lookup("armed men") == "~UAF"
    assert agents.lookup("Riot Police") == "~COP"
    assert agents.lookup("troops") == "~MIL"
    assert agents.agent_table() == table  # the cached copy is the same table


@pytest.mark.parametrize(
    ("words", "found"),
    [
        (["Turkish", "riot", "police"], (1, "~COP")),
        (["armed", "men"], (0, "~UAF")),
        (["heavy", "rain"], None),
    ],
)
def test_agents_match_suffix(words: list[str], found: tuple[int, str] | None) -> None:
    assert agents.match_suffix(words) == found


@pytest.mark.parametrize(
    ("country", "agent", "code", "sector"),
    [
        ("RUS", "~GOV", "RUSGOV", "GOV"),
        ("AFG", "~REB", "AFGREB", "REB"),
        ("SYR", "IGO~", "IGOSYR", "IGO"),
        (None, "~UAF", "UAF", "UAF"),
        ("RUS", None, "RUS", None),
        ("PSE", "~GOVMED", "PSEGOVMED", "GOV"),
    ],
)
def test_agents_code_for(country: str | None, agent: str | None, code: str, sector: str | None) -> None:
    assert agents.code_for(country, agent) == code
    assert agents.sector_of(agent) == sector


@pytest.mark.parametrize(
    ("noun", "body"),
    [
        ("government", True),  # GOVERNMENT_OFFICIAL [~GOV]
        ("Court", True),  # COURT_OFFICIAL [~JUD]
        ("ministry", True),  # MINISTRY_DELEGATION_ [~GOV]
        ("minister", False),  # an office holder
        ("president", False),
        ("gunman", False),
    ],
)
def test_agents_is_body(noun: str, body: bool) -> None:
    assert agents.is_body(noun) is body


@pytest.mark.parametrize(
    ("noun", "sector", "listed"),
    [
        ("forces", "MIL", True),  # ARMED_FORCES, GOVERNMENT_FORCES ... and REBEL_FORCES (REB) too
        ("guards", "MIL", True),
        ("goods", None, False),  # the dictionary lists no kind of goods
    ],
)
def test_agents_kind_sectors(noun: str, sector: str | None, listed: bool) -> None:
    kinds = agents.kind_sectors(noun)
    assert bool(kinds) == listed
    assert (max(kinds, key=kinds.__getitem__) if kinds else None) == sector
