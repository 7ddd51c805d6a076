"""HTML reader: trafilatura's main text, title and author; htmldate's publication date; size cap."""

from __future__ import annotations

import pytest

from reportedly.errors import InputError
from reportedly.ingest.html import extract_html, find_published, read_html
from reportedly.model import SourceRef
from tests.conftest import FIXTURES

SOURCE = SourceRef(path="page.html", url=None, format="html")
PAGE = (FIXTURES / "inputs" / "council-vote.html").read_text("utf-8")


def test_html_fixture_main_text_and_metadata() -> None:
    (article,) = read_html(PAGE, SOURCE)
    assert article.title == "City council approves flood barrier plan"
    assert article.author == "Maria Ortega"
    assert article.published == "2024-03-14"
    assert "voted 7-2 on Wednesday night" in article.text
    assert "once-in-200-years flood" in article.text
    assert "Ana Lima" in article.text


@pytest.mark.parametrize("boilerplate", ["Most read", "School budget cuts", "All rights reserved", "Privacy"])
def test_html_fixture_boilerplate_left_out(boilerplate: str) -> None:
    (article,) = read_html(PAGE, SOURCE)
    assert boilerplate not in article.text


@pytest.mark.parametrize(("html", "date"), [
    ('<html><head><meta property="article:published_time" content="2021-11-30T08:00:00Z"></head>'
     "<body><p>Text.</p></body></html>", "2021-11-30"),
    ('<html><head><meta name="date" content="2019-06-20"></head><body><p>x</p></body></html>', "2019-06-20"),
    ("<html><body><p>No date anywhere in this page.</p></body></html>", None),
])
def test_html_find_published(html: str, date: str | None) -> None:
    assert find_published(html) == date


@pytest.mark.parametrize("html", [
    "<html><head><title>Only a title</title></head><body></body></html>",
    "<html><body><script>var tracking = 1;</script></body></html>",
])
def test_html_page_without_text_fails(html: str) -> None:
    with pytest.raises(InputError, match="no article text"):
        extract_html(html, SOURCE)


@pytest.mark.parametrize("limit", [1000, len(PAGE) - 1])
def test_html_page_over_size_cap_fails(limit: int) -> None:
    with pytest.raises(InputError, match="max_html_bytes"):
        extract_html(PAGE, SOURCE, max_bytes=limit)
