"""Folders read only what looks like an article: README-like, build, code, media and binary files are
skipped with a reason (never failed), `--include`/`--exclude` globs narrow the walk, and files named on
the command line are always read."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportedly.ingest import read_inputs
from reportedly.ingest.files import InputFile, iter_files
from reportedly.ingest.select import Selection, Skipped, name_reason
from reportedly.model import Failure, RawArticle

STORY = "Talks in Moscow\n\nKABUL (ANI): Ahmad Massoud met Abdul Ghani Baradar in Moscow, a source said.\n"
FOLDER = {
    "README.md": b"# Sample corpus\n\nWhat make run ingests.\n",
    "LICENSE": b"MIT License\n",
    "Makefile": b"run:\n\techo hi\n",
    "logo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "scan": b"%PDF-1.7\n",
    "blob.dat": b"abc\x00\x01\x02",
    "script.py": b"print('hi')\n",
    "story.txt": STORY.encode(),
    "notes": STORY.encode(),  # no extension: sniffed, text, read
    "feeds/page.html": b"<html><body><p>" + STORY.encode() + b"</p></body></html>",
    "feeds/page.html.gz": b"\x1f\x8b",  # gzip is looked through, not binary
}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    for rel, data in FOLDER.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(data)
    return tmp_path


def _walk(folder: Path, selection: Selection | None = None) -> tuple[list[str], dict[str, str]]:
    read, skipped = [], {}
    for item in iter_files([str(folder)], selection):
        if isinstance(item, Skipped):
            skipped[Path(item.path).relative_to(folder).as_posix()] = item.reason
        elif isinstance(item, InputFile):
            read.append(Path(item.display).relative_to(folder).as_posix())
    return read, skipped


def test_select_folder_reads_only_articles(folder: Path) -> None:
    read, skipped = _walk(folder)
    assert sorted(read) == ["feeds/page.html", "feeds/page.html.gz", "notes", "story.txt"]
    assert skipped == {
        "README.md": "README-like file, not an article",
        "LICENSE": "README-like file, not an article",
        "Makefile": "build file, not an article",
        "logo.png": ".png file, not an article (name it with --include to read it)",
        "scan": "binary file (PDF document), not an article",
        "blob.dat": "binary file (NUL bytes), not an article",
        "script.py": ".py file, not an article (name it with --include to read it)",
    }


@pytest.mark.parametrize(
    "include,exclude,expected",
    [
        (("*.html",), (), ["feeds/page.html"]),
        (("feeds/*",), ("*.gz",), ["feeds/page.html"]),
        ((), ("feeds/*", "notes"), ["story.txt"]),
        (("README.md", "*.txt"), (), ["README.md", "story.txt"]),  # an include overrides the name rules
        (("*.png",), (), []),  # but a binary file stays skipped
    ],
)
def test_select_globs(
    folder: Path, include: tuple[str, ...], exclude: tuple[str, ...], expected: list[str]
) -> None:
    read, skipped = _walk(folder, Selection(include, exclude))
    assert sorted(read) == expected
    assert set(read) | set(skipped) == set(FOLDER)  # every file is either read or listed with a reason


@pytest.mark.parametrize(
    "name,skipped",
    [("README", True), ("readme.txt", True), ("CHANGES.rst", True), ("makefile", True), ("rules.mk", True),
     ("photo.JPG", True), ("story.txt", False), ("page.htm.gz", False), ("dump.warc.gz", False),
     ("feed.xml", False), ("items.jsonl", False), ("2022-02-01-talks", False)],
)
def test_select_names(name: str, skipped: bool) -> None:
    assert (name_reason(name) is not None) == skipped


def test_select_named_files_always_read(folder: Path) -> None:
    seen: list[Skipped] = []
    items = list(read_inputs([str(folder / "README.md"), str(folder)], 10_000, on_skip=seen.append))
    sources = [i.source.path for i in items if isinstance(i, RawArticle | Failure)]
    assert sources[0] == str(folder / "README.md")  # named: read
    assert str(folder / "README.md") in {s.path for s in seen}  # found by the walk: skipped, listed
    assert not any(isinstance(i, Failure) and "png" in (i.source.path or "") for i in items)


def test_select_cli_lists_skipped_files_and_succeeds(folder: Path) -> None:
    from typer.testing import CliRunner

    from reportedly.cli import app

    for rel in ("feeds/page.html", "feeds/page.html.gz", "notes"):
        (folder / rel).unlink()
    result = CliRunner().invoke(app, ["analyze", "--format", "jsonl", str(folder)])
    assert result.exit_code == 0, result.output
    assert len([line for line in result.stdout.splitlines() if line.strip()]) == 1  # story.txt
    listed = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert len(listed) == 7 and any("logo.png: .png file" in line for line in listed)
