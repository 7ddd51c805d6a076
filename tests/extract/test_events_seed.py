"""The seed's eight events (../shared/seed/russia-host-talks.expected.yaml), from the real parse.

With hand-built entities and attributions (tests/extract/seed_records.py) the events stage is held
to the reference reading on its own; the end-to-end check runs it behind the real entities (#3)
and attribution (#4) stages.
"""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.extract.events import extract_events
from reportedly.model import DocContext, Event
from tests.extract.seed_records import seed_attributions, seed_entities

# type, actors, recipients, mediator, location, date text, status, attribution sources
EXPECTED = [
    (
        "AGREE",
        {"Russia"},
        {"Taliban", "National Resistance Front"},
        None,
        "Moscow",
        "Tuesday",
        "offered",
        {"q1", "q2", "q3"},
    ),
    ("ASSAULT", {"National Resistance Front"}, {"Taliban"}, None, None, None, "asserted", {"q7"}),
    (
        "CONSULT",
        {"Ahmad Massoud", "Abdul Ghani Baradar"},
        set(),
        "Russia",
        "Moscow",
        "recently",
        "disputed",
        {"q4", "q5", "q6", "q8", "q9"},
    ),
    (
        "CONSULT",
        {"Taliban", "Amir Khan Muttaqi", "Ahmad Massoud", "Ismail Khan"},
        set(),
        None,
        "Tehran",
        None,
        "asserted",
        set(),
    ),
    ("AGREE", {"National Resistance Front", "Taliban"}, set(), None, "Tehran", None, "negated", set()),
    ("ASSAULT", set(), set(), None, "Kabul", "August 15", "asserted", set()),
    ("MOBILIZE", {"National Resistance Front"}, set(), None, "Panjshir", "November 2021", "reported", {"q7"}),
    ("CONSULT", {"Taliban"}, {"Norway"}, None, "Oslo", "Recently", "asserted", set()),
]


@pytest.fixture(scope="module")
def seed_events(seed_article: Any, nlp: Any) -> tuple[list[Event], dict[str, str]]:
    text = seed_article.text
    entities = seed_entities(text)
    attributions = seed_attributions(text, entities)
    doc = nlp(text)
    events = extract_events(doc, entities, attributions, DocContext("seed", published=seed_article.published))
    return events, {e.id: e.name for e in entities}


def _reading(event: Event, names: dict[str, str]) -> tuple[Any, ...]:
    return (
        event.type,
        {names[a] for a in event.actors},
        {names[r] for r in event.recipients},
        names.get(event.mediator or ""),
        event.location.name if event.location else None,
        event.date.text if event.date else None,
        event.status,
        {s.attribution for s in event.sources if s.attribution},
    )


def test_events_seed_has_the_eight_reference_events(seed_events: tuple[list[Event], dict[str, str]]) -> None:
    events, names = seed_events
    assert [_reading(e, names) for e in events] == EXPECTED


@pytest.mark.parametrize("index", range(len(EXPECTED)))
def test_events_seed_offsets_and_ids(
    seed_events: tuple[list[Event], dict[str, str]], seed_article: Any, index: int
) -> None:
    events, _ = seed_events
    event = events[index]
    assert event.id == f"v{index + 1}"
    for span in (*event.evidence, event.trigger):
        assert span is not None and seed_article.text[span.start : span.end] == span.text


def test_events_seed_moscow_meeting_is_third_party_and_disputed(
    seed_events: tuple[list[Event], dict[str, str]],
) -> None:
    events, names = seed_events
    moscow = next(e for e in events if e.mediator)
    assert (moscow.mode, moscow.status, names[moscow.mediator or ""]) == ("third-party", "disputed", "Russia")
    stances = sorted(s.stance for s in moscow.sources)
    assert stances == ["assert", "assert", "deny", "non_committal", "non_committal"]


def test_events_seed_end_to_end(seed_article: Any) -> None:
    names = {e.id: e.name for e in seed_article.entities}
    got = [(e.type, e.status, e.location.name if e.location else None) for e in seed_article.events]
    assert got == [(kind, status, place) for kind, _, _, _, place, _, status, _ in EXPECTED]
    moscow = next(e for e in seed_article.events if e.status == "disputed")
    assert {names[a] for a in moscow.actors} == {"Ahmad Massoud", "Abdul Ghani Baradar"}
    assert names.get(moscow.mediator or "") == "Russia"
    assert sorted(s.stance for s in moscow.sources) == [
        "assert",
        "assert",
        "deny",
        "non_committal",
        "non_committal",
    ]
