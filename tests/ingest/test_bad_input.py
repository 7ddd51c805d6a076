"""Bad input through `reportedly analyze`: one error line naming the file and the reason, the run goes
on with the rest, exit code 1, and a {"source", "error"} record in the jsonl output."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reportedly.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()
GOOD = "Harbour reopens\n\nThe harbour reopened on Monday after storm repairs, the port authority said.\n"
# A page well past Settings.max_html_bytes: refused at once, never handed to trafilatura.
HUGE_PAGE_BYTES = 50 * 1024 * 1024


def _billion_laughs() -> bytes:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{entities}]>'
            '<rss version="2.0"><channel><title>&l9;</title><item><title>&l9;</title>'
            "<description>&l9;</description></item></channel></rss>").encode()


def _huge_page(folder: Path) -> Path:
    path = folder / "huge.html"
    paragraph = b"<p>" + b"Filler words for a page far too large to be an article. " * 20 + b"</p>\n"
    with path.open("wb") as out:
        out.write(b"<!DOCTYPE html><html><head><title>Huge</title></head><body>")
        for _ in range(HUGE_PAGE_BYTES // len(paragraph) + 1):
            out.write(paragraph)
        out.write(b"</body></html>")
    return path


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name
    return make


def _truncated_warc(folder: Path) -> Path:
    data = gzip.decompress((FIXTURES / "inputs" / "newsroom.warc.gz").read_bytes())
    return _write("cut.warc", data[: int(len(data) * 0.8)])(folder)


def _symlink_loop(folder: Path) -> Path:
    (folder / "loop" / "sub").mkdir(parents=True)
    os.symlink("..", folder / "loop" / "sub" / "back")
    return folder / "loop" / "sub" / "back"


def _symlink_outside(folder: Path) -> Path:
    secret = folder.parent / "secret.txt"
    secret.write_text("Not part of the input folder.\n\nIt must not be read.", "utf-8")
    os.symlink(secret, folder / "outside.txt")
    return folder / "outside.txt"


CASES: dict[str, tuple[Callable[[Path], Path], str, list[str]]] = {
    # name: (make the bad input, the reason in the error, extra CLI options)
    "empty": (_write("empty.txt", b""), "empty input", []),
    # named like text, holds control characters: the reader refuses it (a photo.jpg in a folder is
    # skipped before reading: tests/ingest/test_select.py)
    "binary": (_write("scan.txt", b"Scan\n\n" + bytes(range(1, 32)) * 64), "binary file", []),
    "huge_page": (_huge_page, "larger than the 10,485,760 extracted", []),
    "gzip_bomb": (_write("bomb.txt.gz", gzip.compress(b"A" * 20_000_000)), "gzip bomb",
                  ["--max-bytes", "100000"]),
    "entity_expansion": (_write("lol.rss", _billion_laughs()), "entity-expansion", []),
    "truncated_warc": (_truncated_warc, "truncated or corrupt WARC after 1 HTML records", []),
    "symlink_loop": (_symlink_loop, "symlink loop", []),
    "symlink_outside": (_symlink_outside, "outside the input folder; not followed", []),
}


def _run(args: list[str]) -> tuple[Any, list[dict[str, Any]], list[str]]:
    result = runner.invoke(app, ["analyze", "--format", "jsonl", *args])
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error ")]
    return result, records, errors


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_one_error_line_and_run_goes_on(tmp_path: Path, case: str) -> None:
    make, reason, options = CASES[case]
    folder = tmp_path / "in"
    folder.mkdir()
    bad = make(folder)
    (folder / "zz-good.txt").write_text(GOOD, "utf-8")
    result, records, errors = _run([*options, str(folder)])
    assert result.exit_code == 1, result.output
    (error,) = errors
    assert str(bad) in error and reason in error
    failures = [r for r in records if "error" in r]
    assert len(failures) == 1 and set(failures[0]) == {"source", "error"}
    assert failures[0]["source"]["path"] == str(bad) and reason in failures[0]["error"]
    titles = {r.get("title") for r in records if "error" not in r}
    assert "Harbour reopens" in titles  # the good input after the bad one is still analyzed
    assert "secret" not in result.stdout


def test_bad_input_truncated_warc_records_before_cut_come_out(tmp_path: Path) -> None:
    result, records, errors = _run([str(_truncated_warc(tmp_path))])
    assert result.exit_code == 1 and len(errors) == 1
    assert [r.get("title") for r in records] == ["Bridge reopens after repairs", None]
    assert "error" in records[-1]


@pytest.mark.parametrize(("encoding", "text"), [
    ("cp1252", "Storm delays \u201cmajor\u201d repairs\n\nThe caf\u00e9 owner\u2019s account \u2014 "
               "given on Monday \u2014 was confirmed by the port authority, officials said."),
    ("latin-1", "R\u00e9forme adopt\u00e9e\n\nLe ministre fran\u00e7ais a d\u00e9clar\u00e9 lundi que la "
                "r\u00e9forme \u00e9tait n\u00e9cessaire pour l'\u00e9conomie du pays."),
    ("cp1251", "\u041f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b\n\n\u041c\u0438\u043d\u0438"
               "\u0441\u0442\u0440 \u0437\u0430\u044f\u0432\u0438\u043b, \u0447\u0442\u043e \u043f\u0435"
               "\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b \u043f\u0440\u043e\u0439\u0434\u0443\u0442 "
               "\u0432 \u0434\u0435\u043a\u0430\u0431\u0440\u0435."),
    ("utf-8", "Stray byte\n\nA UTF-8 story with curly \u201cquotes\u201d and one stray \udcff byte."),
])
def test_bad_input_encodings_decoded_not_failed(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding, errors="surrogateescape"))
    result, records, errors = _run(["--no-clean", str(path)])
    assert result.exit_code == 0 and errors == [], result.output
    (article,) = records
    expected = text.replace("\udcff", "\ufffd")
    assert article["text"] == expected and article["title"] == expected.split("\n", 1)[0]
