"""The `reportedly` command: a thin shell over the library. Each command lives in its own module."""

from __future__ import annotations

import importlib
import sys
from typing import Annotated

import typer

from reportedly.cli.help import use_readable_metavars

use_readable_metavars()
app = typer.Typer(
    name="reportedly",
    help="Read the news the way a careful analyst does: a claim ledger of who reported what, "
    "through whom, with what stance.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"reportedly {version('reportedly')}")
        except PackageNotFoundError:  # running from a source tree that was never installed
            typer.echo("reportedly (not installed)")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Read the news the way a careful analyst does."""


# Importing a command module registers its commands on `app`. One module per command group;
# modules import heavy libraries inside command bodies so `reportedly --help` stays fast.
COMMAND_MODULES = [
    "analyze",
    "evaluate",
    "ledger",
    "eval_coref",
    "eval_events",
    "eval_dedup",
    "eval_attribution",
    "eval_extraction",
    "gazetteer",
    "eval_ner",
    "eval_lead",
    "serve",
    "watch",
]
for _name in COMMAND_MODULES:
    importlib.import_module(f"reportedly.cli.{_name}")


def main() -> None:
    """Entry point of the `reportedly` script.

    A ledger database that fails while a command reads it (corrupt pages, a lost connection) ends
    the command with one line naming it and exit code 2, as an unusable one does when opened.
    """
    from reportedly.errors import StoreError
    from reportedly.store.database import driver_errors

    try:
        app()
    except StoreError as err:
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    except driver_errors() as err:  # raised while reading rows, after the statement started
        first = (str(err).strip().splitlines() or [type(err).__name__])[0]
        print(f"error: cannot read the ledger database: {first}", file=sys.stderr)
        raise SystemExit(2) from None
