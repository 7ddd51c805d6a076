"""`reportedly analyze`: print the contract's article objects for articles in files and folders."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from reportedly.cli import app
from reportedly.cli.render import render_article
from reportedly.config import Settings
from reportedly.model import Article, Failure, article_to_dict, failure_to_dict

# More inputs than this get a progress bar on stderr.
PROGRESS_MIN_INPUTS = 3


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


@app.command("analyze")
def analyze_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or '-' for stdin.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.jsonl,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs without one.")
    ] = None,
    no_clean: Annotated[bool, typer.Option("--no-clean", help="Keep plain-text input verbatim.")] = False,
    gazetteer: Annotated[list[Path] | None, typer.Option(help="Extra gazetteer file(s).")] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest input read, after decompression.")] = 64
    * 1024
    * 1024,
) -> None:
    """Analyze articles and print one JSON object per article (failed inputs as {source, error}).

    Exit code 1 when some inputs failed. Example:

        reportedly analyze samples/ --format table
    """
    from reportedly.runner import analyze  # here, not at the top: `reportedly --help` stays light

    _check_date(published)
    settings = Settings(
        clean=not no_clean, published=published, gazetteers=tuple(gazetteer or ()), max_input_bytes=max_bytes
    )
    failed = emit(analyze(paths, settings), fmt, show_progress=_many(paths))
    raise typer.Exit(code=1 if failed else 0)


def emit(items: object, fmt: OutputFormat, show_progress: bool) -> int:
    """Write items to stdout in `fmt`, failures to stderr too; return the number of failures."""
    err = Console(stderr=True)
    out = Console(soft_wrap=True)
    failed = 0
    collected: list[dict[str, object]] = []
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}"),
        TimeElapsedColumn(),
        console=err,
        disable=not show_progress,
        transient=True,
    ) as progress:
        task = progress.add_task("analyzing", total=None)
        for item in items:  # type: ignore[attr-defined]
            progress.advance(task)
            if isinstance(item, Failure):
                failed += 1
                err.print(
                    f"[red]error[/red] {escape(f'{item.source.path}: {item.error}')}",
                    highlight=False,
                    markup=True,
                    soft_wrap=True,
                )  # one line per failure, however long the path
                record = failure_to_dict(item)
            else:
                assert isinstance(item, Article)
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


def _many(paths: list[str]) -> bool:
    return len(paths) > PROGRESS_MIN_INPUTS or any(Path(p).is_dir() for p in paths if p != "-")


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
