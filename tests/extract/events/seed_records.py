"""Hand-built entities and attributions for the seed article, from its reference reading
(../shared/seed/russia-host-talks.expected.yaml), so the events stage is tested on its own while
the entities (#3) and attribution (#4) stages are built. Mentions are found by exact search."""

from __future__ import annotations

import re

from reportedly.model import Attribution, Entity, Span, Speaker

# name, type, kind, country, geonameid, surface forms (longest first wins at a position)
SEED_ENTITIES = [
    ("Zamir Kabulov", "PERSON", "person", "RUS", None, ["Zamir Kabulov", "Kabulov"]),
    ("Russia", "GPE", "government", "RUS", 2017370, ["Russia", "Moscow is ready", "Russian officials"]),
    (
        "Ministry of Foreign Affairs of Russia",
        "ORG",
        "government",
        "RUS",
        None,
        ["Russian ministry of foreign affairs"],
    ),
    (
        "Taliban",
        "ORG",
        "armed_group",
        "AFG",
        None,
        ["Taliban", "Islamic Emirate", "Afghanistan’s authorities", "new Afghan authorities"],
    ),
    (
        "National Resistance Front",
        "ORG",
        "armed_group",
        "AFG",
        None,
        [
            "National Resistance Force",
            "NRF",
            "Afghan National Resistance Front",
            "Resistance Front",
            "opposition forces",
        ],
    ),
    ("Ahmad Massoud", "PERSON", "person", "AFG", None, ["Ahmad Massoud", "Ahamd Masoud"]),
    ("Ahmad Shah Massoud", "PERSON", "person", "AFG", None, ["Ahmad Shah Massoud"]),
    (
        "Abdul Ghani Baradar",
        "PERSON",
        "person",
        "AFG",
        None,
        ["Mullah Abdul Ghani Baradar", "Abdul Ghani Baradar"],
    ),
    ("Bilal Karimi", "PERSON", "person", "AFG", None, ["Bilal Karimi"]),
    ("Amir Khan Muttaqi", "PERSON", "person", "AFG", None, ["Amir Khan Mutaqqi"]),
    ("Ismail Khan", "PERSON", "person", "AFG", None, ["Ismail Khan"]),
    ("TASS", "ORG", "media", "RUS", None, ["TASS"]),
    ("Tolo News", "ORG", "media", "AFG", None, ["Tolo News"]),
    ("ANI", "ORG", "media", "IND", None, ["ANI"]),
    ("Norway", "GPE", "government", "NOR", 3144096, ["Norway"]),
    ("Kabul", "GPE", "place", "AFG", 1138958, ["Kabul"]),
    ("Afghanistan", "GPE", "place", "AFG", 1149361, ["Afghanistan"]),
    ("Moscow", "GPE", "place", "RUS", 524901, ["Moscow"]),
    ("Tehran", "GPE", "place", "IRN", 112931, ["Tehran"]),
    ("Oslo", "GPE", "place", "NOR", 3143244, ["Oslo"]),
    ("Panjshir", "GPE", "place", "AFG", 1131461, ["Panjshir"]),
    ("Kapisa", "GPE", "place", "AFG", 1138255, ["Kapisa"]),
    ("Parwan", "GPE", "place", "AFG", 1131256, ["Parwan"]),
    ("Badakhshan", "GPE", "place", "AFG", 1147707, ["Badakhshan"]),
    ("Balkh", "GPE", "place", "AFG", 1147288, ["Balkh"]),
    ("Baghlan", "GPE", "place", "AFG", 1147538, ["Baghlan"]),
]

