"""The article's frame: its dateline's place (ISO-3 + geonameid) and its time frame, the fallbacks of
event locations and dates, each marked by its source."""

from __future__ import annotations

import pytest

from reportedly.extract.events.dating import frame_date
from reportedly.extract.places import frame_location
from reportedly.gazetteer import load_gazetteer
from reportedly.model import Dateline, DocContext


@pytest.mark.parametrize(
    ("place", "country", "found"),
    [
        ("Kabul", "Afghanistan", ("Kabul", "AFG", 1138958)),
        ("Moscow", None, ("Moscow", "RUS", 524901)),
        ("Nowhereville", "Afghanistan", ("Afghanistan", "AFG", 1149361)),  # unknown place: the country
        (None, None, None),
    ],
)
def test_frame_location_of_the_dateline(place: str | None, country: str | None, found: tuple | None) -> None:
    dateline = Dateline(text="...", place=place, country=country, agency=None)
    got = frame_location(dateline, load_gazetteer())
    assert (got.name, got.country, got.geonameid) == found if found else got is None


@pytest.mark.parametrize(
    ("published", "dated", "found"),
    [
        ("2021-11-30", None, ("2021-11-30", "published")),
        ("2021-11-30", "2021-11-29", ("2021-11-29", "dateline")),  # the dateline's day is the story's
        (None, "--11-29", None),  # no year: not a date
        (None, None, None),
    ],
)
def test_frame_date_of_the_article(published: str | None, dated: str | None, found: tuple | None) -> None:
    dateline = Dateline(text="...", place="Kabul", country=None, agency=None, date=dated)
    got = frame_date(DocContext("a", published=published, dateline=dateline))
    assert (got.value, got.source) == found if found else got is None


@pytest.mark.parametrize(
    ("published", "year", "found"),
    [
        (None, "2025", ("2025-11-29", "dateline")),  # the article's one year completes the dateline's day
        (None, None, None),
        ("2024-11-30", "2025", ("2024-11-30", "published")),  # a published date is surer than a named year
    ],
)
def test_frame_date_dateline_without_year(
    published: str | None, year: str | None, found: tuple | None
) -> None:
    dateline = Dateline(text="...", place="Kabul", country=None, agency=None, date="--11-29")
    got = frame_date(DocContext("a", published=published, dateline=dateline), year)
    assert (got.value, got.source) == found if found else got is None


@pytest.mark.parametrize(
    ("name", "context", "country"),
    [
        # a city in a country the article names gives way to one elsewhere that dwarfs it
        ("Paris", {"USA"}, "FRA"),
        ("Santa Cruz", {"USA"}, "USA"),  # none elsewhere dwarfs the Californian one: the context settles it
        # a US state outranks a small town of its name elsewhere, unless the article names the town's country
        ("Arizona", set(), "USA"),
        ("Arizona", {"HND"}, "HND"),
        ("Washington", set(), "USA"),  # the capital, a city as large as the state's name
    ],
)
def test_places_ambiguous_names_not_settled_by_a_small_town(
    name: str, context: set[str], country: str
) -> None:
    from reportedly.extract.places import resolve_place

    place = resolve_place(name, load_gazetteer(), frozenset(context))
    assert place is not None and place.country == country
