"""The seed's eight events (../shared/seed/russia-host-talks.expected.yaml), from the real parse.

With hand-built entities and attributions (tests/extract/events/seed_records.py) the events stage is held
to the reference reading on its own; the end-to-end check runs it behind the real entities (#3)
and attribution (#4) stages.
"""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.extract.events import extract_events
from reportedly.model import DocContext, Event
from tests.extract.events.seed_records import seed_attributions, seed_entities

# The reference reading, field by field: PLOVER roles (visitor = actor, host = recipient; in a mutual
# meeting every party is an actor; "X had mediated a meeting" = mediator), place, date (text, value:
# the article has no publication date, so "Tuesday" stays unresolved and "August 15" takes the article's
# one explicit year, 2021), status, attribution sources and the evidence sentences (their first words).
EXPECTED: list[dict[str, Any]] = [
    {
        "type": "AGREE",
        "actors": {"Russia"},
        "recipients": {"Taliban", "National Resistance Front"},
        "host": None,  # the offerer is the actor; a host is a recipient (PLOVER)
        "mediator": None,
        "location": "Moscow",
        "date": ("Tuesday", None),
        "status": "offered",
        "sources": {"q1", "q2", "q3"},
        "evidence": ["The Russian envoy", "In an interview", "“As for visits"],
    },
    {
        "type": "ASSAULT",
        "actors": {"National Resistance Front"},
        "recipients": {"Taliban"},
        "host": None,
        "mediator": None,
        "location": None,
        "date": None,
        "status": "asserted",
        "sources": {"q7"},
        "evidence": ["Meanwhile, a source", "After the fall", "In November 2021,"],
    },
    {
        "type": "CONSULT",
        "actors": {"Ahmad Massoud", "Abdul Ghani Baradar"},
        "recipients": set(),
        "host": None,  # Russia mediated; it is not the host
        "mediator": "Russia",
        "location": "Moscow",
        "date": ("recently", None),
        "status": "disputed",
        "sources": {"q4", "q5", "q6", "q8", "q9"},
        "evidence": ["Meanwhile, a source", "The meeting has", "“There is no", "Recently Norway hosted"],
    },
    {
        "type": "CONSULT",
        "actors": {"Taliban", "Amir Khan Muttaqi", "Ahmad Massoud", "Ismail Khan"},
        "recipients": set(),
        "host": None,
        "mediator": None,
        "location": "Tehran",
        "date": None,
        "status": "asserted",
        "sources": set(),
        "evidence": ["This unconfirmed report"],
    },
    {
        "type": "AGREE",
        "actors": {"National Resistance Front", "Taliban"},
        "recipients": set(),
        "host": None,
        "mediator": None,
        "location": "Tehran",
        "date": None,
        "status": "negated",
        "sources": set(),
        "evidence": ["However, the negotiations"],
    },
    {
        "type": "ASSAULT",
        "actors": {"Taliban"},  # the fall of Kabul, to the ones NRF resists
        "recipients": set(),
        "host": None,
        "mediator": None,
        "location": "Kabul",
        "date": ("August 15", "2021-08-15"),
        "status": "asserted",
        "sources": set(),
        "evidence": ["After the fall"],
    },
    {
        "type": "MOBILIZE",
        "actors": {"National Resistance Front"},
        "recipients": set(),
        "host": None,
        "mediator": None,
        "location": "Panjshir",
        "date": ("November 2021", "2021-11"),
        "status": "reported",
        "sources": {"q7"},
        "evidence": ["In November 2021,"],
    },
    {
        "type": "CONSULT",
        "actors": {"Taliban"},
        "recipients": {"Norway"},
        "host": "Norway",  # "Norway hosted meetings": the host, a recipient
        "mediator": None,
        "location": "Oslo",
        "date": ("Recently", None),
        "status": "asserted",
        "sources": set(),
        "evidence": ["Recently Norway hosted"],
    },
]
# The six provinces of the MOBILIZE event: one location whose text names them all.
PROVINCES = ["Panjshir", "Kapisa", "Parwan", "Badakhshan", "Balkh", "Baghlan"]


@pytest.fixture(scope="module")
def seed_events(seed_article: Any, nlp: Any) -> tuple[list[Event], dict[str, str]]:
    text = seed_article.text
    entities = seed_entities(text)
    attributions = seed_attributions(text, entities)
    doc = nlp(text)
    events = extract_events(doc, entities, attributions, DocContext("seed", published=seed_article.published))
    return events, {e.id: e.name for e in entities}


def _reading(event: Event, names: dict[str, str], sources: bool = True) -> dict[str, Any]:
    """The event as EXPECTED spells it, evidence sentences cut to the expected first words; the place
    and date as read in the text (a frame-inferred one is checked by `test_events_seed_frame_arguments`)."""
    return {
        "type": event.type,
        "actors": {names[a] for a in event.actors},
        "recipients": {names[r] for r in event.recipients},
        "host": names.get(event.host or ""),
        "mediator": names.get(event.mediator or ""),
        "location": event.location.name if event.location and event.location.source == "text" else None,
        "date": (event.date.text, event.date.value) if event.date and event.date.source == "text" else None,
        "status": event.status,
        "sources": {s.attribution for s in event.sources if s.attribution} if sources else None,
        "evidence": [ev.text for ev in event.evidence],
    }


def _check(events: list[Event], names: dict[str, str], sources: bool = True) -> None:
    assert len(events) == len(EXPECTED)
    for event, want in zip(events, EXPECTED, strict=True):
        got = _reading(event, names, sources)
        starts = want["evidence"]
        got["evidence"] = [t[: len(w)] for t, w in zip(got["evidence"], starts, strict=False)] + got[
            "evidence"
        ][len(starts) :]
        assert got == {**want, "sources": want["sources"] if sources else None}, event.id


def test_events_seed_has_the_eight_reference_events(seed_events: tuple[list[Event], dict[str, str]]) -> None:
    events, names = seed_events
    _check(events, names)


def test_events_seed_mobilize_names_all_six_provinces(
    seed_events: tuple[list[Event], dict[str, str]],
) -> None:
    events, _ = seed_events
    mobilize = next(e for e in events if e.type == "MOBILIZE")
    assert mobilize.location is not None
    assert all(p in mobilize.location.text for p in PROVINCES)


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
    """Behind the real entities and attribution stages: every field but the attribution ids."""
    names = {e.id: e.name for e in seed_article.entities}
    _check(list(seed_article.events), names, sources=False)
    moscow = next(e for e in seed_article.events if e.status == "disputed")
    assert sorted(s.stance for s in moscow.sources) == [
        "assert",
        "assert",
        "deny",
        "non_committal",
        "non_committal",
    ]


def test_events_seed_frame_arguments(seed_article: Any) -> None:
    """Events whose text names no place take the dateline's place (Kabul), marked as such; those read in
    the text keep theirs. The seed has no published date, so an undated event stays undated."""
    assert seed_article.published is None
    for event in seed_article.events:
        assert event.location is not None, event.id
        if event.location.source == "dateline":
            assert (event.location.name, event.location.country) == ("Kabul", "AFG")
        assert event.date is None or event.date.source == "text", event.id
    assert {e.location.source for e in seed_article.events if e.location} == {"text", "dateline"}
