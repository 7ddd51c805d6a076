"""`reportedly watch`: poll feeds (or pages) and ingest new articles, until stopped."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text

from reportedly.cli import app
from reportedly.cli.progress import QuietOption

if TYPE_CHECKING:
    from reportedly.watch import PollReport


@app.command("watch")
def watch_cmd(
    sources: Annotated[
        str,
        typer.Argument(
            metavar="FEED-OR-URL-LIST", help="A feed or page URL, or a file listing such URLs one per line."
        ),
    ],
    db: Annotated[Path, typer.Option("--db", help="The ledger database (SQLite).")] = Path("reportedly.db"),
    every: Annotated[
        str, typer.Option(metavar="DURATION", help="Time between polls: 90s, 15m, 1h.")
    ] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    quiet: QuietOption = False,
) -> None:
    """Follow news feeds: poll with conditional requests, fetch and ingest new linked articles.

    Network errors are reported and polled again; a restarted watch stores nothing twice (its state
    is in the database). Stop it with Ctrl-C. Example:

        reportedly watch https://example.org/rss.xml --every 15m --db reportedly.db
    """
    from reportedly.config import Settings
    from reportedly.watch import parse_every, poll, read_sources

    err = Console(stderr=True)
    try:
        urls, seconds = read_sources(sources), parse_every(every)
    except (OSError, ValueError) as exc:
        raise typer.BadParameter(str(exc)) from None
    settings = Settings(db=db)
    try:
        while True:
            report = poll(urls, settings)
            for source, problem in report.errors:
                err.print(Text(f"failed {source}: {problem} (polled again next time)", style="red"))
            if not quiet:
                err.print(Text(f"{time.strftime('%H:%M:%S')} {describe(report)}"), soft_wrap=True)
            if once:
                return
            time.sleep(seconds)
    except KeyboardInterrupt:
        err.print(Text("stopped; the next watch goes on from here"))


def describe(report: PollReport) -> str:
    """One line for a poll: sources, unchanged, failed, new links, stored, failed articles."""
    return (
        f"polled {report.sources} sources ({report.unchanged} unchanged, {len(report.errors)} failed): "
        f"{report.new_links} new links, {report.ingest.stored} stored, {report.ingest.failed} failed"
    )
