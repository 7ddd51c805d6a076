"""The syndicated-copy gate: precision and recall of `duplicate_of` on copies generated from ECB+."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reportedly.evaluate.dedup import (
    MIN_COPY_WORDS,
    EcbArticle,
    StreamItem,
    build_stream,
    detokenize,
    evaluate_dedup,
    make_copy,
    read_ecbplus,
    score_stream,
)

# Pinned floors on the ECB+ dev topics with seed 0 (measured 1.000 / 0.963 there; the whole corpus
# scores 1.000 / 0.980 with `reportedly eval dedup`, seed 0). Lowering a floor is a reviewed change.
GATE_TOPICS = ("2", "5", "12", "18", "21", "23", "34", "35")
PRECISION_FLOOR = 0.98
RECALL_FLOOR = 0.94


@pytest.fixture(scope="module")
def ecbplus(shared: Path) -> Path:
    return shared / "data" / "ecbplus"


def test_dedup_gate_on_ecbplus_sample(ecbplus: Path) -> None:
    scores = evaluate_dedup(ecbplus, GATE_TOPICS, seed=0)
    assert scores["gold_links"] >= 80
    assert scores["shared_sentence_articles"] >= 20
    assert scores["precision"] >= PRECISION_FLOOR
    assert scores["recall"] >= RECALL_FLOOR


def test_dedup_reader_rebuilds_text(ecbplus: Path) -> None:
    articles = read_ecbplus(ecbplus, ["3"])
    assert articles and all(a.topic == "3" for a in articles)
    assert all(not s.lower().startswith("http") for a in articles for s in a.sentences)
    assert any("Brian Nichols" in s for a in articles for s in a.sentences)


@pytest.mark.parametrize(
    ("tokens", "text"),
    [(["He", "said", ",", "``", "no", "''", "."], 'He said, "no".'),
     (["It", "'s", "100", "%", "(", "sure", ")", "."], "It's 100% (sure)."),
     (["AT", "&amp;", "T"], "AT & T")],
)
def test_dedup_detokenize(tokens: list[str], text: str) -> None:
    assert detokenize(tokens) == text


def test_dedup_copies_keep_enough_of_the_original() -> None:
    sentences = tuple(f"Sentence {i} says the police arrested a man on Monday in town." for i in range(12))
    article = EcbArticle("x", "1", sentences)
    rng = random.Random(3)
    kinds_seen: set[str] = set()
    for _ in range(40):
        text, kinds = make_copy(article, rng, [article])
        kinds_seen.update(kinds)
        assert len(text.split()) >= MIN_COPY_WORDS
    assert {"truncated", "edited", "sentence added", "retitled"} <= kinds_seen


def test_dedup_stream_is_seeded_and_gold_is_first_seen(ecbplus: Path) -> None:
    articles = read_ecbplus(ecbplus, ["3"])
    first, _ = build_stream(articles, seed=4)
    again, _ = build_stream(articles, seed=4)
    assert [i.id for i in first] == [i.id for i in again]
    assert any("~copy" in i.id for i in first)


def test_dedup_scorer_counts_wrong_and_missed_links() -> None:
    body = " ".join(f"word{i}" for i in range(80))
    other = " ".join(f"other{i}" for i in range(80))
    items = [StreamItem("a", body, "a", "t"), StreamItem("b", other, "b", "t"),
             StreamItem("a~copy0", body, "a", "t", ("verbatim",))]
    scores = score_stream(items).to_dict()
    assert (scores["precision"], scores["recall"], scores["gold_links"]) == (1.0, 1.0, 1)
