"""Relays: addressed media, crediting outlets, descriptions resolved to the outlet named before."""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.extract.attribution.extractor import extract_attributions
from reportedly.model import Dateline, DocContext, Entity, Span


def _entity(eid: str, name: str, text: str, kind: str, etype: str = "ORG") -> Entity:
    start = TEXT.index(text)
    return Entity(eid, name, etype, None, (name,), (), (), (Span(start, start + len(text), text),), kind=kind)


TEXT = (
    "The envoy, Ivan Petrov, told TASS that the talks would go ahead in May.\n\n"
    "A source close to the army told Tolo News that troops had left the city, reported Ariana.\n\n"
    "The ministry said that the border would stay closed, as per the media outlet."
)


@pytest.fixture(scope="module")
def atts(nlp: Any) -> list[Any]:
    entities = [
        _entity("e1", "TASS", "TASS", "media"),
        _entity("e2", "Tolo News", "Tolo News", "media"),
        _entity("e3", "Ivan Petrov", "Ivan Petrov", "person", "PERSON"),
    ]
    ctx = DocContext("t", dateline=Dateline("Kabul (ANI):", "Kabul", None, "ANI"))
    return extract_attributions(nlp(TEXT), entities, ctx)


@pytest.mark.parametrize(
    ("index", "chain"),
    [
        (0, ["TASS", "ANI"]),  # told TASS
        (1, ["Tolo News", "Ariana", "ANI"]),  # told Tolo News, reported Ariana
        (2, ["Tolo News", "ANI"]),  # "as per the media outlet": the outlet named last before
    ],
)
def test_relays_chain_nearest_first_agency_last(atts: list[Any], index: int, chain: list[str]) -> None:
    assert [r.text for r in atts[index].via] == chain


def test_relays_link_media_entities(atts: list[Any]) -> None:
    assert atts[0].via[0].entity == "e1"
    assert atts[0].speaker.entity == "e3"
    assert atts[2].via[0].entity == "e2"
