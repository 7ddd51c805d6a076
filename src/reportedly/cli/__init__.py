"""The `reportedly` command: a thin shell over the library. Each command lives in its own module."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="reportedly",
    help="Read the news the way a careful analyst does: a claim ledger of who reported what, "
    "through whom, with what stance.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def _root() -> None:
    """Read the news the way a careful analyst does."""


# Importing a command module registers its commands on `app`.
from reportedly.cli import analyze  # noqa: E402,F401


def main() -> None:
    """Entry point of the `reportedly` script."""
    app()
