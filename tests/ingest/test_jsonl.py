"""JSONL reader: one article per line with `text`; optional title, url, published; bad lines fail alone."""

from __future__ import annotations

import pytest

from reportedly.ingest import read_inputs
from reportedly.ingest.jsonl import read_jsonl
from reportedly.model import Failure, RawArticle, SourceRef
from tests.conftest import FIXTURES

SOURCE = SourceRef(path="a.jsonl", url=None, format="jsonl")


def test_jsonl_fixture_fields() -> None:
    items = list(read_inputs([str(FIXTURES / "inputs" / "articles.jsonl")], 1 << 20))
    assert all(isinstance(i, RawArticle) for i in items)
    first, second, third = items
    assert (first.title, first.source.url, first.published) == (
        "Measles cases rose sharply, WHO says", "https://news.example.org/who-measles", "2024-02-23")
    assert (second.title, second.source.url, second.published) == (None, None, None)
    assert third.source.path.endswith("articles.jsonl:4")  # the blank line 3 is skipped, numbering kept
    assert third.author == "Sam Okafor"


@pytest.mark.parametrize(("line", "reason"), [
    ('{"text": "ok", ', "invalid JSON"),
    ('["a list"]', "non-empty string 'text'"),
    ('{"title": "no text"}', "non-empty string 'text'"),
    ('{"text": "   "}', "non-empty string 'text'"),
    ('{"text": 42}', "non-empty string 'text'"),
    ('{"text": "ok", "published": "23/02/2024"}', "ISO 8601 date"),
])
def test_jsonl_bad_line_fails_alone(line: str, reason: str) -> None:
    good = '{"text": "A good article body."}'
    items = list(read_jsonl(f"{good}\n{line}\n{good}\n", SOURCE))
    assert [type(i).__name__ for i in items] == ["RawArticle", "Failure", "RawArticle"]
    failure = items[1]
    assert isinstance(failure, Failure)
    assert failure.source.path == "a.jsonl:2" and "line 2" in failure.error and reason in failure.error


@pytest.mark.parametrize(("value", "date"), [
    ('"2024-02-23"', "2024-02-23"),
    ('"2024-02-23T22:30:00Z"', "2024-02-23"),
    ('"2024-02-23T22:30:00+05:30"', "2024-02-23"),
    ('""', None),
    ("null", None),
])
def test_jsonl_published_kept_as_date(value: str, date: str | None) -> None:
    (article,) = read_jsonl(f'{{"text": "Body.", "published": {value}}}', SOURCE)
    assert isinstance(article, RawArticle) and article.published == date
