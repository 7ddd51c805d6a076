"""A country is two ledger entities: the place and its government (issue 15), chosen by the article
entity's kind, which the text decides (a country that acts is its government, one that locates the place)."""

from __future__ import annotations

from pathlib import Path

import pytest

import reportedly
from reportedly.merge.entities import country_faces, entity_key, ledger_entity_id
from reportedly.model import Entity
from reportedly.store.database import connect
from reportedly.store.writer import store_batch
from tests.store.builders import ArticleBuilder


def country(kind: str | None, kb: str | None = "cty:RUS", name: str = "Russia") -> Entity:
    return Entity(
        id="e1",
        name=name,
        type="GPE",
        kb_id=kb,
        aliases=(),
        roles=(),
        affiliations=(),
        mentions=(),
        kind=kind,
    )


@pytest.mark.parametrize(
    ("entity", "key"),
    [
        (country("place"), "kb:cty:RUS"),
        (country("government"), "kb:cty:RUS:GOV"),
        (country(None), "kb:cty:RUS"),  # an entity of an older analysis, kind unknown: the place
        (country("government", "rp:taliban", "Taliban"), "kb:rp:taliban"),  # only countries have two
    ],
)
def test_entities_government_key(entity: Entity, key: str) -> None:
    assert entity_key(entity) == key


def test_entities_government_apart_from_place_across_articles(tmp_path: Path) -> None:
    arts = []
    for i, (text, kind) in enumerate(
        (("Moscow", "government"), ("Russia", "place"), ("Russia", "government"))
    ):
        b = ArticleBuilder(f"a{i}", published=f"2021-12-0{i + 1}")
        b.entity(text, type="GPE", kb_id="cty:RUS", kind=kind)
        arts.append(b.build())
    store_batch(connect(tmp_path / "l.db"), arts, [])
    with reportedly.open(tmp_path / "l.db") as ledger:
        found = sorted((e.kind, e.articles) for e in ledger.entities(type="GPE"))
    assert found == [("government", 2), ("place", 1)]


@pytest.mark.parametrize("kind", ["place", "government"])
def test_entities_country_faces_are_one_country_to_event_merging(kind: str) -> None:
    """Either face of a country names both ledger entities, so "Russia hosted talks" (the government) and
    "talks in Russia" (the place) still share the country when events are compared."""
    faces = country_faces(country(kind))
    assert faces == (ledger_entity_id("kb:cty:RUS"), ledger_entity_id("kb:cty:RUS:GOV"))
    assert ledger_entity_id(entity_key(country(kind))) in faces


def test_entities_country_faces_only_for_countries() -> None:
    assert country_faces(country("government", "rp:taliban", "Taliban")) == ()
    assert country_faces(country("place", None, "Kabul")) == ()
