"""Event dates: normalization against the publication date, and the date nearest a trigger."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from reportedly.extract.events.dating import context_year, date_index, find_date, normalize


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("on Tuesday", "2022-01-20", "2022-01-18"),
        ("Tuesday", None, None),
        ("August 15", "2022-01-20", "2021-08-15"),
        ("August 15", "2021-09-01", "2021-08-15"),
        ("August 15", None, None),
        ("November 2021", None, "2021-11"),
        ("In November 2021", "2022-03-01", "2021-11"),
        ("last week", "2022-01-20", "2022-01-13"),
        ("in 2019", None, "2019"),
        ("recently", "2022-01-20", None),
        ("last week", None, None),
        ("yesterday", "2022-01-20", "2022-01-19"),
        ("on Tuesday", "2022-01-18", "2022-01-18"),  # published on a Tuesday: that day
        ("next week", "2022-01-18", "2022-01-25"),  # relative dates ahead stay ahead
        ("earlier this month", "2022-01-18", "2022-01"),
        ("late last year", "2022-01-18", "2021"),
        ("Dec. 14", "2022-01-18", "2021-12-14"),
        ("the past decade", "2022-01-18", None),
    ],
)
def test_eventdates_normalize(text: str, published: str | None, value: str | None) -> None:
    assert normalize(text, published) == value


@pytest.mark.parametrize(
    ("text", "published", "year", "value"),
    [
        ("August 15", None, "2021", "2021-08-15"),  # the article's one explicit year
        ("on August 15", None, "2021", "2021-08-15"),
        ("Tuesday", None, "2021", None),  # a weekday needs the week, not only the year
        ("last week", None, "2021", None),
        ("August 15", "2022-01-20", "2019", "2021-08-15"),  # the publication date wins
        ("November 2020", None, "2021", "2020-11"),
    ],
)
def test_eventdates_normalize_in_context_year(
    text: str, published: str | None, year: str | None, value: str | None
) -> None:
    assert normalize(text, published, year) == value


def _doc(words: list[str], heads: list[int], deps: list[str], dates: list[tuple[int, int]]) -> Doc:
    nlp = spacy.blank("en")
    doc = Doc(
        nlp.vocab, words=words, heads=heads, deps=deps, pos=["VERB" if d == "ROOT" else "NOUN" for d in deps]
    )
    doc.ents = [Span(doc, s, e, label="DATE") for s, e in dates]
    return doc


@pytest.mark.parametrize(
    ("published", "expected"),
    [(None, ("Tuesday", None)), ("2022-01-20", ("Tuesday", "2022-01-18"))],
)
def test_eventdates_find_date_on_the_trigger(published: str | None, expected: tuple[str, str | None]) -> None:
    # "Russia attacked Kyiv on Tuesday"
    doc = _doc(
        ["Russia", "attacked", "Kyiv", "on", "Tuesday"],
        [1, 1, 1, 1, 3],
        ["nsubj", "ROOT", "dobj", "prep", "pobj"],
        [(4, 5)],
    )
    found = find_date(doc[1], published)
    assert found is not None and (found.text, found.value) == expected


def test_eventdates_vague_time_keeps_text() -> None:
    # "Norway recently hosted talks"
    doc = _doc(
        ["Norway", "recently", "hosted", "talks"], [2, 2, 2, 2], ["nsubj", "advmod", "ROOT", "dobj"], []
    )
    found = find_date(doc[2], "2022-01-20")
    assert found is not None and (found.text, found.value) == ("recently", None)


def test_eventdates_none_without_a_date() -> None:
    doc = _doc(["Norway", "hosted", "talks"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], [])
    assert find_date(doc[1], "2022-01-20") is None


@pytest.mark.parametrize(
    ("dates", "year"),
    [
        ([(0, 2)], "2021"),  # "November 2021"
        ([(0, 2), (3, 5)], None),  # two different years: none is the article's
        ([(3, 5), (6, 7)], "2019"),
        ([(6, 7)], None),  # no year at all
    ],
)
def test_eventdates_context_year(dates: list[tuple[int, int]], year: str | None) -> None:
    words = ["November", "2021", "and", "May", "2019", "on", "Tuesday"]
    doc = _doc(words, [0] * len(words), ["ROOT"] + ["dep"] * (len(words) - 1), dates)
    assert context_year(date_index(doc)) == year


def test_eventdates_skips_times_that_are_no_date() -> None:
    # "Rashford scored in the 12th minute": a TIME entity that names no calendar date
    doc = _doc(
        ["Rashford", "scored", "in", "the", "12th", "minute"],
        [1, 1, 1, 5, 5, 2],
        ["nsubj", "ROOT", "prep", "det", "amod", "pobj"],
        [(3, 6)],
    )
    assert find_date(doc[1], "2022-01-20") is None


@pytest.mark.parametrize(
    ("words", "heads", "deps", "trigger"),
    [
        # "Taliban on Wednesday denied that Baradar had met Massoud": the meeting came before
        (
            ["Taliban", "on", "Wednesday", "denied", "that", "Baradar", "had", "met", "Massoud"],
            [3, 3, 1, 3, 7, 7, 7, 3, 7],
            ["nsubj", "prep", "pobj", "ROOT", "mark", "nsubj", "aux", "ccomp", "dobj"],
            7,
        ),
        # "Taliban on Wednesday denied reports that Baradar met Massoud": the reports' date
        (
            ["Taliban", "on", "Wednesday", "denied", "reports", "that", "Baradar", "met", "Massoud"],
            [3, 3, 1, 3, 3, 7, 7, 4, 7],
            ["nsubj", "prep", "pobj", "ROOT", "dobj", "mark", "nsubj", "acl", "dobj"],
            7,
        ),
    ],
)
def test_eventdates_report_date_not_given_to_earlier_event(
    words: list[str], heads: list[int], deps: list[str], trigger: int
) -> None:
    doc = _doc(words, heads, deps, [(2, 3)])
    assert find_date(doc[trigger], "2022-02-02") is None


def test_eventdates_said_dates_a_simultaneous_event() -> None:
    # "On Tuesday, officials said troops were gathering": no perfect, no noun: the date climbs
    doc = _doc(
        ["On", "Tuesday", "officials", "said", "troops", "were", "gathering"],
        [3, 0, 3, 3, 6, 6, 3],
        ["prep", "pobj", "nsubj", "ROOT", "nsubj", "aux", "ccomp"],
        [(1, 2)],
    )
    found = find_date(doc[6], "2022-01-20")
    assert found is not None and found.text == "Tuesday"


def test_eventdates_date_of_a_relative_clause_is_not_the_events() -> None:
    # "France completed a withdrawal demanded by the junta that seized power in July"
    doc = _doc(
        ["France", "completed", "withdrawal", "demanded", "by", "junta"]
        + ["that", "seized", "power", "in", "July"],
        [1, 1, 1, 2, 3, 4, 7, 5, 7, 7, 9],
        ["nsubj", "ROOT", "dobj", "acl", "agent", "pobj", "nsubj", "relcl", "dobj", "prep", "pobj"],
        [(10, 11)],
    )
    assert find_date(doc[1], "2023-12-22") is None
    assert find_date(doc[7], "2023-12-22") is not None  # the seizure keeps its own date
