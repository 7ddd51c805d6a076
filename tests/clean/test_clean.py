"""The cleaning stage as a whole: clean_article on the seed, on wire forms, and its invariants."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportedly.clean import article_id, clean_article, clean_body
from reportedly.model import RawArticle, SourceRef
from tests.clean.test_boilerplate import TABLE
from tests.conftest import SEED

SOURCE = SourceRef(path="t.txt", url=None, format="text")


def _raw(text: str, title: str | None = None, author: str | None = None) -> RawArticle:
    return RawArticle(source=SOURCE, text=text, title=title, author=author)


def test_clean_seed_dateline_and_removed() -> None:
    raw_text = SEED.read_text("utf-8")
    title, _, body = raw_text.partition("\n")
    article = clean_article(_raw(raw_text, title=title))
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.country, article.dateline.agency) == (
        "Kabul", "Afghanistan", "ANI")
    assert article.text.startswith("The Russian envoy for Afghanistan")
    assert [r.text for r in article.removed] == ["(image -instagramkshvid)", "Leave a Comment"]
    assert article.text.endswith("reported Tolo News.")
    assert article.language == "en"


@pytest.mark.parametrize(
    ("text", "place", "agency", "body_start", "removed"),
    [
        ("By Jane Doe, Reuters\n\nMOSCOW — Russia said on Tuesday.", "Moscow", "Reuters", "Russia",
         ["By Jane Doe, Reuters"]),
        ("Share\nTweet\nKABUL, Afghanistan (AP) — The Taliban said.", "Kabul", "AP", "The Taliban",
         ["Share", "Tweet"]),
        ("KABUL (AP) — KABUL (AP) — The Taliban said.", "Kabul", "AP", "The Taliban", ["KABUL (AP) —"]),
        ("KABUL (AP) — Subscribe now\nThe Taliban said.", "Kabul", "AP", "The Taliban", ["Subscribe now"]),
        ("The Taliban said on Tuesday.\nLeave a Comment", None, None, "The Taliban", ["Leave a Comment"]),
    ],
)
def test_clean_body_wire_openings(text: str, place: str | None, agency: str | None, body_start: str,
                                  removed: list[str]) -> None:
    body, dateline, gone = clean_body(text)
    assert body.startswith(body_start)
    assert (dateline.place if dateline else None, dateline.agency if dateline else None) == (place, agency)
    assert [r.text for r in gone] == removed


@pytest.mark.parametrize("title", ["Russia to host talks", None])
def test_clean_title_line_dropped_once_or_more(title: str | None) -> None:
    text = "Russia to host talks\n\nRussia to host talks\n\nMoscow is ready, the envoy said."
    body, _, _ = clean_body(text, title)
    assert body.startswith("Moscow is ready" if title else "Russia to host talks\n\nMoscow")


def test_clean_article_id_stable_across_line_endings() -> None:
    assert article_id("a\nb") == article_id("a\nb")
    windows, unix = (clean_article(_raw(t)) for t in ("Some text here.\r\nMore.", "Some text here.\nMore."))
    assert windows.id == unix.id


_LINE = st.one_of(
    st.sampled_from([line for line, _ in TABLE]),
    st.sampled_from(["KABUL, Afghanistan (AP) —", "MOSCOW, Nov 30 (Reuters) -", "NEW DELHI:", "By Jane Doe, "
                                                                                              "Reuters",
                     "Kabul [Afghanistan], (ANI): The envoy said.", "Russia to host talks"]),
    st.text(max_size=30),
    st.just(""),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, max_size=12), st.sampled_from([None, "Russia to host talks"]))
# found by hypothesis: the title surfaces once the boilerplate above it is gone
@example(["Leave a Comment", "Russia to host talks", "The newsletter was banned by the junta."],
         "Russia to host talks")
def test_clean_article_idempotent(lines: list[str], title: str | None) -> None:
    once = clean_article(_raw("\n".join(lines), title=title))
    twice = clean_article(_raw(once.text, title=title))
    assert twice.text == once.text
    assert twice.removed == ()
    assert twice.dateline is None
