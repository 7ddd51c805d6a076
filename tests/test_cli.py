"""End-to-end: the `reportedly analyze` command on the seed and on mixed inputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from reportedly.cli import app
from tests.conftest import SEED

runner = CliRunner()


def _lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_cli_analyze_seed_article_fields(article_schema: dict[str, Any]) -> None:
    result = runner.invoke(app, ["analyze", str(SEED)])
    assert result.exit_code == 0, result.output
    (article,) = _lines(result.stdout)
    jsonschema.validate(article, article_schema)
    assert article["title"] == "Russia ready to host Taliban, opposition forces to prevent war in Afghanistan"
    assert article["dateline"]["text"] == "Kabul [Afghanistan], (ANI):"
    assert (article["dateline"]["place"], article["dateline"]["country"], article["dateline"]["agency"]) == (
        "Kabul",
        "Afghanistan",
        "ANI",
    )
    assert "Leave a Comment" not in article["text"]
    assert "(image -instagramkshvid)" not in article["text"]
    assert {r["text"] for r in article["removed"]} >= {"Leave a Comment", "(image -instagramkshvid)"}
    assert article["text"].startswith("The Russian envoy for Afghanistan, Zamir Kabulov")
    assert article["language"] == "en"
    assert article["published"] is None


def test_cli_analyze_published_option_sets_date() -> None:
    result = runner.invoke(app, ["analyze", str(SEED), "--published", "2022-02-15"])
    assert _lines(result.stdout)[0]["published"] == "2022-02-15"


def test_cli_analyze_rejects_bad_published_date() -> None:
    result = runner.invoke(app, ["analyze", str(SEED), "--published", "15/02/2022"])
    assert result.exit_code == 2
    assert "2021-11-30" in result.output


def test_cli_analyze_no_clean_keeps_input_verbatim() -> None:
    result = runner.invoke(app, ["analyze", str(SEED), "--no-clean"])
    (article,) = _lines(result.stdout)
    assert article["text"] == SEED.read_text("utf-8")
    assert article["removed"] == []
    assert article["dateline"]["agency"] == "ANI"


def test_cli_analyze_same_text_same_id(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text(SEED.read_text("utf-8"), "utf-8")
    ids = [_lines(runner.invoke(app, ["analyze", p]).stdout)[0]["id"] for p in (str(SEED), str(copy))]
    assert ids[0] == ids[1]


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_cli_analyze_other_formats(fmt: str) -> None:
    result = runner.invoke(app, ["analyze", str(SEED), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert json.loads(result.stdout)[0]["dateline"]["agency"] == "ANI"
    else:
        assert "Kabul, Afghanistan, ANI" in result.stdout


def test_cli_analyze_failed_input_reported_not_dropped(
    tmp_path: Path, article_schema: dict[str, Any]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    result = runner.invoke(app, ["analyze", str(empty), str(SEED)])
    assert result.exit_code == 1
    records = _lines(result.stdout)
    assert records[0] == {
        "source": {"path": str(empty), "url": None, "format": "unknown"},
        "error": "empty input",
    }
    for record in records:
        jsonschema.validate(record, article_schema)
    assert "empty.txt" in result.stderr
