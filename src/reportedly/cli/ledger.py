"""The ledger commands: `ingest`, `claims`, `entities`, `events`, `timeline`, `search`, `export`.

Each body parses, builds Settings, calls one library function (store.ingest or the Ledger API)
and renders. Article text is untrusted: tables get `rich.text.Text`, never markup.
"""

from __future__ import annotations

import csv
import datetime
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from reportedly.cli import app
from reportedly.model import to_dict

DbOption = Annotated[Path, typer.Option("--db", help="The ledger database (SQLite).")]
DEFAULT_DB = Path("reportedly.db")
# Longest text shown in a table cell.
MAX_CELL_CHARS = 90
# Characters of an article's title shown beside its id in a timeline.
TITLE_CHARS = 40


class ClaimFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    plover_jsonl = "plover-jsonl"
    cameo_tsv = "cameo-tsv"
    csv = "csv"
    jsonl = "jsonl"
    ftm = "ftm"


def _t(value: object) -> Text:
    text = "" if value is None else str(value)
    return Text(text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…")


def _date(value: str | None, hint: str) -> str | None:
    if value is not None:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise typer.BadParameter(f"'{value}' is not a date like 2021-12-07", param_hint=hint) from None
    return value


def _open(db: Path) -> Any:
    import reportedly
    from reportedly.errors import StoreError

    try:
        return reportedly.open(db)
    except StoreError as err:
        Console(stderr=True).print(Text(f"error: {err}", style="red"))
        raise typer.Exit(code=2) from None


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or '-' for stdin.")],
    db: DbOption = DEFAULT_DB,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Re-read inputs that failed before.")
    ] = False,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs without one.")
    ] = None,
    gazetteer: Annotated[list[Path] | None, typer.Option(help="Extra gazetteer file(s).")] = None,
    n_process: Annotated[int, typer.Option("--n-process", min=1, help="Analysis worker processes.")] = 1,
) -> None:
    """Analyze articles and store them in the ledger; already stored articles are skipped.

    Exit code 1 when some inputs failed (they are recorded; retry them with --retry-failed). Example:

        reportedly ingest samples/ --db reportedly.db
    """
    from reportedly.config import Settings
    from reportedly.store.ingest import ingest

    settings = Settings(
        db=db,
        published=_date(published, "--published"),
        gazetteers=tuple(gazetteer or ()),
        n_process=n_process,
    )
    err = Console(stderr=True)

    def show(item: object) -> None:
        error = getattr(item, "error", None)
        if error is not None:
            err.print(Text(f"failed {item.source.path}: {error}", style="red"))  # type: ignore[attr-defined]

    report = ingest(paths, settings, retry_failed=retry_failed, on_item=show)
    err.print(
        Text(
            f"{report.stored} stored, {report.already_stored} already stored, {report.failed} failed, "
            f"{report.skipped_failed} skipped (failed before); {report.events} ledger events in {db}"
        )
    )
    raise typer.Exit(code=1 if report.failed else 0)


def _print_claims(console: Console, claims: list[Any]) -> None:
    """Each claim as a heading (id, what, where, status over time) over a table of its sources."""
    for c in claims:
        where = c.date.value if c.date else ""
        head = Text(f"{c.id}  ", style="bold")
        head.append(c.status.upper(), style="bold red" if c.contradictions else "bold green")
        head.append(f"  {c.summary}" + (f" ({where})" if where else ""))
        history = " -> ".join(f"{h.status} {h.day or 'undated'}" for h in c.history)
        head.append(f"\n  status over time: {history}", style="dim")
        if c.origins:
            head.append("\n  " + "; ".join(_side(x) for x in c.origins), style="dim")
        if c.contradictions:
            pro = ", ".join(dict.fromkeys(x.supports.name for x in c.contradictions))
            con = ", ".join(dict.fromkeys(x.denies.name for x in c.contradictions))
            head.append(f"\n  contradicted: {pro}  vs  {con}", style="red")
        table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 1))
        for column in ("  published", "stance", "speaker", "via", "article"):
            table.add_column(column, style="dim" if column == "article" else None, overflow="fold")
        for s in c.sources:
            copies = f" +{len(s.copies)} cop{'y' if len(s.copies) == 1 else 'ies'}" if s.copies else ""
            table.add_row(
                _t(f"  {s.published or 'undated'}"),
                _t(s.stance),
                _t(f"{s.speaker.name} [{s.speaker.kind}]"),
                _t(" > ".join(s.via)),
                _t(s.article + copies),
            )
        console.print(head)
        console.print(table)
        console.print()


def _side(count: Any) -> str:
    """ "for: 2 origins, 7 reports" """
    o, r = count.origins, count.reports
    return f"{count.side}: {o} origin{'s' * (o != 1)}, {r} report{'s' * (r != 1)}"


