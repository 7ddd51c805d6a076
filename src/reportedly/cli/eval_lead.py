"""`reportedly eval lead`: the article lead (5W1H) scored on Giveme5W1H's gold standard (the scoring
lives in reportedly.evaluate.lead)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from reportedly.cli.evaluate import eval_app

DEFAULT_GIVEME5W1H = Path("../shared/data/giveme5w1h-dev")


@eval_app.command("lead")
def eval_lead_cmd(
    data: Annotated[Path, typer.Option(help="The giveme5w1h-dev folder (data/*.json).")] = DEFAULT_GIVEME5W1H,
    limit: Annotated[int | None, typer.Option(help="Score only the first N articles.")] = None,
    topic: Annotated[list[str] | None, typer.Option(
        help="Score only the articles of this topic (`category`, e.g. 'tram'); repeat for several.")] = None,
    half: Annotated[str | None, typer.Option(help="Score only one half of the dev topics: 'tune' (f1, tram, "
                                                  "china well) or 'held' (toberone-gate, gaga protests, "
                                                  "tram victims).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON, misses too.")] = False,
) -> None:
    """Who, what, when, where, why, how of each article's lead against the coders' phrases: hit when a
    content word is shared (or the date is the same), f1 the best content-word F1. Example:

        reportedly eval lead --data ../shared/data/giveme5w1h-dev --half held
    """
    from reportedly.evaluate import scorer
    from reportedly.evaluate.lead import HALVES

    if half is not None and half not in HALVES:
        raise typer.BadParameter(f"--half must be one of {', '.join(HALVES)}")
    topics = tuple(topic or ()) + (HALVES[half] if half else ())
    report = scorer("scorers.lead_giveme5w1h.v1")(data, limit=limit, topics=topics or None).to_dict()
    if as_json:
        Console(soft_wrap=True).print_json(json.dumps(report, ensure_ascii=False))
        return
    table = Table(title=f"article lead (5W1H), {report['articles']} articles"
                  + (f" ({', '.join(topics)})" if topics else ""), title_justify="left")
    for col in ("question", "n", "hit", "f1"):
        table.add_column(col, justify="left" if col == "question" else "right")
    for question, row in report["scores"].items():
        table.add_row(question, str(row["n"]), f"{row['hit']:.3f}", f"{row['f1']:.3f}")
    Console(soft_wrap=True).print(table)
