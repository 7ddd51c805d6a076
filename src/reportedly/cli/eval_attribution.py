"""`reportedly eval attribution`: source, cue and content F1 on PolNeAR, and quote-level F1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from reportedly.cli.evaluate import eval_app


@eval_app.command("attribution")
def eval_attribution_cmd(
    data: Annotated[Path, typer.Option(help="The PolNeAR folder (research-only: read in place).")] = Path(
        "../shared/data/polnear"
    ),
    split: Annotated[str, typer.Option(help="train, dev or test.")] = "dev",
    limit: Annotated[int | None, typer.Option(help="Score only the first N articles.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    quotes: Annotated[
        bool, typer.Option("--quotes", help="Statements only: GGT quote F1 at 0.3 and speaker accuracy.")
    ] = False,
) -> None:
    """Score attribution extraction: CofeNet role F1 (exact, begin) and GGT quote F1 with speaker accuracy.

    Example:

        reportedly eval attribution --data ../shared/data/polnear --split dev
        reportedly eval attribution --quotes --split dev
    """
    from rich.console import Console

    from reportedly.evaluate import scorer
    from reportedly.evaluate.attribution import render_quotes, render_summary

    name = "scorers.attribution_quotes.v1" if quotes else "scorers.attribution_polnear.v1"
    score = scorer(name)(data, split, limit)
    if as_json:
        typer.echo(json.dumps(score.summary(), indent=2))
    else:
        render = render_quotes if quotes else render_summary
        Console().print(render(score, f"PolNeAR {split}"))
