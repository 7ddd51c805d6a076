"""`reportedly eval extraction` and `reportedly eval dates`: the HTML reader scored on trafilatura's and
htmldate's gold sets (the scoring lives in reportedly.evaluate.extraction and reportedly.evaluate.dates)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from reportedly.cli.evaluate import eval_app

DEFAULT_TRAFILATURA = Path("../shared/data/extraction/trafilatura-eval")
DEFAULT_HTMLDATE = Path("../shared/data/extraction/htmldate-eval")
SCORE_COLUMNS = ("precision", "recall", "accuracy", "f1")


@eval_app.command("extraction")
def eval_extraction_cmd(
    data: Annotated[Path, typer.Option(help="The trafilatura-eval folder (evaldata.json, html/).")] = (
        DEFAULT_TRAFILATURA),
    sample: Annotated[int | None, typer.Option(help="Score a seeded sample of this many pages.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Main text as trafilatura scores it (segments that must / must not appear), bare trafilatura and
    our reader plus cleaning side by side on the same pages; lists real text our cleaning removed. Example:

        reportedly eval extraction --data ../shared/data/extraction/trafilatura-eval
    """
    from reportedly.evaluate import scorer

    report = scorer("scorers.extraction_trafilatura.v1")(data, sample=sample).to_dict()
    if as_json:
        Console(soft_wrap=True).print_json(json.dumps(report, ensure_ascii=False))
        return
    _render(f"main text, {report['pages']} pages", report["scores"])
    for lost in report["wrongly_removed"]:
        Console(soft_wrap=True).print(f"cleaning removed real text ({lost['reason']}): {lost['line']!r} "
                                      f"on {lost['page']}", highlight=False, markup=False)


@eval_app.command("dates")
def eval_dates_cmd(
    data: Annotated[Path, typer.Option(help="The htmldate-eval folder (eval_*.json, html/).")] = (
        DEFAULT_HTMLDATE),
    sample: Annotated[int | None, typer.Option(help="Score a seeded sample of this many pages.")] = None,
    use_url: Annotated[bool, typer.Option(help="Give the date finder the page URL too.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Publication dates of our HTML reader against gold, scored as htmldate scores itself. Example:

        reportedly eval dates --data ../shared/data/extraction/htmldate-eval
    """
    from reportedly.evaluate import scorer

    report = scorer("scorers.dates_htmldate.v1")(data, sample=sample, use_url=use_url).to_dict()
    if as_json:
        Console(soft_wrap=True).print_json(json.dumps(report, ensure_ascii=False))
        return
    _render(f"publication dates, {report['pages']} pages", {"reportedly": report})


def _render(title: str, rows: dict[str, dict[str, Any]]) -> None:
    table = Table(title=title)
    table.add_column("extractor", no_wrap=True, min_width=max(map(len, rows)))
    for col in (*SCORE_COLUMNS, "tp", "fp", "fn", "tn"):
        table.add_column(col)
    for name, row in rows.items():
        counts = (str(row[c]) for c in ("tp", "fp", "fn", "tn"))
        table.add_row(name, *(f"{row[c]:.4f}" for c in SCORE_COLUMNS), *counts)
    Console(soft_wrap=True).print(table)
