"""Cross-article event merging: hard constraints, scoring, and order-free, idempotent clustering."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportedly.merge.events import (
    MERGE_THRESHOLD,
    EventMention,
    cluster,
    compatible,
    dates_compatible,
    places_compatible,
    score,
)


def m(
    mid: str,
    parts: tuple[str, ...] = ("massoud", "baradar"),
    place: str | None = "g:524901",
    country: str | None = "RUS",
    date: str | None = None,
    published: str | None = "2021-12-01",
    type_: str = "CONSULT",
    **kw: object,
) -> EventMention:
    return EventMention(
        id=mid,
        article=mid.split("/")[0],
        type=type_,
        participants=frozenset(parts),
        place=place,
        country=country,
        date=date,
        published=published,
        **kw,
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "a,b,vague,ok",
    [
        (None, "2021-12-01", False, True),
        ("2021-12", "2021-12-05", False, True),
        ("2021-11", "2021-12-05", False, False),
        ("2021-12-01", "2021-12-02", False, True),
        ("2021-12-01", "2021-12-04", False, False),
        ("2021-11-22", "2021-11-24", True, True),
        ("2021", "2022-01-01", False, False),
    ],
)
def test_events_dates_compatible(a: str | None, b: str | None, vague: bool, ok: bool) -> None:
    assert dates_compatible(a, b, vague) is ok


@pytest.mark.parametrize(
    "pa,pb,ok",
    [
        (dict(place="g:524901", country="RUS"), dict(place="g:524901", country="RUS"), True),
        (dict(place="g:524901", country="RUS"), dict(place="g:112931", country="IRN"), False),
        (
            dict(place="g:524901", country="RUS"),
            dict(place="n:russia", country="RUS", country_level=True),
            True,
        ),
        (dict(place="g:1", country="AFG"), dict(place="g:2", country="AFG"), False),
        (dict(place=None, country=None), dict(place="g:112931", country="IRN"), True),
    ],
)
def test_events_places_compatible(pa: dict, pb: dict, ok: bool) -> None:
    assert places_compatible(m("a/1", **pa), m("b/1", **pb)) is ok


@pytest.mark.parametrize(
    "a,b,same",
    [
        (m("a/1"), m("b/1", parts=("massoud", "baradar", "russia")), True),
        (m("a/1"), m("b/1", parts=("massoud", "muttaqi"), place=None), False),
        (
            m("a/1", parts=("nrf", "taliban", "russia")),
            m("b/1", parts=("massoud", "baradar", "russia"), groups=frozenset({"nrf", "taliban"})),
            True,
        ),
    ],
)
def test_events_score_threshold(a: EventMention, b: EventMention, same: bool) -> None:
    assert (score(a, b) >= MERGE_THRESHOLD) is same


@pytest.mark.parametrize(
    "other,merged",
    [
        (m("b/1", date="2021-11-24"), True),
        (m("b/1", date="2021-12-20"), False),  # incompatible date: never merged
        (m("b/1", place="g:112931", country="IRN"), False),  # incompatible place
        (m("b/1", type_="AGREE"), False),
        (m("b/1", published="2022-06-01"), False),  # outside the window, dates unknown
        # same type, place, day and trigger, but no party in common: two meetings, not one
        (m("b/1", parts=("muttaqi", "kabulov"), date="2021-11-24", trigger="met"), False),
        (m("b/1", parts=(), date="2021-11-24", trigger="met"), True),  # no parties named: place, day decide
    ],
)
def test_events_cluster_pairs(other: EventMention, merged: bool) -> None:
    groups = cluster([m("a/1", date="2021-11-24", trigger="met"), other])
    assert (len(groups) == 1) is merged


def test_events_cluster_never_chains_incompatible() -> None:
    # b is compatible with a and with c, but a and c are 2 days apart: they never share an event.
    a, b, c = m("a/1", date="2021-11-22"), m("b/1"), m("c/1", date="2021-11-24")
    for group in cluster([a, b, c]):
        members = [x for x in (a, b, c) if x.id in group]
        assert all(compatible(x, y) for x in members for y in members)


PEOPLE = ["massoud", "baradar", "kabulov", "muttaqi", "russia"]
mentions = st.builds(
    lambda i, parts, place, day, pub, t: EventMention(
        id=f"a{i}/e",
        article=f"a{i}",
        type=t,
        participants=frozenset(parts),
        place=place,
        country={"g:1": "RUS", "g:2": "IRN", None: None}[place],
        date=f"2021-12-{day:02d}" if day else None,
        published=f"2021-12-{pub:02d}",
    ),
    st.integers(0, 40),
    st.sets(st.sampled_from(PEOPLE), max_size=3),
    st.sampled_from(["g:1", "g:2", None]),
    st.one_of(st.none(), st.integers(1, 9)),
    st.integers(1, 28),
    st.sampled_from(["CONSULT", "AGREE"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(mentions, max_size=14, unique_by=lambda x: x.id), st.randoms(use_true_random=False))
def test_events_cluster_order_free_and_idempotent(ms: list[EventMention], rnd: random.Random) -> None:
    once = cluster(ms)
    shuffled = list(ms)
    rnd.shuffle(shuffled)
    assert cluster(shuffled) == once  # the order of arrival does not matter
    assert cluster(ms + shuffled) == once  # merging the same mentions again changes nothing
    assert sorted(i for g in once for i in g) == sorted(x.id for x in ms)  # each mention in one event
    by_id = {x.id: x for x in ms}
    for group in once:  # never an incompatible pair inside an event
        assert all(compatible(by_id[a], by_id[b]) for a in group for b in group)


DOHA = "g:290030"


def doha(
    mid: str, published: str, date: str | None, parts: tuple[str, ...] = ("us", "taliban")
) -> EventMention:
    return m(mid, parts=parts, place=DOHA, country="QAT", date=date, published=published, trigger="talks")


@pytest.mark.parametrize("order", [1, -1])
def test_events_recounted_weeks_later_joins_its_first_report(order: int) -> None:
    """A 10 March report of Doha talks on 9 March, and a 1 April article recalling "the talks in Doha"
    in a background paragraph (no date of its own): one event, whatever the order of arrival."""
    first = doha("a/1", "2024-03-10", "2024-03-09")
    recalled = doha("b/1", "2024-04-01", None)
    assert cluster([first, recalled][::order]) == [frozenset({"a/1", "b/1"})]


@pytest.mark.parametrize(
    "other",
    [
        doha("b/1", "2024-05-01", None),  # more than RECOUNT_DAYS later: no longer placed in that span
        doha("b/1", "2024-03-01", None),  # published before the talks took place
        doha("b/1", "2024-04-01", "2024-03-30"),  # its own date, three weeks after: another round
        # recalled weeks later, but in Tehran: the seed's Moscow meeting and Tehran talks stay apart
        m("b/1", parts=("us", "taliban"), place="g:112931", country="IRN", published="2024-04-01"),
    ],
)
def test_events_recount_span_keeps_other_events_apart(other: EventMention) -> None:
    assert len(cluster([doha("a/1", "2024-03-10", "2024-03-09"), other])) == 2


def test_events_two_undated_mentions_still_need_close_publications() -> None:
    assert len(cluster([doha("a/1", "2024-03-10", None), doha("b/1", "2024-04-01", None)])) == 2


weeks_apart = st.builds(
    lambda i, parts, place, day, pub, t: EventMention(
        id=f"a{i}/e",
        article=f"a{i}",
        type=t,
        participants=frozenset(parts),
        place=place,
        country={"g:1": "RUS", "g:2": "IRN", None: None}[place],
        date=(f"2021-{10 + day // 28}-{day % 28 + 1:02d}" if day is not None else None),
        published=f"2021-{10 + pub // 28}-{pub % 28 + 1:02d}",
    ),
    st.integers(0, 40),
    st.sets(st.sampled_from(PEOPLE), max_size=3),
    st.sampled_from(["g:1", "g:2", None]),
    st.one_of(st.none(), st.integers(0, 83)),
    st.integers(0, 83),
    st.sampled_from(["CONSULT", "AGREE"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(weeks_apart, max_size=14, unique_by=lambda x: x.id), st.randoms(use_true_random=False))
def test_events_cluster_order_free_over_weeks(ms: list[EventMention], rnd: random.Random) -> None:
    """Mentions published over three months, dated or recalled: any ingest order gives the same events."""
    once = cluster(ms)
    shuffled = list(ms)
    rnd.shuffle(shuffled)
    assert cluster(shuffled) == once
    assert cluster(ms + shuffled) == once


def test_events_inferred_arguments_do_not_merge_or_split() -> None:
    """A place or date inferred from the dateline or the published date says where and when the article
    was filed: the merge features ignore it (stored mentions without `source` were read in the text)."""
    from reportedly.merge.claims import to_event_mention

    base = {"id": "a/v1", "article": "a", "type": "CONSULT", "actors": ["x"], "recipients": [],
            "country_level": False, "published": "2021-11-30"}
    read = {**base, "location": {"text": "Moscow", "name": "Moscow", "geonameid": 524901},
            "date": {"text": "Tuesday", "value": "2021-11-30"}}
    kabul = {"text": "Kabul", "name": "Kabul", "geonameid": 1138958, "source": "dateline"}
    inferred = {**base, "location": kabul,
                "date": {"text": "2021-11-30", "value": "2021-11-30", "source": "published"}}
    assert (to_event_mention(read).place, to_event_mention(read).date) == ("g:524901", "2021-11-30")
    assert (to_event_mention(inferred).place, to_event_mention(inferred).date) == (None, None)


@pytest.mark.parametrize(
    ("name", "country", "geonameid", "level"),
    [
        ("Russia", "RUS", 2017370, True),  # pycountry: "Russian Federation"
        ("Turkey", "TUR", 298795, True),  # pycountry: "Türkiye"
        ("France", "FRA", None, True),  # a name pycountry lists
        ("Moscow", "RUS", 524901, False),
        ("Russia", None, None, False),  # unresolved and unknown to pycountry
    ],
)
def test_claims_country_level_reads_the_country_entry(
    name: str, country: str | None, geonameid: int | None, level: bool
) -> None:
    """A location resolved to its country's own gazetteer entry is country-level, as the events code
    reads a country, though pycountry names it otherwise."""
    from reportedly.merge.claims import is_country_level
    from reportedly.model import Location

    assert is_country_level(Location(name, name, country, geonameid)) is level
    assert is_country_level(None) is False
