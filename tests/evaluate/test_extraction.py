"""Main-text scorer (trafilatura's method) and the quality gate: our reader plus cleaning >= trafilatura."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.evaluate.extraction import Confusion, count_page, evaluate_extraction, pick_sample

# Pages in the gate's seeded sample: ~10 s for both extractors, the full 990 run in `eval extraction`.
GATE_SAMPLE = 100
# Measured on that sample 2026-11-28: reportedly 0.9266, trafilatura 2.3.1 0.9251 (full set: 0.9268
# vs 0.9261). Lowering the floor needs a reason in the commit message.
GATE_F1_FLOOR = 0.92

ITEM = {"with": ["the first  segment", "second one"], "without": ["Imprint", "Share this"]}


@pytest.mark.parametrize(("text", "counts"), [
    ("See the first\nsegment and the second one.", (2, 0, 0, 2)),  # whitespace differences never cost a match
    ("the first segment. Imprint. Share this", (1, 2, 1, 0)),
    ("", (0, 0, 2, 2)),
    (None, (0, 0, 2, 2)),
])
def test_extraction_count_page(text: str | None, counts: tuple[int, int, int, int]) -> None:
    assert count_page(ITEM, text) == counts


@pytest.mark.parametrize(("counts", "f1"), [((8, 2, 2, 8), 0.8), ((0, 0, 0, 5), 0.0), ((5, 0, 0, 5), 1.0)])
def test_extraction_confusion_scores(counts: tuple[int, int, int, int], f1: float) -> None:
    confusion = Confusion()
    confusion.add(*counts)
    assert confusion.scores()["f1"] == pytest.approx(f1)


@pytest.mark.parametrize("size", [0, 3, 10])
def test_extraction_sample_is_seeded_and_ordered(size: int) -> None:
    items = list(range(10))
    assert pick_sample(items, size) == pick_sample(items, size) == sorted(pick_sample(items, size))
    assert len(pick_sample(items, size)) == size


@pytest.fixture(scope="module")
def gate(shared: Path) -> dict[str, dict[str, float]]:
    report = evaluate_extraction(shared / "data" / "extraction" / "trafilatura-eval", sample=GATE_SAMPLE)
    assert report.pages == GATE_SAMPLE and report.errors == {"trafilatura": 0, "reportedly": 0}
    return report.to_dict()["scores"]  # type: ignore[no-any-return]


def test_extraction_gate_floor(gate: dict[str, dict[str, float]]) -> None:
    assert gate["reportedly"]["f1"] >= GATE_F1_FLOOR


def test_extraction_gate_not_worse_than_trafilatura(gate: dict[str, dict[str, float]]) -> None:
    assert gate["reportedly"]["f1"] >= gate["trafilatura"]["f1"]
    assert gate["reportedly"]["recall"] >= gate["trafilatura"]["recall"]  # cleaning removed no real text


def test_extraction_cli_json(shared: Path) -> None:
    data = shared / "data" / "extraction" / "trafilatura-eval"
    result = CliRunner().invoke(app, ["eval", "extraction", "--data", str(data), "--sample", "3", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["pages"] == 3 and set(report["scores"]) == {"trafilatura", "reportedly"}
