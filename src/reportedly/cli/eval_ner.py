"""`reportedly eval ner`: entity spans scored on ECB+ named HUMAN_PART and LOC markables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from reportedly.cli.evaluate import eval_app


@eval_app.command("ner")
def eval_ner_cmd(
    data: Annotated[Path, typer.Option(help="The ECB+ folder.")] = Path("../shared/data/ecbplus"),
    split: Annotated[str, typer.Option(help="dev, train or all.")] = "dev",
    limit: Annotated[int | None, typer.Option(help="Score a reproducible sample of N documents.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Score NER spans and entity mentions (exact, partial, typed HUMAN/LOC) against ECB+ named markables.

    Example:

        reportedly eval ner --data ../shared/data/ecbplus --split dev
    """
    from rich.console import Console
    from rich.table import Table

    from reportedly.evaluate import scorer

    summary = scorer("scorers.ner_ecbplus.v1")(data, split, limit).summary()
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    table = Table(title=f"ECB+ {split}: {summary['documents']} documents, named HUMAN_PART + LOC markables")
    for col in ("system", "gold", "predicted", "exact P/R/F1", "partial P/R/F1", "typed exact F1"):
        table.add_column(col)
    for name in ("ner", "entities"):
        s = summary[name]
        table.add_row(
            name,
            str(s["gold"]),
            str(s["predicted"]),
            "/".join(f"{s['exact'][k]:.3f}" for k in ("precision", "recall", "f1")),
            "/".join(f"{s['partial'][k]:.3f}" for k in ("precision", "recall", "f1")),
            f"{s['typed_exact']['f1']:.3f}",
        )
    Console().print(table)
