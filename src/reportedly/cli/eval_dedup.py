"""`reportedly eval dedup`: syndicated-copy detection scored on copies generated from ECB+ articles
(the scoring lives in reportedly.evaluate.dedup)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from reportedly.cli.evaluate import eval_app

DEFAULT_ECBPLUS = Path("../shared/data/ecbplus")


@eval_app.command("dedup")
def eval_dedup_cmd(
    data: Annotated[Path, typer.Option(help="The ECB+ folder (ECB+/<topic>/*.xml).")] = DEFAULT_ECBPLUS,
    topics: Annotated[str, typer.Option(help="Comma-separated topic folders to use; all when empty.")] = "",
    seed: Annotated[int, typer.Option(help="Seed of the generated copies and of the stream order.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Precision and recall of `duplicate_of` on a stream of ECB+ articles mixed with generated wire
    copies (truncated, retitled, lightly edited, a sentence added); ECB+'s own near-copies (found by
    sentence alignment) are gold copies too, scored apart as `natural`. Example:

        reportedly eval dedup --data ../shared/data/ecbplus
    """
    from reportedly.evaluate import scorer

    chosen = [t.strip() for t in topics.split(",") if t.strip()] or None
    scores = scorer("scorers.dedup_ecbplus.v1")(data, chosen, seed=seed)
    out = Console(soft_wrap=True)
    if as_json:
        out.print_json(json.dumps(scores))
        return
    table = Table(title="syndicated copies (duplicate_of)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in scores.items():
        if key == "natural":
            for name, figure in value.items():
                table.add_row(f"ECB+'s own copies: {name.replace('_', ' ')}",
                              f"{figure:.3f}" if isinstance(figure, float) else str(figure))
        elif isinstance(value, dict):
            for kind, share in value.items():
                table.add_row(f"recall, copies {kind}", f"{share:.3f}")
        else:
            table.add_row(key.replace("_", " "), f"{value:.3f}" if isinstance(value, float) else str(value))
    out.print(table)
