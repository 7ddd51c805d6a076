"""Feedback on long commands: a bar on a terminal (articles/s, ok, failed, time left when the total is
known), one summary line otherwise, nothing but errors with --quiet."""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.cli.progress import Feedback
from reportedly.ingest.count import count_articles

STORY = "Talks in Moscow\n\nKABUL (ANI): Ahmad Massoud met Abdul Ghani Baradar in Moscow, a source said.\n"


@pytest.mark.parametrize(
    "files,expected",
    [
        ({"a.txt": STORY, "b.html": "<html><p>x</p></html>", "README.md": "# no"}, 2),
        ({"a.jsonl": '{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}\n'}, 3),
        ({"a.txt": STORY, "feed.xml": "<?xml version='1.0'?><rss></rss>"}, None),
        ({"dump.warc": "WARC/1.0\r\n"}, None),
    ],
)
def test_progress_total_counted_before_reading(
    tmp_path: Path, files: dict[str, str], expected: int | None
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert count_articles([str(tmp_path)]) == expected


def test_progress_total_unknown_for_stdin_and_gzip(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    assert count_articles(["-"]) is None and count_articles([str(tmp_path)]) is None


def test_progress_bar_on_a_terminal() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    with Feedback(console, "ingesting", total=3) as feedback:
        feedback.advance()
        feedback.advance(failed=True)
        feedback._progress.refresh()
        shown = out.getvalue()
    assert "ingesting" in shown and "2/3" in shown and "articles/s" in shown and "1 ok, 1 failed" in shown
    assert (feedback.done, feedback.stored, feedback.failed) == (2, 1, 1)


@pytest.mark.parametrize("quiet", [False, True])
def test_progress_summary_line_when_not_a_terminal(tmp_path: Path, quiet: bool) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "README").write_text("not an article", encoding="utf-8")
    args = ["analyze", str(tmp_path), *(["--quiet"] if quiet else [])]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    if quiet:
        assert result.stderr == ""
    else:
        lines = result.stderr.splitlines()
        assert lines[0].startswith("skipped ") and len(lines) == 2
        assert re.fullmatch(r"1 analyzed, 0 failed, 1 not articles \([\d.]+ s, [\d.]+ articles/s\)", lines[1])
