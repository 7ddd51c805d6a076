"""ECB+ NER scoring: reading markables, and a pinned floor on a small reproducible sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.evaluate.ner import evaluate, is_named, load_ecb, trim

# Sample size and floors of the gate, on this 40-document dev sample (2026-11-28): measured 0.595 exact and
# 0.712 partial F1 (entities; exact was 0.49 before spans cut at "of" were joined and lone titles dropped -
# partial counts every predicted span that overlaps gold, so one joined "Gulf of Aden" scores less than the
# fragments "Gulf of" + "Aden" did). The floors leave room for model noise, never lower them silently.
SAMPLE = 40
MIN_PARTIAL_F1 = 0.65
MIN_EXACT_F1 = 0.55


@pytest.mark.parametrize(
    ("words", "named"),
    [
        (["Tara", "Reid"], True),
        (["her", "rep"], False),
        (["She"], False),
        (["the", "Gulf", "of", "Aden"], True),
    ],
)
def test_ner_is_named(words: list[str], named: bool) -> None:
    assert is_named(words) is named


@pytest.mark.parametrize(
    ("text", "span"), [("in New Zealand", (3, 14)), ("the Gulf of Aden", (4, 16)), ("Aden", (0, 4))]
)
def test_ner_trim_leading_words(text: str, span: tuple[int, int]) -> None:
    assert trim(text, 0, len(text)) == span


def test_ner_gold_offsets_match_text(shared: Path) -> None:
    for doc in load_ecb(shared / "data" / "ecbplus", "dev", 5):
        assert doc.gold
        for start, end, kind in doc.gold:
            assert doc.in_scope(start, end) and kind in ("HUMAN", "LOC")
            assert doc.text[start:end].strip() == doc.text[start:end]


def test_ner_gate_on_dev_sample(shared: Path) -> None:
    summary = evaluate(load_ecb(shared / "data" / "ecbplus", "dev", SAMPLE)).summary()
    assert summary["documents"] == SAMPLE
    assert summary["entities"]["partial"]["f1"] >= MIN_PARTIAL_F1
    assert summary["entities"]["exact"]["f1"] >= MIN_EXACT_F1
