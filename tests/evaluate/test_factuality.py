"""The factuality gate on a sample of UW test sentences, and the scorer's pieces."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.evaluate.factuality import bucket, evaluate_factuality, pearson

# Pinned floors on the first GATE_SENTENCES sentences of UW test.conll (the whole test file scores
# macro-F1 0.564, Pearson r 0.527 with `reportedly eval factuality`; dev 0.627 / 0.636).
# The goal is macro-F1 >= 0.70: not reached yet, the uncertain class is the gap.
GATE_SENTENCES = 300
MACRO_FLOOR = 0.52
PEARSON_FLOOR = 0.48
HAPPENED_F1_FLOOR = 0.85


def test_factuality_gate_on_uw_sample(shared: Path) -> None:
    scores = evaluate_factuality(shared / "data" / "factuality" / "uw" / "test.conll", limit=GATE_SENTENCES)
    assert scores["n"] > GATE_SENTENCES
    assert scores["macro_f1"] >= MACRO_FLOOR
    assert scores["pearson_r"] >= PEARSON_FLOOR
    assert scores["per_label"]["happened"]["f1"] >= HAPPENED_F1_FLOOR


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (3.0, "happened"),
        (1.0, "happened"),
        (0.8, "uncertain"),
        (-0.8, "uncertain"),
        (-1.0, "did_not_happen"),
        (-3.0, "did_not_happen"),
    ],
)
def test_factuality_bucket(score: float, expected: str) -> None:
    assert bucket(score) == expected


@pytest.mark.parametrize(
    ("xs", "ys", "r"),
    [([1, 2, 3], [2, 4, 6], 1.0), ([1, 2, 3], [3, 2, 1], -1.0), ([1, 1, 1], [1, 2, 3], 0.0)],
)
def test_factuality_pearson(xs: list[float], ys: list[float], r: float) -> None:
    assert pearson(xs, ys) == pytest.approx(r)
