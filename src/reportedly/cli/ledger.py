"""The ledger commands: `ingest`, `claims`, `entities`, `events`, `timeline`, `search`, `export`,
`migrate`.

Each body parses, builds Settings, calls one library function (pipeline.ingest or the Ledger API)
and renders. Article text is untrusted: tables get `rich.text.Text`, never markup.
"""

from __future__ import annotations

import csv
import datetime
import json
import sys
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from reportedly.cli import app
from reportedly.cli.options import (
    ExcludeOption,
    FormatOption,
    IncludeOption,
    JsonAlias,
    SkipList,
    TableFormat,
)
from reportedly.cli.progress import Feedback, QuietOption
from reportedly.cli.tables import entities_table, events_table, print_claims, search_table, timeline_table
from reportedly.model import to_dict

DbOption = Annotated[
    str,
    typer.Option(
        "--db", help="The ledger database: a SQLite file, or postgresql://user@host:port/dbname."
    ),
]
DEFAULT_DB = "reportedly.db"
SchedulerOption = Annotated[
    str | None, typer.Option(help="Run the analysis on the Dask cluster at this scheduler (tcp://HOST:PORT).")
]
_T = TypeVar("_T")


class ClaimFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _export_formats() -> list[str]:
    """The export format names, read from the registry (a new exporter module adds its own)."""
    from reportedly.export import formats

    return list(formats())


def _check_format(value: str) -> str:
    known = _export_formats()
    if value not in known:
        raise typer.BadParameter(f"'{value}' is not an export format; choose one of: {', '.join(known)}")
    return value


def _date(value: str | None, hint: str) -> str | None:
    if value is not None:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise typer.BadParameter(f"'{value}' is not a date like 2021-12-07", param_hint=hint) from None
    return value


def _open(db: str) -> Any:
    import reportedly
    from reportedly.errors import StoreError

    try:
        return reportedly.open(db)
    except StoreError as err:
        Console(stderr=True).print(Text(f"error: {err}", style="red"), soft_wrap=True)
        raise typer.Exit(code=2) from None


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Files, folders (recursive) or '-' for stdin.")
    ],
    db: DbOption = DEFAULT_DB,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Also read the inputs among PATHS that failed before.")
    ] = False,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs without one.")
    ] = None,
    gazetteer: Annotated[list[Path] | None, typer.Option(help="Extra gazetteer file(s).")] = None,
    n_process: Annotated[int, typer.Option("--n-process", min=1, help="Analysis worker processes.")] = 1,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    quiet: QuietOption = False,
    scheduler: SchedulerOption = None,
) -> None:
    """Analyze articles and store them in the ledger; already stored articles are skipped.

    Exit code 1 when some inputs failed (they are recorded; retry them with --retry-failed). Example:

        reportedly ingest samples/ --db reportedly.db
    """
    from reportedly.config import Settings

    settings = Settings(
        db=db,
        published=_date(published, "--published"),
        gazetteers=tuple(gazetteer or ()),
        n_process=n_process,
        include=tuple(include or ()),
        exclude=tuple(exclude or ()),
        scheduler=_scheduler(scheduler, n_process),
    )
    from reportedly.errors import StoreError

    try:
        report = exit_on_cluster_error(lambda: _ingest_with_feedback(paths, settings, retry_failed, quiet))
    except StoreError as exc:
        Console(stderr=True).print(Text(f"error: {exc}", style="red"), soft_wrap=True)
        raise typer.Exit(code=2) from None
    raise typer.Exit(code=1 if report.failed else 0)


def _ingest_with_feedback(paths: list[str], settings: Any, retry_failed: bool, quiet: bool) -> Any:
    """Run pipeline.ingest with a progress bar (or a summary line), listing failures and skipped files."""
    from reportedly.cli.render import printable
    from reportedly.ingest.count import count_articles
    from reportedly.ingest.select import Selection
    from reportedly.pipeline import ingest

    err = Console(stderr=True)
    skipped = SkipList(err, quiet)
    total = count_articles(paths, Selection(settings.include, settings.exclude))

    with Feedback(err, "ingesting", total, quiet) as feedback:

        def show(item: object) -> None:
            error = getattr(item, "error", None)
            if error is not None:
                where = printable(str(item.source.path))  # type: ignore[attr-defined]
                err.print(Text(f"failed {where}: {printable(error)}", style="red"), soft_wrap=True)
            feedback.advance(failed=error is not None)

        report = ingest(paths, settings, retry_failed=retry_failed, on_item=show, on_skip=skipped)
    feedback.summary(
        f"{report.stored} stored, {report.already_stored} already stored, {report.failed} failed, "
        f"{report.skipped_failed} skipped (failed before), {skipped.count} not articles; "
        f"{report.events} ledger events in {settings.db}"
    )
    return report


