"""Detection rules of issue 13: which parties a sentence names (countries, people no entity covers, the
party an object bears on). Docs are built by hand (no statistical model)."""

from __future__ import annotations

from reportedly.extract.events.arguments import ArgIndex, is_country_entity, roles_for
from reportedly.extract.events.extractor import _names_target
from reportedly.extract.places import country_place
from reportedly.model import Entity, Span
from tests.extract.events.test_events import _doc, _entities


def _place(name: str, iso3: str, geonameid: int | None) -> Entity:
    return Entity("e1", name, "GPE", None, (name,), (), (), (Span(0, len(name), name),),
                  kind="place", country=iso3, geonameid=geonameid)


def test_country_entity_by_the_gazetteer_entry_not_only_pycountry_names() -> None:
    russia = country_place("RUS")
    assert russia is not None and russia.geonameid is not None
    # pycountry lists "Russian Federation", so the name alone is no country; the gazetteer entry is
    assert is_country_entity(_place("Russia", "RUS", russia.geonameid))
    assert not is_country_entity(_place("Moscow", "RUS", 524901))  # a city in it is not
    assert not is_country_entity(_place("Essequibo", "GUY", None))
    assert is_country_entity(_place("Syria", "SYR", None))  # a name pycountry knows


def _verb_object(obj: tuple[str, str], extra: list[tuple[str, str, int, str, str]] | None = None):  # type: ignore[no-untyped-def]
    # "Iran tortured a <obj> ..."
    return _doc([
        ("Iran", "Iran", 1, "nsubj", "PROPN"),
        ("tortured", "torture", 1, "ROOT", "VERB"),
        ("a", "a", 3, "det", "DET"),
        (obj[0], obj[1], 1, "dobj", "NOUN"),
        *(extra or []),
    ])


def test_a_person_or_group_object_names_a_target_by_wordnet_class() -> None:
    assert _names_target(_verb_object(("inmate", "inmate"))[1])  # noun.person
    assert _names_target(_verb_object(("crowd", "crowd"))[1])  # noun.group
    assert not _names_target(_verb_object(("referendum", "referendum"))[1])  # noun.act
    assert not _names_target(_verb_object(("rim", "rim"))[1])  # noun.shape


def test_a_possessed_group_is_its_owners() -> None:
    # "Medinsky headed Moscow 's team": the team is Moscow's, no party of its own
    doc = _doc([
        ("Medinsky", "Medinsky", 1, "nsubj", "PROPN"),
        ("headed", "head", 1, "ROOT", "VERB"),
        ("Moscow", "Moscow", 4, "poss", "PROPN"),
        ("'s", "'s", 2, "case", "PART"),
        ("team", "team", 1, "dobj", "NOUN"),
    ])
    assert not _names_target(doc[1])


def test_the_object_names_whom_the_act_bears_on() -> None:
    # "Iran lifted the embargo against Libya" / "... the embargo of 1990"
    doc = _doc([
        ("Iran", "Iran", 1, "nsubj", "PROPN"),
        ("lifted", "lift", 1, "ROOT", "VERB"),
        ("the", "the", 3, "det", "DET"),
        ("embargo", "embargo", 1, "dobj", "NOUN"),
        ("against", "against", 3, "prep", "ADP"),
        ("Libya", "Libya", 4, "pobj", "PROPN"),
    ])
    entities = _entities(doc, {"Iran": ("government", "GPE"), "Libya": ("government", "GPE")})
    roles = roles_for(doc[1], ArgIndex.build(doc, entities))
    assert (roles.actors, roles.recipients) == (["e1"], ["e2"])
    # the verb's own target wins over its object's
    doc = _doc([
        ("Iran", "Iran", 1, "nsubj", "PROPN"),
        ("gave", "give", 1, "ROOT", "VERB"),
        ("aid", "aid", 1, "dobj", "NOUN"),
        ("on", "on", 2, "prep", "ADP"),
        ("Monday", "Monday", 3, "pobj", "PROPN"),
        ("to", "to", 1, "prep", "ADP"),
        ("Libya", "Libya", 5, "pobj", "PROPN"),
    ])
    entities = _entities(doc, {"Iran": ("government", "GPE"), "Libya": ("government", "GPE")})
    assert roles_for(doc[1], ArgIndex.build(doc, entities)).recipients == ["e2"]
