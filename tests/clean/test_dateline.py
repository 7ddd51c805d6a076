"""The dateline parser on real wire forms (tests/fixtures/datelines.tsv) and on look-alikes."""

from __future__ import annotations

import csv

import pytest

from reportedly.clean.dateline import agency_from_byline, parse_dateline
from tests.conftest import FIXTURES


def _rows() -> list[list[str]]:
    with (FIXTURES / "datelines.tsv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if row]
    return [row for row in rows if not row[0].startswith("#")]


ROWS = _rows()


def test_dateline_fixture_covers_agencies() -> None:
    assert len(ROWS) >= 50
    assert len({row[3] for row in ROWS if row[3]}) >= 25
    assert all(len(row) == 6 for row in ROWS)


@pytest.mark.parametrize(("opening", "place", "country", "agency", "date", "text"), ROWS,
                         ids=[row[5] for row in ROWS])
def test_dateline_fixture_parsed(opening: str, place: str, country: str, agency: str, date: str,
                                 text: str) -> None:
    dateline, consumed = parse_dateline(opening)
    assert dateline is not None
    assert (dateline.place, dateline.country, dateline.agency, dateline.date) == (
        place or None, country or None, agency or None, date or None)
    assert dateline.text == text
    body = opening[consumed:]
    assert body[:1].isupper(), body
    assert opening.startswith(dateline.text)


@pytest.mark.parametrize(
    "opening",
    [
        "WASHINGTON state officials said on Monday that the fires were contained.",
        "US President Joe Biden said: “We will not recognize the Taliban.”",
        "BREAKING: Taliban take control of Kabul airport.",
        "“We are ready to host talks,” Kabulov told TASS.",
        "NATO — the alliance said on Tuesday — will send more troops.",
        "UPDATE 1-Taliban say they want good ties with all countries",
        "EXCLUSIVE: Russia and China discussed the plan.",
        "COVID-19: Cases rise again in Europe.",
        "Moscow is ready to receive delegates of both sides.",
        "The Russian envoy for Afghanistan, Zamir Kabulov, said on Tuesday.",
        "Kabul, the capital, was quiet on Tuesday.",
        "ISLAMABAD-based analysts said the talks would fail.",
        "WATCH: The moment the bridge collapsed.",
        "The (AP) report was wrong.",
        "Biden — who spoke on Tuesday — said he was ready.",
        "Reuters — the news agency — reported the deal.",
        "",
    ],
)
def test_dateline_rejects_look_alikes(opening: str) -> None:
    assert parse_dateline(opening) == (None, 0)


@pytest.mark.parametrize(
    ("line", "agency"),
    [("By Jane Doe, Reuters", "Reuters"), ("By Humeyra Pamuk and Simon Lewis, Reuters", "Reuters"),
     ("By Kathy Gannon | AP", "AP"), ("By Jane Doe", None), ("By 2030, Reuters said", None)],
)
def test_dateline_agency_from_byline(line: str, agency: str | None) -> None:
    assert agency_from_byline(line) == agency
