"""End to end on the seed: the entity clusters of ../shared/seed/russia-host-talks.expected.yaml, exactly."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from reportedly.clean import clean_article
from reportedly.extract.entities import extract_entities
from reportedly.model import DocContext, Entity, RawArticle, SourceRef


def _plain(text: str) -> str:
    """Expected aliases carry notes ("Moscow (as government, ...)") and straight apostrophes."""
    return re.sub(r"\s*\(.*\)$", "", text).replace("’", "'")


@pytest.fixture(scope="module")
def expected(shared: Path) -> dict[str, Any]:
    text = (shared / "seed" / "russia-host-talks.expected.yaml").read_text("utf-8")
    # One alias carries an unquoted note, 'Moscow (as government, "Moscow is ready")', that is not YAML.
    return yaml.safe_load(re.sub(r" \(as [^)]*\)", "", text))


@pytest.fixture(scope="module")
def seed(nlp: Any, shared: Path) -> tuple[str, list[Entity]]:
    path = shared / "seed" / "russia-host-talks.txt"
    raw = RawArticle(SourceRef(str(path), None, "text"), path.read_text("utf-8"), verbatim=True)
    article = clean_article(raw)
    doc = nlp(article.text)
    ctx = DocContext(article.id, article.published, article.dateline, article.title)
    return article.text, extract_entities(doc, ctx)


def _by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def _expected_actors(expected: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in expected["entities"] if "name" in e]


def _expected_places(expected: dict[str, Any]) -> list[str]:
    return next(e["places"] for e in expected["entities"] if "places" in e)


def test_entities_seed_clusters_exactly(seed, expected) -> None:  # type: ignore[no-untyped-def]
    _, entities = seed
    names = [e.name for e in entities]
    assert len(names) == len(set(names)), "one entity per real-world entity"
    wanted = {e["name"] for e in _expected_actors(expected)} | set(_expected_places(expected))
    assert set(names) == wanted


def test_entities_seed_each_actor(seed, expected) -> None:  # type: ignore[no-untyped-def]
    _, entities = seed
    found = _by_name(entities)
    for want in _expected_actors(expected):
        ent = found[want["name"]]
        assert ent.type == want["type"], want["name"]
        aliases = {_plain(a) for a in ent.aliases}
        assert {_plain(a) for a in want.get("aliases", [])} <= aliases, want["name"]
        roles = [r.text for r in ent.roles]
        for role in want.get("roles", []):
            assert any(role in r or r in role for r in roles), (want["name"], role, roles)
        if "affiliation" in want:
            assert want["affiliation"] in [a.name for a in ent.affiliations], want["name"]
        if "kind" in want:
            assert ent.kind == want["kind"]


def test_entities_seed_father_and_son_stay_apart(seed) -> None:  # type: ignore[no-untyped-def]
    _, entities = seed
    found = _by_name(entities)
    son, father = found["Ahmad Massoud"], found["Ahmad Shah Massoud"]
    assert "Ahamd Masoud" in son.aliases
    assert [m.text for m in father.mentions] == ["Ahmad Shah Massoud"]
    assert father.roles[0].text == "late former Afghan guerrilla commander"


def test_entities_seed_moscow_by_context(seed) -> None:  # type: ignore[no-untyped-def]
    text, entities = seed
    found = _by_name(entities)
    ready = text.index("Moscow is ready")
    assert any(m.start == ready for m in found["Russia"].mentions)
    assert found["Russia"].kind == "government"
    place = found["Moscow"]
    assert place.kind == "place" and place.geonameid == 524901 and place.country == "RUS"
    assert all(m.start != ready for m in place.mentions)
    assert all(text[m.start - 3 : m.start] in ("in ", "to ", "or ") for m in place.mentions)


def test_entities_seed_places_resolved(seed, expected) -> None:  # type: ignore[no-untyped-def]
    _, entities = seed
    found = _by_name(entities)
    for name in _expected_places(expected):
        assert found[name].country == "AFG" or name in ("Moscow", "Tehran", "Oslo"), name
    assert found["Kabul"].geonameid == 1138958 and found["Tehran"].country == "IRN"
    assert found["Afghanistan"].kind == "place" and found["Norway"].kind == "government"


def test_entities_seed_invariants(seed) -> None:  # type: ignore[no-untyped-def]
    text, entities = seed
    assert [e.id for e in entities] == [f"e{i}" for i in range(1, len(entities) + 1)]
    firsts = [e.mentions[0].start for e in entities if e.mentions]
    assert firsts == sorted(firsts)
    for ent in entities:
        for m in ent.mentions:
            assert text[m.start : m.end] == m.text
        for r in ent.roles:
            assert 0 <= r.start < r.end <= len(text)
        ids = {e.id for e in entities}
        assert all(a.entity in ids for a in ent.affiliations if a.entity)


def test_entities_seed_media_and_kb(seed) -> None:  # type: ignore[no-untyped-def]
    _, entities = seed
    found = _by_name(entities)
    for name in ("TASS", "Tolo News", "ANI"):
        assert found[name].kind == "media" and found[name].kb_id
    assert found["Taliban"].kb_id == "rp:taliban"
    assert "the organization" in [m.text for m in found["National Resistance Front"].mentions]
    assert "the organization" not in found["National Resistance Front"].aliases
    # "first deputy of the PM": the PM is not named in the seed, so "the PM" joins nobody
    assert not any("PM" in m.text for e in entities for m in e.mentions)
