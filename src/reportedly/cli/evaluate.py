"""`reportedly eval ...`: scorers over gold sets. Each scorer adds its command to `eval_app`
from its own module (cli/eval_<name>.py); the scoring itself lives in reportedly.evaluate."""

from __future__ import annotations

import typer

from reportedly.cli import app

eval_app = typer.Typer(help="Score an extractor on a gold set (paths to the full sets in ../shared/data).",
                       no_args_is_help=True)
app.add_typer(eval_app, name="eval")