@app.command("claims")
def claims_cmd(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[
        str | None, typer.Option(help="Only events this entity (name, alias or id) takes part in.")
    ] = None,
    type_: Annotated[str | None, typer.Option("--type", help="Only events of this PLOVER type.")] = None,
    status: Annotated[str | None, typer.Option(help="Only events with this ledger status.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Only events with a source published on or after YYYY-MM-DD.")
    ] = None,
    limit: Annotated[int, typer.Option(help="Most events shown, latest first.")] = 1000,
    fmt: Annotated[ClaimFormat, typer.Option("--format", "-f", help="Output format.")] = ClaimFormat.table,
    min_origins: Annotated[
        int | None, typer.Option(min=1, help="Only events with at least N independent origins.")
    ] = None,
) -> None:
    """Show the claim ledger: each event with every source's stance and the status over time.

    Example:

        reportedly claims --actor "Ahmad Massoud" --status disputed --format json
    """
    with _open(db) as ledger:
        claims = ledger.claims(
            actor=actor,
            type=type_,
            status=status,
            since=_date(since, "--since"),
            limit=limit,
            min_origins=min_origins,
        )
    if fmt is ClaimFormat.json:
        sys.stdout.write(json.dumps(to_dict(claims), ensure_ascii=False, indent=2) + "\n")
    elif fmt is ClaimFormat.csv:
        from reportedly.export import CSV_COLUMNS, to_csv_rows

        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(row for c in claims for row in to_csv_rows(c))
    else:
        _print_claims(Console(), claims)


@app.command("entities")
def entities_cmd(
    db: DbOption = DEFAULT_DB,
    name: Annotated[
        str | None, typer.Option(help="Only entities whose name or an alias contains this.")
    ] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="Only entities of this type (PERSON, ORG, GPE...).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the people, organizations and places of the ledger with aliases and dated roles.

    Example:

        reportedly entities --type PERSON --name Massoud
    """
    with _open(db) as ledger:
        entities = ledger.entities(name=name, type=type_)
    if as_json:
        sys.stdout.write(json.dumps(to_dict(entities), ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title="Entities")
    for column in ("name", "type", "articles", "aliases", "roles", "affiliations"):
        table.add_column(column)
    for e in entities:
        roles = "; ".join(dict.fromkeys(r.text for r in e.roles))
        table.add_row(
            _t(e.name),
            _t(e.type),
            _t(e.articles),
            _t(", ".join(e.aliases)),
            _t(roles),
            _t(", ".join(e.affiliations)),
        )
    Console().print(table)


@app.command("events")
def events_cmd(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Only events this entity takes part in.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="Only events of this PLOVER type.")] = None,
    status: Annotated[str | None, typer.Option(help="Only events with this ledger status.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List ledger events one per line: type, status, articles and sources.

    Example:

        reportedly events --type CONSULT
    """
    with _open(db) as ledger:
        events = ledger.events(actor=actor, type=type_, status=status)
    if as_json:
        sys.stdout.write(json.dumps(to_dict(events), ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title="Ledger events")
    for column in ("event", "status", "what", "date", "articles", "sources", "first seen", "last seen"):
        table.add_column(column)
    for e in events:
        status_text = _t(e.status + (" (contradicted)" if e.contradicted else ""))
        table.add_row(
            _t(e.id),
            status_text,
            _t(e.summary),
            _t(e.date),
            _t(e.articles),
            _t(e.sources),
            _t(e.first_published),
            _t(e.last_published),
        )
    Console().print(table)


@app.command("timeline")
def timeline_cmd(
    event: Annotated[str, typer.Argument(help="A ledger event id (or a unique prefix of 6+ characters).")],
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Show every statement on one event in publication order, with the status after each.

    Example:

        reportedly timeline ev_3f2a9c1b7d4e
    """
    with _open(db) as ledger:
        entries = ledger.timeline(event)
    if not entries:
        Console(stderr=True).print(Text(f"no event '{event}' with sources in the ledger", style="red"))
        raise typer.Exit(code=1)
    if as_json:
        sys.stdout.write(json.dumps(to_dict(entries), ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(
        title=f"Timeline of {event}", box=None, pad_edge=False, padding=(0, 1), title_justify="left"
    )
    for column in ("published", "stance", "speaker", "via", "status after", "article"):
        table.add_column(column, overflow="fold", style="dim" if column == "article" else None)
    for t in entries:
        title = (t.title or "")[:TITLE_CHARS]
        table.add_row(
            _t(t.day or "undated"),
            _t(t.stance),
            _t(f"{t.speaker.name} [{t.speaker.kind}]"),
            _t(" > ".join(t.via)),
            _t(t.status_after),
            _t(f"{t.article} {title}"),
        )
    Console().print(table)


@app.command("search")
def search_cmd(
    text: Annotated[str, typer.Argument(help="Words to find in titles and article text.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="Most articles shown.")] = 20,
) -> None:
    """Full-text search over stored articles (SQLite FTS5), best match first.

    Example:

        reportedly search "Baradar Moscow"
    """
    with _open(db) as ledger:
        hits = ledger.search(text, limit=limit)
    table = Table(title=f"Articles matching {text!r}")
    for column in ("article", "published", "title", "snippet"):
        table.add_column(column)
    for h in hits:
        table.add_row(_t(h.article), _t(h.published), _t(h.title), Text(h.snippet))
    Console().print(table)


@app.command("export")
def export_cmd(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Export format.")],
    db: DbOption = DEFAULT_DB,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Export the ledger: articles (jsonl), events (plover-jsonl, cameo-tsv), claims (csv), entities (ftm).

    Example:

        reportedly export --format plover-jsonl -o events.jsonl
    """
    from reportedly.export import export

    with _open(db) as ledger:
        if output is None:
            count = export(ledger, fmt.value, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as out:
                count = export(ledger, fmt.value, out)
    Console(stderr=True).print(Text(f"{count} records exported ({fmt.value})"))