# speaker entity name or None, speaker text, kind, content (exact text), stance
SEED_ATTRIBUTIONS = [
    (
        "Zamir Kabulov",
        "Zamir Kabulov",
        "person",
        "Moscow is ready to receive delegates of both Afghanistan’s authorities and opposition forces "
        "to prevent war "
        "in Afghanistan, in case they are interested",
        "assert",
    ),
    (
        "Zamir Kabulov",
        "Kabulov",
        "person",
        "Russian officials have repeatedly declared they will host such meetings",
        "assert",
    ),
    (
        "Zamir Kabulov",
        "Kabulov",
        "person",
        "As for visits to Moscow by representatives of both the new Afghan authorities and opposition "
        "forces, we have "
        "repeatedly confirmed our readiness to demonstrate hospitality if they are interested in that,",
        "assert",
    ),
    (
        None,
        "a source close to National Resistance Force (NRF)",
        "anonymous",
        "Russia had mediated a meeting recently between the Islamic Emirate and the Resistance Front, "
        "in which Ahmad "
        "Massoud met Mullah Abdul Ghani Baradar, first deputy of the PM, in Moscow",
        "assert",
    ),
    ("Taliban", "Islamic Emirate officials", "organization", "the meeting.", "non_committal"),
    (
        "Bilal Karimi",
        "Bilal Karimi",
        "person",
        "There is no official information on hand about the trip of Mullah Abdul Ghani Baradar "
        "to any country,",
        "non_committal",
    ),
    (
        "National Resistance Front",
        "the Afghan National Resistance Front",
        "organization",
        "more and more people were joining the organization to fight the Taliban rule, "
        "with members of the NRF "
        "gathering in Panjshir, Kapisa, Parwan, Badakhshan, Balkh, and Baghlan provinces",
        "assert",
    ),
    (
        None,
        "reports",
        "unattributed",
        "Abdul Ghani Baradar had left Kabul for Moscow to meet Ahmad Massoud",
        "assert",
    ),
    (
        "Ministry of Foreign Affairs of Russia",
        "the Russian ministry of foreign affairs",
        "organization",
        "the meeting, reported",
        "deny",
    ),
]


def seed_entities(text: str) -> list[Entity]:
    """The seed's entities with every exact occurrence of their surface forms as mentions."""
    taken: set[int] = set()
    out = []
    forms = sorted(((f, n) for n, *_, fs in SEED_ENTITIES for f in fs), key=lambda p: -len(p[0]))
    mentions: dict[str, list[Span]] = {}
    for form, name in forms:
        for m in re.finditer(rf"\b{re.escape(form)}\b", text):
            if taken & set(range(m.start(), m.end())):
                continue
            taken |= set(range(m.start(), m.end()))
            mentions.setdefault(name, []).append(Span(m.start(), m.end(), m.group()))
    for i, (name, typ, kind, country, geonameid, forms_) in enumerate(SEED_ENTITIES, start=1):
        spans = tuple(sorted(mentions.get(name, []), key=lambda s: s.start))
        out.append(
            Entity(
                id=f"e{i}",
                name=name,
                type=typ,
                kb_id=None,
                aliases=tuple(forms_),
                roles=(),
                affiliations=(),
                mentions=spans,
                kind=kind,
                country=country,
                geonameid=geonameid,
            )
        )
    return out


def seed_attributions(text: str, entities: list[Entity]) -> list[Attribution]:
    """The seed's attributions, their content spans found by exact search ('the meeting' twice: in order)."""
    ids = {e.name: e.id for e in entities}
    out = []
    cursor = 0
    for i, (name, speaker, kind, content, stance) in enumerate(SEED_ATTRIBUTIONS, start=1):
        start = text.find(content, cursor if content.startswith("the meeting") else 0)
        assert start >= 0, content
        end = (
            start + len(content.split(",")[0].rstrip("."))
            if content.startswith("the meeting")
            else start + len(content)
        )
        cursor = end if content.startswith("the meeting") else cursor
        where = text.find(speaker)
        out.append(
            Attribution(
                id=f"q{i}",
                speaker=Speaker(
                    ids.get(name) if name else None,
                    speaker,
                    kind,
                    where if where >= 0 else None,
                    where + len(speaker) if where >= 0 else None,
                ),
                cue=Span(start, start, ""),
                content=Span(start, end, text[start:end]),
                direct=False,
                via=(),
                stance=stance,
            )
        )
    return out
