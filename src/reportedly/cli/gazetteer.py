"""`reportedly gazetteer list|search|validate`: browse and check the actor gazetteer (and users' files)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reportedly.cli import app

if TYPE_CHECKING:
    from reportedly.gazetteer import GazetteerEntry

gazetteer_app = typer.Typer(help="Browse and validate the actor gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")

GazetteerFiles = Annotated[list[Path] | None, typer.Option("--gazetteer", help="Extra gazetteer file(s).")]


def _rows(entries: Sequence[GazetteerEntry]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table()
    for col in ("id", "name", "kind", "country", "qid", "aliases", "source"):
        table.add_column(col)
    for e in entries:
        table.add_row(
            *(Text(str(getattr(e, f) or "")) for f in ("id", "name", "kind", "country", "qid")),
            Text(", ".join(e.aliases[:6])),
            Text(e.source[:40]),
        )
    Console().print(table)


@gazetteer_app.command("list")
def list_cmd(
    kind: Annotated[
        str | None, typer.Option(help="Only this kind (person, media, armed_group, ...).")
    ] = None,
    curated: Annotated[
        bool, typer.Option(help="Only curated and user entries (those feeding the ruler).")
    ] = False,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    gazetteer: GazetteerFiles = None,
) -> None:
    """List gazetteer entries.

    Example:

        reportedly gazetteer list --kind media --curated
    """
    from reportedly.gazetteer import load_gazetteer

    gaz = load_gazetteer(tuple(str(p) for p in gazetteer or ()))
    entries = gaz.ruler_entries() if curated else list(gaz.entries.values())
    _rows([e for e in entries if kind is None or e.kind == kind][:limit])


@gazetteer_app.command("search")
def search_cmd(
    query: Annotated[str, typer.Argument(help="A name or part of one.")],
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 20,
    gazetteer: GazetteerFiles = None,
) -> None:
    """Find entries whose name or an alias contains QUERY (exact matches first).

    Example:

        reportedly gazetteer search Massoud
    """
    from reportedly.gazetteer import load_gazetteer

    _rows(list(load_gazetteer(tuple(str(p) for p in gazetteer or ())).search(query, limit)))


@gazetteer_app.command("validate")
def validate_cmd(
    gazetteer: GazetteerFiles = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print counts and problems as JSON.")] = False,
) -> None:
    """Load the built-in gazetteer and any --gazetteer files, and check every entry and link.

    Exit code 1 when a file is malformed or a cross-entry problem is found. Example:

        reportedly gazetteer validate --gazetteer my-actors.yaml
    """
    from collections import Counter

    from reportedly.errors import GazetteerError
    from reportedly.gazetteer import load_gazetteer, validate

    try:
        gaz = load_gazetteer(tuple(str(p) for p in gazetteer or ()))
    except GazetteerError as err:
        typer.echo(f"invalid: {err}", err=True)
        raise typer.Exit(code=1) from err
    problems = validate(gaz)
    counts = dict(Counter(e.kind for e in gaz.entries.values()))
    if as_json:
        typer.echo(json.dumps({"entries": len(gaz.entries), "kinds": counts, "problems": problems}, indent=2))
    else:
        typer.echo(f"{len(gaz.entries)} entries ({', '.join(f'{k} {n}' for k, n in sorted(counts.items()))})")
        for line in problems:
            typer.echo(f"problem: {line}", err=True)
    raise typer.Exit(code=1 if problems else 0)
