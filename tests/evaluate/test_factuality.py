"""The factuality gate on a sample of UW test sentences, and the scorer's pieces."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reportedly.evaluate.factuality import bucket, evaluate_factuality, pearson

# Pinned floors on the first GATE_SENTENCES sentences of UW test.conll (all 274 of them, parsed by the
# pipeline: a few seconds), 1.5-2 points under what they score: the product's statuses macro-F1
# 0.645 (per class: happened 0.940, did not happen 0.596, uncertain 0.397), Pearson r 0.653; the
# raw learned model 0.649 and r 0.714 (2026-12-07, issue 13: a negation or a purpose the model reads as
# uncertain yields to it, epistemic.DOUBTED; before it 0.636 / 0.647 (did not happen 0.576, uncertain
# 0.389); issue 13's planned events: be + to, deictic future, threats and preparations offered; before
# them 0.633 / 0.651 (uncertain 0.382). Issue 13's model work
# before that: soft targets, modal force, the implicative signature, purpose clauses; before them
# 0.623 / 0.620, model 0.630 / 0.690).
# Before the learned model: 0.564 / 0.530 (rules alone, old status mapping).
# Changes are chosen on dev (4x test's size); test moves within its noise (bootstrap 95% interval
# of the product's macro-F1: 0.558-0.686 in session 3).
# The goal is macro-F1 >= 0.70: not reached, the uncertain class is the gap.
GATE_SENTENCES = 300
MACRO_FLOOR = 0.63
PEARSON_FLOOR = 0.638
CLASS_F1_FLOORS = {"happened": 0.925, "did_not_happen": 0.58, "uncertain": 0.38}
MODEL_MACRO_FLOOR = 0.632
MODEL_PEARSON_FLOOR = 0.698


# UW test holds 864 scored events: one event's bucket moves a class F1 by up to a point, and its bootstrap
# interval spans 13 points, so test alone cannot hold a floor within 2 points of a stable figure. Dev is
# four times its size (3,359 events, about 25 s under load): measured 2026-12-07 with `reportedly eval
# factuality --split dev --json`, macro-F1 0.704, Pearson r 0.718, model 0.705 / 0.796 (before DOUBTED
# 0.699 / 0.716; before issue 13's planned events 0.698 / 0.713, model 0.704 / 0.796; before its model
# work 0.689 / 0.714, model 0.693 / 0.787). Floors 1.5 points under. Changes are chosen on dev, so
# this floor guards against regressions, it does not estimate.
DEV_MACRO_FLOOR = 0.689
DEV_PEARSON_FLOOR = 0.703
DEV_MODEL_MACRO_FLOOR = 0.688
DEV_MODEL_PEARSON_FLOOR = 0.78


def test_factuality_gate_on_uw_dev(shared: Path, nlp: Any) -> None:
    scores = evaluate_factuality(shared / "data" / "factuality" / "uw" / "dev.conll", nlp=nlp)
    assert scores["n"] >= 3000
    assert scores["macro_f1"] >= DEV_MACRO_FLOOR, scores["macro_f1"]
    assert scores["pearson_r"] >= DEV_PEARSON_FLOOR, scores["pearson_r"]
    assert scores["model_macro_f1"] >= DEV_MODEL_MACRO_FLOOR, scores["model_macro_f1"]
    assert scores["model_pearson_r"] >= DEV_MODEL_PEARSON_FLOOR, scores["model_pearson_r"]


def test_factuality_gate_on_uw_sample(shared: Path, nlp: Any) -> None:
    scores = evaluate_factuality(
        shared / "data" / "factuality" / "uw" / "test.conll", limit=GATE_SENTENCES, nlp=nlp
    )
    assert scores["n"] > GATE_SENTENCES
    assert scores["macro_f1"] >= MACRO_FLOOR
    assert scores["pearson_r"] >= PEARSON_FLOOR
    for label, floor in CLASS_F1_FLOORS.items():
        assert scores["per_label"][label]["f1"] >= floor, label
    assert scores["model_macro_f1"] >= MODEL_MACRO_FLOOR
    assert scores["model_pearson_r"] >= MODEL_PEARSON_FLOOR


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
