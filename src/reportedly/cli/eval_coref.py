"""`reportedly eval coref`: the ledger's cross-document event merging scored on ECB+ (the scoring lives
in reportedly.evaluate.coref)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from reportedly.cli.evaluate import eval_app

DEFAULT_ECBPLUS = Path("../shared/data/ecbplus")


@eval_app.command("coref")
def eval_coref_cmd(
    data: Annotated[
        Path, typer.Option(help="The ECB+ folder (ECB+/ and ECBplus_coreference_sentences.csv).")
    ] = (DEFAULT_ECBPLUS),
    split: Annotated[str, typer.Option(help="dev (topics 2 5 12 18 21 23 34 35), train or all.")] = "dev",
    topic: Annotated[
        list[int] | None, typer.Option(help="Only this topic of the split (repeatable).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """CoNLL F1 (mean of MUC, B3, CEAF-e) of cross-document event clusters with predicted mentions. Example:

    reportedly eval coref --data ../shared/data/ecbplus --split dev
    """
    from reportedly.evaluate.coref import evaluate_coref

    scores = evaluate_coref(data, split=split, topics=topic)
    out = Console(soft_wrap=True)
    if as_json:
        out.print_json(json.dumps(scores))
        return
    table = Table(title=f"ECB+ {split}: {scores['documents']} documents, topics {scores['topics']}")
    for column in ("", "MUC F1", "B3 F1", "CEAF-e F1", "CoNLL F1"):
        table.add_column(column)
    for label, s in (
        ("predicted mentions", scores),
        ("merging on detected mentions", scores["detected_only"]),
    ):
        table.add_row(
            label, *(Text(str(s[m]["f1"])) for m in ("muc", "b3", "ceaf_e")), Text(str(s["conll_f1"]))
        )
    out.print(table)
    m = scores["mentions"]
    out.print(
        Text(
            f"event mentions: {m['gold']} gold, {m['predicted']} predicted, {m['matched']} matched "
            f"(recall {m['recall']}, precision {m['precision']}, F1 {m['f1']})"
        )
    )
