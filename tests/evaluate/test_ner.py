"""ECB+ NER scoring: reading markables, and a pinned floor on a small reproducible sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.evaluate.ner import evaluate, is_named, load_ecb, trim

# The gate scores the whole dev split (197 documents, 533 gold spans, about 15 s): the 40-document sample
# used before held 91 gold spans, a point each. Measured 2026-12-07: exact F1 0.554, partial F1 0.709
# (partial recall counted from the gold side: gold spans overlapped by a prediction, so it cannot exceed
# 1; before, predicted overlapping spans over the gold count gave 0.718). Floors within 2 points; lowering
# one is a reviewed change with its reason in the commit.
SAMPLE = None
MIN_PARTIAL_F1 = 0.69
MIN_EXACT_F1 = 0.54


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
    assert summary["documents"] >= 190
    assert summary["entities"]["partial"]["f1"] >= MIN_PARTIAL_F1
    assert summary["entities"]["exact"]["f1"] >= MIN_EXACT_F1


def test_ner_partial_recall_counts_gold_spans_once() -> None:
    from reportedly.evaluate.ner import Counts, GoldDoc, _count

    text = "the Gulf of Aden and Tara Reid"
    doc = GoldDoc("d", text, ((4, 16, "LOC"), (21, 30, "HUMAN")), ((0, len(text)),))
    counts = Counts()
    _count(counts, doc, [(4, 11, "LOC"), (12, 16, "LOC")])  # two fragments of one gold span
    partial = counts.summary()["partial"]
    assert (partial["precision"], partial["recall"]) == (1.0, 0.5)
