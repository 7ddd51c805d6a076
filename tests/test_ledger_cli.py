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



@pytest.fixture()
def several(new_ledger: Any) -> str:
    """The story's disputed meeting and three other meetings, on other days and in other places."""
    from tests.store.builders import ArticleBuilder

    articles = _story()
    for n, place in enumerate(("Tehran", "Doha", "Tehran")):
        b = ArticleBuilder(f"m{n}", published=f"2021-12-1{n}")
        b.entity("Amir Khan Muttaqi", kb_id="rp:muttaqi")
        b.entity("Ahmad Massoud", kb_id="rp:ahmad-massoud")
        b.event("CONSULT", actors=("Amir Khan Muttaqi", "Ahmad Massoud"), place=place)
        articles.append(b.build())
    path = new_ledger()
    with connect(path) as conn:
        store_batch(conn, articles, [])
    return path


@pytest.mark.parametrize(
    "args",
    [[], ["--status", "disputed"], ["--actor", "Taliban"], ["--limit", "3"], ["--since", "2030-01-01"]],
)
def test_ledger_cli_claims_stream_the_listings_bytes(
    several: str, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`claims` writes each claim as it is decoded, in chunks of one claim here: the JSON is byte for
    byte the whole listing's `json.dumps`, the CSV its rows (an empty listing included)."""
    import csv
    import io

    import reportedly
    from reportedly.export import CSV_COLUMNS, to_csv_rows
    from reportedly.ledger import api
    from reportedly.model import to_dict

    monkeypatch.setattr(api, "CLAIMS_CHUNK", 1)
    filters: dict[str, Any] = {a.lstrip("-"): v for a, v in zip(args[::2], args[1::2], strict=True)}
    filters = {k: int(v) if k == "limit" else v for k, v in filters.items()}
    with reportedly.open(several) as ledger:
        claims = ledger.claims(**filters)
        assert list(ledger.iter_claims(**filters)) == claims
    assert len(claims) >= 3 or args[0] in ("--actor", "--status", "--since")
    result = runner.invoke(app, ["claims", "--db", str(several), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    assert result.output == json.dumps(to_dict(claims), ensure_ascii=False, indent=2) + "\n"
    rows = io.StringIO()
    writer = csv.DictWriter(rows, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row for c in claims for row in to_csv_rows(c))
    result = runner.invoke(app, ["claims", "--db", str(several), "--format", "csv", *args])
    assert result.exit_code == 0 and result.output == rows.getvalue()
