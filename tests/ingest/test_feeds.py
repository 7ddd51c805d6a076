"""Feed reader: each RSS/Atom item is an article, full content preferred; entity expansion refused."""

from __future__ import annotations

import pytest

from reportedly.errors import InputError
from reportedly.ingest import read_inputs
from reportedly.ingest.feeds import read_feed
from reportedly.model import Failure, RawArticle, SourceRef
from tests.conftest import FIXTURES

SOURCE = SourceRef(path="f.rss", url=None, format="feed")
INPUTS = FIXTURES / "inputs"


def test_feeds_rss_items_are_articles_full_content_first() -> None:
    first, second = read_inputs([str(INPUTS / "wire.rss")], 1 << 20)
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert first.title == "Ministers agree grain corridor extension"
    assert first.source.url == "https://wire.example.com/world/grain-corridor-extension"
    assert first.source.path and first.source.path.endswith("wire.rss#1")
    assert (first.published, first.author) == ("2024-05-06", "Lena Fischer")
    # content:encoded (three paragraphs) wins over the one-sentence description
    assert "parliaments of two of the countries" in first.text
    assert "speaking on condition of anonymity" in first.text
    # an item with a description only is read from it
    assert "ash cloud more than 10 kilometres" in second.text
    assert second.published == "2024-05-07"


def test_feeds_atom_entry_content_and_dates() -> None:
    (entry,) = read_inputs([str(INPUTS / "science.atom")], 1 << 20)
    assert isinstance(entry, RawArticle) and entry.source.format == "feed"
    assert entry.title == "Glacier retreat doubled in a decade, survey finds"
    assert (entry.published, entry.author) == ("2024-09-01", "Priya Nair")  # published, not updated
    assert "more than 1,200 glaciers" in entry.text


@pytest.mark.parametrize(("item", "expected"), [
    ("<description>&lt;p&gt;Rates held at 4.5%.&lt;/p&gt;</description>", "Rates held at 4.5%."),
    ("<description>Plain-text summary only.</description>", "Plain-text summary only."),
])
def test_feeds_short_item_kept(item: str, expected: str) -> None:
    rss = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title>{item}'
           "</item></channel></rss>")
    (article,) = read_feed(rss, SOURCE)
    assert isinstance(article, RawArticle) and article.text.strip() == expected


def test_feeds_item_without_text_is_a_failure() -> None:
    rss = '<rss version="2.0"><channel><title>t</title><item><title>Empty</title></item></channel></rss>'
    (failure,) = read_feed(rss, SOURCE)
    assert isinstance(failure, Failure) and "item 1: no content or summary" in failure.error


def _billion_laughs(levels: int = 9) -> str:
    entities = "".join(f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, levels + 1))
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY lol0 "lol">\n{entities}]>\n'
            f'<rss version="2.0"><channel><title>&lol{levels};</title>'
            f"<item><title>x</title><description>&lol{levels};</description></item></channel></rss>")


@pytest.mark.parametrize(("text", "reason"), [
    (_billion_laughs(), "entity-expansion"),
    ("<!-- padding -->" * 10_000 + _billion_laughs(), "entity-expansion"),
    ('<?xml version="1.0"?><rss version="2.0"><channel><title>None</title></channel></rss>', "not a usable"),
])
def test_feeds_refused(text: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        list(read_feed(text, SOURCE))