def _checked(call: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a Ledger method; an unknown filter value becomes a usage error naming the valid ones."""
    from reportedly.errors import InvalidArgument

    try:
        return call(*args, **kwargs)
    except InvalidArgument as err:
        raise typer.BadParameter(str(err), param_hint=f"--{err.param}") from None


def _print_json(records: object) -> None:
    sys.stdout.write(json.dumps(to_dict(records), ensure_ascii=False, indent=2) + "\n")


def _stream_json(records: Iterable[object]) -> None:
    """`_print_json` of a list, written one record at a time: the same bytes (a JSON string never
    holds a raw line break, so indenting every line of a record's text by two spaces nests it)."""
    out = sys.stdout
    first = True
    for record in records:
        text = json.dumps(to_dict(record), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(("[\n  " if first else ",\n  ") + text)
        first = False
    out.write("[]\n" if first else "\n]\n")


def _scheduler(address: str | None, n_process: int) -> str | None:
    if address is not None and n_process > 1:
        raise typer.BadParameter("--n-process is for local runs: the Dask workers are the processes",
                                 param_hint="--scheduler")
    return address


def exit_on_cluster_error(run: Callable[[], _T]) -> _T:
    """`run()`, with a Dask cluster that cannot be reached or is lost reported in one line (exit 2)."""
    from reportedly.errors import ClusterError

    try:
        return run()
    except ClusterError as err:
        Console(stderr=True).print(Text(f"error: {err}", style="red"))
        raise typer.Exit(code=2) from None



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
    as_json: JsonAlias = False,
    min_origins: Annotated[
        int | None, typer.Option(min=1, help="Only events with at least N independent origins.")
    ] = None,
) -> None:
    """Show the claim ledger: each event with every source's stance and the status over time.

    Example:

        reportedly claims --actor "Ahmad Massoud" --status disputed --format json
    """
    # each claim is written out as it is decoded (`iter_claims`), not after the whole listing
    with _open(db) as ledger:
        claims = _checked(ledger.iter_claims, actor=actor, type=type_, status=status, since=since,
                          limit=limit, min_origins=min_origins)
        if fmt is ClaimFormat.json or as_json:
            _stream_json(claims)
        elif fmt is ClaimFormat.csv:
            from reportedly.export import CSV_COLUMNS, to_csv_rows

            writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(row for c in claims for row in to_csv_rows(c))
        else:
            print_claims(Console(), claims)


@app.command("entities")
def entities_cmd(
    db: DbOption = DEFAULT_DB,
    name: Annotated[
        str | None, typer.Option(help="Only entities whose name or an alias contains this.")
    ] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="Only entities of this type (PERSON, ORG, GPE...).")
    ] = None,
    fmt: FormatOption = TableFormat.table,
    as_json: JsonAlias = False,
) -> None:
    """List the people, organizations and places of the ledger with aliases and dated roles.

    The id column works as --actor of claims and events. Example:

        reportedly entities --type PERSON --name Massoud
    """
    with _open(db) as ledger:
        entities = ledger.entities(name=name, type=type_)
    if fmt is TableFormat.json or as_json:
        _print_json(entities)
    else:
        console = Console()
        console.print(entities_table(entities, console.width))


@app.command("events")
def events_cmd(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Only events this entity takes part in.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="Only events of this PLOVER type.")] = None,
    status: Annotated[str | None, typer.Option(help="Only events with this ledger status.")] = None,
    fmt: FormatOption = TableFormat.table,
    as_json: JsonAlias = False,
) -> None:
    """List ledger events one per line: id, status, date, articles, sources and what happened.

    The event column works as the argument of timeline. Example:

        reportedly events --type CONSULT
    """
    with _open(db) as ledger:
        events = _checked(ledger.events, actor=actor, type=type_, status=status)
    if fmt is TableFormat.json or as_json:
        _print_json(events)
    else:
        console = Console()
        console.print(events_table(events, console.width))


@app.command("timeline")
def timeline_cmd(
    event: Annotated[
        str, typer.Argument(metavar="EVENT", help="A ledger event id (or a unique prefix of 6+ characters).")
    ],
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = TableFormat.table,
    as_json: JsonAlias = False,
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
    if fmt is TableFormat.json or as_json:
        _print_json(entries)
    else:
        console = Console()
        console.print(timeline_table(event, entries, console.width))


@app.command("search")
def search_cmd(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="Words to find in titles and article text.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="Most articles shown.")] = 20,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Full-text search over stored articles, best match first among the latest 10,000 matches
    (SQLite FTS5's bm25) or 1,000 (PostgreSQL's ranking); docs/ledger.md says why.

    Example:

        reportedly search "Baradar Moscow"
    """
    with _open(db) as ledger:
        hits = ledger.search(text, limit=limit)
    if fmt is TableFormat.json:
        _print_json(hits)
    else:
        console = Console()
        console.print(search_table(text, hits, console.width))


@app.command("export")
def export_cmd(
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="FORMAT", callback=_check_format,
            help=f"One of: {', '.join(_export_formats())} (docs/export.md).",
        ),
    ],
    db: DbOption = DEFAULT_DB,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Export the ledger: articles (jsonl), events (plover-jsonl, Phoenix cameo-tsv), claims (csv), ftm.

    Example:

        reportedly export --format plover-jsonl -o events.jsonl
    """
    from reportedly.export import export

    with _open(db) as ledger:
        if output is None:
            count = export(ledger, fmt, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as out:
                count = export(ledger, fmt, out)
    if not quiet:
        Console(stderr=True).print(Text(f"{count} records exported ({fmt})"))


@app.command("migrate")
def migrate_cmd(db: DbOption = DEFAULT_DB) -> None:
    """Bring a ledger written by an older reportedly up to this version's schema (readers and
    `serve` never migrate; `ingest` migrates too). A new or current ledger is left as it is.

    Example:

        reportedly migrate --db reportedly.db
    """
    from reportedly.errors import StoreError
    from reportedly.store.database import connect, describe, is_url

    err = Console(stderr=True)
    if not is_url(db) and not Path(db).is_file():
        missing = f"error: {db}: no such database (create it with `reportedly ingest`)"
        err.print(Text(missing, style="red"), soft_wrap=True)
        raise typer.Exit(code=2)
    try:
        with connect(db) as database:
            version = database.schema_version()
    except StoreError as exc:
        err.print(Text(f"error: {exc}", style="red"), soft_wrap=True)
        raise typer.Exit(code=2) from None
    err.print(Text(f"{describe(db)}: ledger schema version {version}"))
