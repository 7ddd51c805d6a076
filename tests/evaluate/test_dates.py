"""Publication-date scorer (htmldate's method) and its gate on a seeded sample of htmldate's set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.evaluate.dates import DateReport, evaluate_dates

# Pages in the gate's seeded sample (the full 1,000 run in `eval dates`; both take seconds).
GATE_SAMPLE = 200
# Measured on that sample 2026-11-28: F 0.969 (full set 0.949, as htmldate 1.11 publishes).
GATE_F_FLOOR = 0.96


@pytest.mark.parametrize(("pages", "counts"), [
    ([("2020-01-02", "2020-01-02")], (1, 0, 0, 0)),
    ([("2020-01-02", "2020-01-03")], (0, 1, 0, 0)),
    ([("2020-01-02", None)], (0, 0, 1, 0)),
    ([(None, None)], (0, 0, 0, 1)),
])
def test_dates_counts(pages: list[tuple[str | None, str | None]], counts: tuple[int, int, int, int]) -> None:
    report = DateReport()
    for gold, found in pages:
        report.add(gold, found, "https://example.org/")
    assert (report.tp, report.fp, report.fn, report.tn) == counts
    assert len(report.wrong) == (counts[0] == 0 and counts[3] == 0)


def test_dates_f_score() -> None:
    report = DateReport(tp=8, fp=1, fn=1, tn=0)
    assert report.scores()["f1"] == pytest.approx(16 / 18)


def test_dates_gate_floor(shared: Path) -> None:
    report = evaluate_dates(shared / "data" / "extraction" / "htmldate-eval", sample=GATE_SAMPLE)
    assert report.tp + report.fp + report.fn + report.tn == GATE_SAMPLE
    assert report.scores()["f1"] >= GATE_F_FLOOR


def test_dates_cli_json(shared: Path) -> None:
    data = shared / "data" / "extraction" / "htmldate-eval"
    result = CliRunner().invoke(app, ["eval", "dates", "--data", str(data), "--sample", "5", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pages"] == 5
