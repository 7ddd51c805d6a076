"""Options and small helpers that several commands share."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from reportedly.ingest.select import Skipped

IncludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--include", metavar="GLOB", help="Read only the files of folders matching this glob (repeatable)."
    ),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude", metavar="GLOB", help="Skip the files of folders matching this glob (repeatable)."
    ),
]


class SkipList:
    """Lists each file of a folder that is not read, with why, on stderr, and counts them."""

    def __init__(self, console: Console, quiet: bool = False) -> None:
        self.console = console
        self.quiet = quiet
        self.count = 0

    def __call__(self, item: Skipped) -> None:
        self.count += 1
        if not self.quiet:
            self.console.print(Text(f"skipped {item.path}: {item.reason}", style="dim"), soft_wrap=True)


class TableFormat(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]
# The spelling some commands had before --format: kept, hidden, so old scripts keep working.
JsonAlias = Annotated[bool, typer.Option("--json", hidden=True, help="Same as --format json.")]
