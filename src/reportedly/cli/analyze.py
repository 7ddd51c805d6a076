"""`reportedly analyze`: print the contract's article objects for articles in files and folders."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from reportedly.cli import app
from reportedly.cli.options import ExcludeOption, IncludeOption, SkipList
from reportedly.cli.progress import Feedback, QuietOption
from reportedly.cli.render import printable, render_article
from reportedly.config import Settings
from reportedly.ingest.count import count_articles
from reportedly.ingest.select import Selection
from reportedly.model import Article, Failure, article_to_dict, failure_to_dict


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


@app.command("analyze")
def analyze_cmd(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH...", help="Files, folders (recursive) or '-' for stdin.")
    ],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.jsonl,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs without one.")
    ] = None,
    no_clean: Annotated[bool, typer.Option("--no-clean", help="Keep plain-text input verbatim.")] = False,
    gazetteer: Annotated[list[Path] | None, typer.Option(help="Extra gazetteer file(s).")] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest input read, after decompression.")] = 64
    * 1024
    * 1024,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    quiet: QuietOption = False,
    scheduler: Annotated[
        str | None, typer.Option(help="Run the analysis on the Dask cluster at this scheduler (tcp://HOST:PORT).")
    ] = None,
) -> None:
    """Analyze articles and print one JSON object per article (failed inputs as {source, error}).

    Exit code 1 when some inputs failed. Example:

        reportedly analyze samples/ --format table
    """
    # Here, not at the top: `reportedly --help` stays light. A local run needs the runner alone; a Dask
    # run goes through the pipeline, which chooses the cluster (and imports distributed only then).
    if scheduler:
        from reportedly.pipeline import analyze
    else:
        from reportedly.runner import analyze

    _check_date(published)
    settings = Settings(
        clean=not no_clean, published=published, gazetteers=tuple(gazetteer or ()), max_input_bytes=max_bytes,
        include=tuple(include or ()), exclude=tuple(exclude or ()),
        scheduler=scheduler,
    )
    from reportedly.cli.ledger import exit_on_cluster_error

    err = Console(stderr=True)
    skipped = SkipList(err, quiet)
    total = count_articles(paths, Selection(settings.include, settings.exclude))
    with Feedback(err, "analyzing", total, quiet) as feedback:
        failed = exit_on_cluster_error(lambda: emit(analyze(paths, settings, on_skip=skipped), fmt, feedback))
    feedback.summary(f"{feedback.stored} analyzed, {failed} failed, {skipped.count} not articles")
    raise typer.Exit(code=1 if failed else 0)


def emit(items: Iterable[Article | Failure], fmt: OutputFormat, feedback: Feedback) -> int:
    """Write items to stdout in `fmt`, failures to stderr too; return the number of failures."""
    err = feedback.console
    out = Console(soft_wrap=True)
    failed = 0
    collected: list[dict[str, object]] = []
    for item in items:
        feedback.advance(failed=isinstance(item, Failure))
        if isinstance(item, Failure):
            failed += 1
            err.print(
                f"[red]error[/red] {escape(printable(f'{item.source.path}: {item.error}'))}",
                highlight=False,
                markup=True,
                soft_wrap=True,
            )  # one line per failure, however long the path
            record = failure_to_dict(item)
        else:
            record = article_to_dict(item)
            if fmt is OutputFormat.table:
                render_article(out, item)
                continue
        if fmt is OutputFormat.jsonl:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif fmt is OutputFormat.json:
            collected.append(record)
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    return failed


def _check_date(value: str | None) -> None:
    import datetime

    if value is None:
        return
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"'{value}' is not a date like 2021-11-30", param_hint="--published"
        ) from None
