"""The events stage's quality gate on the held-out part of PLV, and the scorer's arithmetic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reportedly.evaluate.events import f1_scores, is_test, read_plv

# The gate scores the whole held-out part (226 rows, ~20 s): on the first 120 rows alone the product's
# figure sat 4 points above the full part's, more than the 2-point margin the floors keep.
# Measured 2026-12-07 (`reportedly eval events --json`), after singular state organs became parties
# ("the government", "a German court": agents.is_body) and statement patterns were bounded to the verb's
# phrase (typer retrained): the product's event at the gold pair 0.686 micro / 0.686 macro (41 rows with
# no event there), end to end recall 0.715 at precision 0.721 (before: 0.668 / 0.678, R 0.697 P 0.720;
# before the typer typed every candidate verb: 0.642 / 0.663, R 0.670 P 0.685); the raw typer
# 0.801 / 0.774. After issue 13's obligations, conditions, typed relations and phrasal particle patterns
# (typer retrained): 0.690 micro / 0.697 macro, end to end R 0.715 at P 0.718 (0.721 before the particle
# patterns), the raw typer 0.801 / 0.767. After issue 13's common-noun parties of a country ("a Spanish
# judge", "Colombian forces"), labour as the party of strikes and "AMOUNT of X" parties: 0.704 micro /
# 0.710 macro, end to end R 0.729 at P 0.719 (161 of 221, 224 extracted). After issue 13's synonym patterns
# and transfer recipients (typer retrained): 0.712 / 0.715, R 0.738 at P 0.715 (163 of 221, 228 extracted),
# the raw typer 0.805 / 0.771. After issue 13's typer-side rules (governing verbs typed as their act,
# relations with an infinitive, appeal patterns, refusals the typer reads, LEXICON_RATIO 0.7 -> 0.8;
# 2026-12-08): 0.712 / 0.717, R 0.729 at P 0.749 (161 of 221, 215 extracted; 0.708 / 0.715, R 0.724 P 0.744
# before them), the raw typer unchanged. After issue 13's detection round (easing patterns reversed,
# halting verbs, the alert state, a group's one-party protest, "declare" as a light verb, future light
# verbs; 2026-12-08, measured alone): 0.730 / 0.752, R 0.747 at P 0.750 (165 of 221, 220 extracted). Both
# together: 0.735 / 0.753, R 0.751 at P 0.755 (166 of 221, 220 extracted).
# Floors sit within 2 points of these; lowering one is a reviewed change with its reason in the commit.
MICRO_FLOOR = 0.72
MACRO_FLOOR = 0.735
END_TO_END_RECALL_FLOOR = 0.735
END_TO_END_PRECISION_FLOOR = 0.74
TYPER_MICRO_FLOOR = 0.79
TYPER_MACRO_FLOOR = 0.76


@pytest.fixture(scope="module")
def plv(shared: Path) -> Path:
    return shared / "data" / "plover" / "PLV_train.tsv"


@pytest.fixture(scope="module")
def gate(plv: Path, nlp: object) -> dict[str, Any]:
    from reportedly.evaluate.events import evaluate_events

    return evaluate_events(plv, nlp, part="test")  # type: ignore[arg-type]


def test_events_gate_product_on_held_out_plv(gate: dict[str, Any]) -> None:
    assert gate["n"] >= 220  # the whole held-out part
    assert gate["micro_f1"] >= MICRO_FLOOR, gate["micro_f1"]
    assert gate["macro_f1"] >= MACRO_FLOOR, gate["macro_f1"]
    assert gate["end_to_end"]["recall"] >= END_TO_END_RECALL_FLOOR, gate["end_to_end"]
    assert gate["end_to_end"]["precision"] >= END_TO_END_PRECISION_FLOOR, gate["end_to_end"]


def test_events_gate_typer_on_held_out_plv(gate: dict[str, Any]) -> None:
    assert gate["typer_micro_f1"] >= TYPER_MICRO_FLOOR, gate["typer_micro_f1"]
    assert gate["typer_macro_f1"] >= TYPER_MACRO_FLOOR, gate["typer_macro_f1"]


def test_events_split_is_disjoint_and_seeded(plv: Path) -> None:
    train = {r.text for r in read_plv(plv, "train")}
    test = read_plv(plv, "test")
    assert test and not train & {r.text for r in test}
    assert all(is_test(r.text) for r in test)
    assert 0.1 < len(test) / (len(test) + len(read_plv(plv, "train"))) < 0.3


@pytest.mark.parametrize(
    ("gold", "pred", "micro", "macro"),
    [
        (["A", "A", "B", "B"], ["A", "A", "B", "B"], 1.0, 1.0),
        (["A", "A", "B", "B"], ["A", "A", "A", "A"], 0.5, (2 / 3 + 0.0) / 2),
        (["A", "B"], ["B", "A"], 0.0, 0.0),
    ],
)
def test_events_f1_scores(gold: list[str], pred: list[str], micro: float, macro: float) -> None:
    scores = f1_scores(gold, pred)
    assert scores["micro_f1"] == pytest.approx(micro)
    assert scores["macro_f1"] == pytest.approx(macro)


def test_events_marked_spans_index_the_plain_text(plv: Path) -> None:
    for row in read_plv(plv, "test")[:50]:
        assert "<s>" not in row.text and "<t>" not in row.text
        if row.source:
            assert 0 <= row.source[0] < row.source[1] <= len(row.text)


def test_events_end_to_end_counts_gold_types_per_sentence() -> None:
    from reportedly.evaluate.events import PlvRow, end_to_end

    rows = [PlvRow("a", None, None, "ACCUSE"), PlvRow("a", None, None, "ASSAULT"),
            PlvRow("b", None, None, "AID")]
    scores = end_to_end(rows, {"a": ["ASSAULT", "REJECT", "ASSAULT"], "b": []})
    assert (scores["recall"], scores["precision"], scores["sentences"]) == (1 / 3, 1 / 2, 2)


def test_events_product_label_no_event_at_the_pair_is_a_miss(nlp: object) -> None:
    from reportedly.evaluate.events import NO_EVENT, PlvRow, find_trigger, product_label
    from reportedly.extract import analyze_doc
    from reportedly.model import DocContext

    text = "Russia attacked Ukraine on Monday. Egypt praised Jordan."
    doc = nlp(text)  # type: ignore[operator]
    entities, _, events = analyze_doc(doc, DocContext(article_id="t"))
    src, tgt = text.index("Russia"), text.index("Ukraine")
    row = PlvRow(text, (src, src + 6), (tgt, tgt + 7), "ASSAULT")
    assert product_label(entities, events, row, find_trigger(doc, row)) == "ASSAULT"
    assert product_label(entities, [], row, find_trigger(doc, row)) == NO_EVENT
