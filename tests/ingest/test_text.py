"""Plain-text reader: the title is the first line only when a blank line follows it."""

from __future__ import annotations

import pytest

from reportedly.ingest import read_inputs
from reportedly.ingest.text import read_text, split_title
from reportedly.model import RawArticle, SourceRef
from tests.conftest import FIXTURES

SOURCE = SourceRef(path="a.txt", url=None, format="text")


@pytest.mark.parametrize(("text", "title"), [
    ("Title here\n\nBody one.\nBody two.", "Title here"),
    ("Title here\r\n\r\nBody with CRLF line ends.", "Title here"),
    ("\ufeffTitle after a BOM\n\nBody.", "Title after a BOM"),
    ("Title here\n  \nBlank line holds spaces.", "Title here"),
    ("First line of a paragraph\nrunning on to the second.\n\nNext paragraph.", None),
    ("One single line without a break", None),
    ("\n\nStarts with blank lines.", None),
    ("x" * 301 + "\n\nA first line too long to be a headline.", None),
])
def test_text_title_only_before_blank_line(text: str, title: str | None) -> None:
    assert split_title(text)[0] == title
    (article,) = read_text(text, SOURCE)
    assert article.title == title
    assert article.text == text and article.verbatim  # kept whole: offsets index into the file


def test_text_fixture_read_by_content() -> None:
    (article,) = read_inputs([str(FIXTURES / "inputs" / "harbour-strike.txt")], 1 << 20)
    assert isinstance(article, RawArticle)
    assert article.source.format == "text"
    assert article.title == "Dockworkers extend strike as talks stall in Rotterdam"
    assert "FNV Havens union" in article.text
