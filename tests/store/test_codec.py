"""Articles read back unchanged: article_from_dict inverts article_to_dict."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportedly.model import Article, Attribution, Entity, Event, article_to_dict
from reportedly.store.codec import article_from_dict
from tests.store.builders import ArticleBuilder, moscow_meeting


def _built() -> list[Article]:
    b = ArticleBuilder("b1", published=None, agency=None)
    b.entity("Norway", "GPE")
    b.event("CONSULT", actors=("Norway",), place="Oslo", date="2022-01", sources=())
    return [
        moscow_meeting("a1", "2021-12-01", "Zabihullah Mujahid", "person", "deny", member_of="Taliban"),
        b.build(),
    ]


@pytest.mark.parametrize("article", _built(), ids=lambda a: a.id)
def test_codec_round_trip_built(article: Article) -> None:
    assert article_from_dict(article_to_dict(article)) == article


def test_codec_round_trip_real_analysis(seed_article: Any) -> None:
    assert isinstance(seed_article, Article)
    assert article_from_dict(article_to_dict(seed_article)) == seed_article


articles = st.builds(
    Article,
    entities=st.lists(st.from_type(Entity), max_size=3).map(tuple),
    attributions=st.lists(st.from_type(Attribution), max_size=3).map(tuple),
    events=st.lists(st.from_type(Event), max_size=3).map(tuple),
    extra=st.just({}),
)


@settings(max_examples=40, deadline=None)
@given(articles)
def test_codec_round_trip_property(article: Article) -> None:
    assert article_from_dict(article_to_dict(article)) == article
