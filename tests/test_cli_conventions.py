"""CLI conventions: --version and -h, readable metavars, one --format option, clear errors that name
the valid values (exit 2), tables that stay readable at 80 columns with ids whole."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
import typer.main
from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.store.database import connect
from reportedly.store.writer import store_batch
from tests.test_ledger import _story

narrow = CliRunner(env={"COLUMNS": "80"})
PYTHON_TYPES = re.compile(r"<(list\[|bool|str|int|float|path|Path)")


def _command_paths() -> list[list[str]]:
    root = typer.main.get_command(app)
    ctx = click.Context(root)
    found: list[list[str]] = [[]]

    def walk(command: click.Command, path: list[str]) -> None:
        for name in getattr(command, "list_commands", lambda _ctx: [])(ctx):
            sub = command.get_command(ctx, name)  # type: ignore[attr-defined]
            found.append([*path, name])
            walk(sub, [*path, name])

    walk(root, [])
    return found


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "l.db"
    store_batch(connect(path), _story(), [])
    return path


def test_cli_version() -> None:
    result = narrow.invoke(app, ["--version"])
    assert result.exit_code == 0 and re.match(r"reportedly \S+", result.output)


@pytest.mark.parametrize("path", _command_paths(), ids=lambda p: " ".join(p) or "root")
def test_cli_help_short_flag_and_readable_metavars(path: list[str]) -> None:
    result = narrow.invoke(app, [*path, "-h"])
    assert result.exit_code == 0, result.output
    assert not PYTHON_TYPES.search(result.output), result.output


def test_cli_help_shows_paths_and_text() -> None:
    out = narrow.invoke(app, ["ingest", "-h"]).output
    assert "PATH..." in out and "TEXT" in out and "--retry-failed  " in out


@pytest.mark.parametrize(
    "args,param,valid",
    [
        (["claims", "--status", "bogus"], "--status", "disputed"),
        (["events", "--status", "bogus"], "--status", "confirmed"),
        (["claims", "--type", "MEETING"], "--type", "CONSULT"),
        (["claims", "--actor", "Ahmad Masoud"], "--actor", "Ahmad Massoud"),
        (["claims", "--since", "2021/12/01"], "--since", "YYYY-MM-DD"),
        (["export", "--format", "xml"], "--format", "plover-jsonl"),
    ],
)
def test_cli_unknown_values_exit_2_naming_valid_ones(
    db: Path, args: list[str], param: str, valid: str
) -> None:
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert param in result.output and valid in result.output


@pytest.mark.parametrize("command", ["entities", "events", "timeline", "search", "claims"])
def test_cli_one_format_option_and_json_alias(db: Path, command: str) -> None:
    event = json.loads(narrow.invoke(app, ["events", "--db", str(db), "--format", "json"]).output)[0]["id"]
    extra = {"timeline": [event], "search": ["Moscow"]}.get(command, [])
    as_format = narrow.invoke(app, [command, *extra, "--db", str(db), "--format", "json"])
    assert as_format.exit_code == 0, as_format.output
    json.loads(as_format.output)
    if command != "search":  # the old spelling still works, hidden
        assert narrow.invoke(app, [command, *extra, "--db", str(db), "--json"]).output == as_format.output


@pytest.mark.parametrize("command", ["claims", "events", "entities", "timeline", "search"])
def test_cli_tables_fit_80_columns_with_whole_ids(db: Path, command: str) -> None:
    events = json.loads(narrow.invoke(app, ["events", "--db", str(db), "--format", "json"]).output)
    extra = {"timeline": [events[0]["id"]], "search": ["Moscow"]}.get(command, [])
    result = narrow.invoke(app, [command, *extra, "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    ids = set(re.findall(r"\b(?:ev|en|a)_[0-9a-z]+\b", result.output))
    if command in ("claims", "events"):
        assert events[0]["id"] in ids  # whole, so it can be pasted
        listed = next(i for i in ids if i.startswith("ev_"))
        assert narrow.invoke(app, ["timeline", listed, "--db", str(db)]).exit_code == 0
    for article in ("a1", "a2", "a4"):
        if command in ("claims", "timeline", "search") and article in result.output:
            assert re.search(rf"(?<![\w…]){article}(?![\w…])", result.output)


def test_cli_api_doc_example_runs_when_nothing_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/api.md's first example, run on a ledger with a disputed claim and on one without."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?)```", doc, re.S)
    assert example is not None
    for articles in (_story(), _story()[:1]):  # the first report alone: reported, not disputed
        folder = tmp_path / str(len(articles))
        folder.mkdir()
        store_batch(connect(folder / "reportedly.db"), articles, [])
        monkeypatch.chdir(folder)
        exec(compile(example.group(1), "docs/api.md", "exec"), {})


def test_cli_entities_table_shows_cameo_codes_whole_at_80_columns(db: Path) -> None:
    """Each entity's CAMEO actor code (a FIXED column, as an id) is printed whole on its row."""
    conn = connect(db)
    coded = [r[0] for r in conn.execute("SELECT id FROM entities ORDER BY n_articles DESC LIMIT 3")]
    with conn.transaction():
        for entity_id, code in zip(coded, ("AFGREB", "RUSGOVMED", "IGOUNO"), strict=True):
            conn.execute("UPDATE entities SET cameo = ? WHERE id = ?", (code, entity_id))
    conn.close()
    result = narrow.invoke(app, ["entities", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert "cameo" in lines[1]
    rows = {line.split()[0]: line for line in lines[2:]}
    for entity_id, code in zip(coded, ("AFGREB", "RUSGOVMED", "IGOUNO"), strict=True):
        assert re.search(rf"\s{code}\s", rows[entity_id]), rows[entity_id]


@pytest.mark.parametrize("terminal", [False, True])
def test_cli_print_claims_prints_what_rich_prints(terminal: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """`print_claims` prints a claim's heading, its own source lines and the blank line after in one
    print: the same bytes as the heading, rich's table and a blank line printed one by one (the path
    it takes where `table_lines` leaves the layout to rich)."""
    import io
    from types import SimpleNamespace as Ns

    from rich.console import Console

    from reportedly.cli import tables

    speaker = Ns(name="Zabihullah Mujahid", kind="person")
    sources = [
        Ns(published="2021-12-01", stance="deny", article="a2", copies=("a3",), speaker=speaker,
           via=("Tolo News", "ANI")),
        Ns(published=None, stance="assert", article="a1", copies=(),
           speaker=Ns(name="a source", kind="anonymous"), via=()),
    ]
    claims = [
        Ns(id="ev_0123456789ab", status="disputed", summary="MEET: Taliban in Moscow",
           date=Ns(value="2021-11-30"),
           history=(Ns(status="reported", day=None), Ns(status="disputed", day="2021-12-01")),
           origins=(Ns(side="for", origins=1, reports=1), Ns(side="against", origins=1, reports=2)),
           contradictions=(Ns(supports=Ns(name="a source"), denies=speaker),), sources=sources),
        Ns(id="ev_ba9876543210", status="reported", summary="CONSULT: ?", date=None,
           history=(Ns(status="reported", day="2021-12-02"),), origins=(), contradictions=(),
           sources=sources[1:]),
    ]
    laid_out = tables.table_lines
    fast_lines: list[object] = []
    monkeypatch.setattr(tables, "table_lines",
                        lambda *a, **k: fast_lines.append(laid_out(*a, **k)) or fast_lines[-1])
    printed = []
    for fast in (True, False):
        if not fast:
            monkeypatch.setattr(tables, "table_lines", lambda *a, **k: None)
        out = io.StringIO()
        console = Console(file=out, width=100, force_terminal=terminal, color_system="standard")
        tables.print_claims(console, iter(claims))
        printed.append(out.getvalue())
    assert len(fast_lines) == 2 and None not in fast_lines  # the first print took the fast path
    assert printed[0] == printed[1]
    assert printed[0].count("Zabihullah Mujahid [person]") == 1


@pytest.mark.parametrize("terminal", [False, True])
def test_cli_claims_source_lines_are_what_rich_tables_print(terminal: bool) -> None:
    """`reportedly claims` lays its source tables out itself (rich's layout cost ~18x the decoding
    of 1,000 claims): the same bytes as `make_table` through rich, plain and with a terminal's
    styles, cells cut, padded or markup-like; tables rich would lay out otherwise (too wide, a
    wide or control character) are left to rich."""
    import io

    from rich.console import Console

    from reportedly.cli.tables import SOURCE_COLUMNS, make_table, table_lines

    long = "Mullah Abdul Ghani Baradar, the Taliban's deputy leader [person] > Reuters > [b]AP[/b]  "
    tables = {
        "cut": [
            ["  2016-03-01", "assert", "a1 +2", long, "Reuters > AP"],
            ["  undated", "deny", "a2", "", ""],
        ],
        "short": [["  2016-03-01", "report", "a_0123456789", "Putin [person]", "é … ß"]],
        "wide": [["  2016-03-01", "assert", "a1", "習近平 [person]", ""]],
        "control": [["  2016-03-01", "assert", "a1", "tab\there", "line\nbreak"]],
        "too wide": [["  2016-03-01", "assert", "a_" + "9" * 90, "x", ""]],
    }
    for width in (40, 80, 132):  # at 40 even the narrowest layout overflows: rich's own
        for name, rows in tables.items():
            fast = table_lines(SOURCE_COLUMNS, rows, width)
            rich_only = name in ("wide", "control") or width < 80 or (name, width) == ("too wide", 80)
            assert (fast is None) == rich_only, (name, width)
            printed = []
            for lines in (None, fast):
                out = io.StringIO()
                console = Console(file=out, width=width, force_terminal=terminal, color_system="standard")
                console.print(make_table(SOURCE_COLUMNS, rows, width) if lines is None else lines)
                printed.append(out.getvalue())
            assert printed[0] == printed[1], (name, width)
