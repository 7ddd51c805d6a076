"""Cross-article entity resolution: kb ids decide, names match by the within-article rules."""

from __future__ import annotations

from pathlib import Path

import pytest

import reportedly
from reportedly.merge.entities import Candidate, better_name, entity_key, pick_match
from reportedly.model import Entity
from reportedly.store.database import connect
from reportedly.store.writer import store_batch
from tests.store.builders import ArticleBuilder


def ent(name: str, type_: str = "PERSON", kb: str | None = None, aliases: tuple[str, ...] = ()) -> Entity:
    return Entity(
        id="e1", name=name, type=type_, kb_id=kb, aliases=aliases, roles=(), affiliations=(), mentions=()
    )


@pytest.mark.parametrize(
    "a,b,same",
    [
        (ent("Ahmad Massoud", kb="rp:ahmad-massoud"), ent("Massoud", kb="rp:ahmad-massoud"), True),
        (ent("Mullah Abdul Ghani Baradar"), ent("Abdul Ghani Baradar"), True),
        (ent("the Taliban", "ORG"), ent("Taliban", "NORP"), True),
        (ent("Ahmad Massoud"), ent("Ahmad Shah Massoud"), False),
        (ent("Moscow", "GPE"), ent("Moscow", "PERSON"), False),
    ],
)
def test_entities_key(a: Entity, b: Entity, same: bool) -> None:
    assert (entity_key(a) == entity_key(b)) is same


SON = Candidate(id="en_son", name="Ahmad Massoud", kb_id="rp:ahmad-massoud")
FATHER = Candidate(id="en_father", name="Ahmad Shah Massoud", kb_id="rp:ahmad-shah-massoud")


@pytest.mark.parametrize(
    "entity,candidates,expected",
    [
        (ent("Ahamd Masoud"), [SON, FATHER], "en_son"),  # a typo of the son, never the father
        (ent("Massoud"), [SON, FATHER], None),  # ambiguous: a new entity rather than a guess
        (ent("Ahmad Shah Massoud"), [SON], None),  # distinct people
        (ent("Ahmad Massoud", kb="rp:other"), [SON], None),  # two kb ids never merge
        (ent("Resistance Front", "ORG"), [Candidate("en_nrf", "National Resistance Front", None)], "en_nrf"),
    ],
)
def test_entities_pick_match(entity: Entity, candidates: list[Candidate], expected: str | None) -> None:
    found = pick_match(entity, candidates)
    assert (found.id if found else None) == expected


@pytest.mark.parametrize("a,b", [("Kabulov", "Zamir Kabulov"), ("Zamir Kabulov", "Kabulov")])
def test_entities_better_name_order_free(a: str, b: str) -> None:
    assert better_name(a, b) == "Zamir Kabulov"


def test_entities_one_entity_across_articles(tmp_path: Path) -> None:
    arts = []
    for i, (name, role, kb) in enumerate(
        [
            ("Zamir Kabulov", "Russian envoy for Afghanistan", "rp:zamir-kabulov"),
            ("Kabulov", "special envoy", "rp:zamir-kabulov"),  # linked: the gazetteer id decides
            ("Zamir Kabulov", "presidential envoy", "rp:zamir-kabulov"),
            ("Zamir Kabulov", "diplomat", None),  # unlinked: never joins a linked entity by name alone
            ("Zamir N. Kabulov", "diplomat", None),  # ... but joins the unlinked one (rule 3)
            ("Kabulov", "envoy", None),  # a bare surname joins its exact key only
        ]
    ):
        b = ArticleBuilder(f"a{i}", published=f"2021-12-0{i + 1}")
        b.entity(name, kb_id=kb, roles=(role,))
        b.entity("Ahmad Shah Massoud", roles=("late commander",))
        arts.append(b.build())
    store_batch(connect(tmp_path / "l.db"), arts, [])
    with reportedly.open(tmp_path / "l.db") as ledger:
        found = {e.kb_id or e.name: e for e in ledger.entities(name="Kabulov")}
        assert set(found) == {"rp:zamir-kabulov", "Zamir N. Kabulov", "Kabulov"}
        linked = found["rp:zamir-kabulov"]
        assert linked.articles == 3 and set(linked.aliases) == {"Zamir Kabulov", "Kabulov"}
        assert [r.published for r in linked.roles] == ["2021-12-01", "2021-12-02", "2021-12-03"]
        assert found["Zamir N. Kabulov"].articles == 2 and found["Kabulov"].articles == 1
        assert len(ledger.entities(name="Massoud")) == 1


@pytest.mark.parametrize(
    "first,second",
    [
        ("Moammar Gadhafi", "Muammar Qaddafi"),  # o/u, g/q: the surnames' blocks used to differ
        ("Osama bin Laden", "Usama bin Ladin"),  # and the first initials
        ("Khaled Mashaal", "Khalid Meshaal"),
    ],
)
def test_entities_one_person_whatever_the_spelling(tmp_path: Path, first: str, second: str) -> None:
    arts = []
    for i, name in enumerate((first, second)):
        b = ArticleBuilder(f"a{i}", published=f"2021-12-0{i + 1}")
        b.entity(name, roles=("leader",))
        arts.append(b.build())
    store_batch(connect(tmp_path / "l.db"), arts, [])
    with reportedly.open(tmp_path / "l.db") as ledger:
        (person,) = ledger.entities(type="PERSON")
        assert set(person.aliases) == {first, second} and person.articles == 2


def test_entities_namesakes_stay_apart_across_articles(tmp_path: Path) -> None:
    arts = []
    for i, name in enumerate(("Kim Jong Un", "Kim Jong Il", "Bashar al-Assad", "Hafez al-Assad")):
        b = ArticleBuilder(f"a{i}", published=f"2021-12-0{i + 1}")
        b.entity(name)
        arts.append(b.build())
    store_batch(connect(tmp_path / "l.db"), arts, [])
    with reportedly.open(tmp_path / "l.db") as ledger:
        assert len(ledger.entities(type="PERSON")) == 4
