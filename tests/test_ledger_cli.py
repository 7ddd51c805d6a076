"""The ledger commands: thin shells over the API, each with an example in its help."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.ledger import Ledger
from reportedly.store.database import connect
from reportedly.store.writer import store_batch
from tests.test_ledger import _story

COMMANDS = ["ingest", "claims", "entities", "events", "timeline", "search", "export"]
runner = CliRunner(env={"COLUMNS": "200"})  # tables do not wrap names


@pytest.fixture()
def db(new_ledger: Any) -> str:
    path = new_ledger()
    with connect(path) as conn:
        store_batch(conn, _story(), [])
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_ledger_cli_help_has_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_ledger_cli_claims_json_contract(db: str) -> None:
    result = runner.invoke(app, ["claims", "--db", str(db), "--format", "json", "--status", "disputed"])
    assert result.exit_code == 0, result.output
    (claim,) = json.loads(result.output)
    assert claim["status"] == "disputed" and len(claim["mentions"]) == 4
    assert {s["stance"] for s in claim["sources"]} == {"assert", "deny", "confirm"}


@pytest.mark.parametrize(
    "args,expected",
    [
        (["claims"], "DISPUTED"),
        (["claims", "--format", "csv"], "event,type,status"),
        (["claims", "--actor", "Taliban", "--format", "json"], "[]"),  # known, in no event
        (["entities", "--name", "Massoud"], "Ahmad Massoud"),
        (["entities", "--json", "--type", "PERSON"], '"kb_id"'),
        (["events"], "CONSULT"),
        (["search", "Baradar"], "a1"),
        (["export", "--format", "cameo-tsv"], "\tev_"),  # Phoenix rows: no header, SentenceID
    ],
)
def test_ledger_cli_commands(db: str, args: list[str], expected: str) -> None:
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert expected in result.output


def test_ledger_cli_timeline(db: str) -> None:
    events = json.loads(runner.invoke(app, ["events", "--db", str(db), "--json"]).output)
    result = runner.invoke(app, ["timeline", events[0]["id"], "--db", str(db), "--json"])
    assert [e["status_after"] for e in json.loads(result.output)] == ["reported", "disputed", "disputed"]
    assert runner.invoke(app, ["timeline", "ev_missing", "--db", str(db)]).exit_code == 1


@pytest.mark.parametrize(
    "args", [["claims", "--since", "yesterday"], ["claims", "--db", "/nonexistent/x.db"]]
)
def test_ledger_cli_bad_input(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2


DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize("name", sorted(n for n in dir(Ledger) if not n.startswith("_")))
def test_ledger_cli_api_documented(name: str) -> None:
    assert f"{name}(" in (DOCS / "api.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_ledger_cli_commands_documented(command: str) -> None:
    assert f"reportedly {command}" in (DOCS / "ledger.md").read_text(encoding="utf-8")
