"""`reportedly eval coref`: cross-document event coreference scored on ECB+ (the scoring lives in
reportedly.evaluate.coref)."""

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
SETTING_LABELS = {
    "predicted": "predicted mentions, predicted document groups",
    "gold_topics": "predicted mentions, gold topics",
    "gold_mentions": "gold mentions, predicted document groups",
    "gold_mentions_gold_topics": "gold mentions, gold topics",
}


@eval_app.command("coref")
def eval_coref_cmd(
    data: Annotated[
        Path, typer.Option(help="The ECB+ folder (ECB+/ and ECBplus_coreference_sentences.csv).")
    ] = (DEFAULT_ECBPLUS),
    split: Annotated[
        str,
        typer.Option(
            help="dev (topics 2 5 12 18 21 23 34 35), train (the other topics DATA holds) or all (every "
            "topic folder DATA holds, held-out ones included)."
        ),
    ] = "dev",
    topic: Annotated[
        list[int] | None, typer.Option(help="Only this topic of the split (repeatable).")
    ] = None,
    system: Annotated[
        str,
        typer.Option(
            help="general (event-mention detector + event coreference) or ledger "
            "(the ledger's merging of PLOVER events: coverage, and its merging on the gold mentions it codes "
            "beside the learned coreference on the same mentions)."
        ),
    ] = "general",
    cache: Annotated[
        Path | None, typer.Option(help="A .spacy file (outside the repo) keeping the parses between runs.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """CoNLL F1 (mean of MUC, B3, CEAF-e) of cross-document event clusters with predicted mentions. Example:

    reportedly eval coref --data ../shared/data/ecbplus --split dev
    """
    from reportedly.evaluate import scorer

    if system not in ("general", "ledger"):
        raise typer.BadParameter("--system is general or ledger")
    from reportedly.errors import InputError

    try:
        if system == "ledger":
            scores = scorer("scorers.coref_ledger_ecbplus.v1")(data, split=split, topics=topic)
        else:
            scores = scorer("scorers.coref_ecbplus.v1")(data, split=split, topics=topic, cache=cache)
    except InputError as err:
        Console(stderr=True, soft_wrap=True).print(Text(f"error: {err}", style="red"))
        raise typer.Exit(code=2) from None
    out = Console(soft_wrap=True)
    if as_json:
        out.print_json(json.dumps(scores))
        return
    table = Table(
        title=f"ECB+ {split} ({system}): {scores['documents']} documents, topics {scores['topics']}"
    )
    for column in ("", "MUC F1", "B3 F1", "CEAF-e F1", "CoNLL F1"):
        table.add_column(column)
    rows = [(SETTING_LABELS[n], s) for n, s in scores.get("settings", {}).items()] or [
        ("predicted mentions", scores)
    ]
    rows.append(("merging on detected mentions only", scores["detected_only"]))
    if "aligned" in scores:
        rows.append(("ledger merging on the gold mentions it codes", scores["aligned"]))
    if "learned" in scores:
        rows.append(("learned coreference on the same gold mentions", scores["learned"]))
    for label, s in rows:
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
    if "aligned" in scores:
        out.print(Text(f"coverage: {scores['coverage']}% of gold mentions coded by the ledger"))
        for label, name in (("ledger", "aligned"), ("learned", "learned")):
            if name in scores:
                pw = scores[name]["pairwise"]
                out.print(
                    Text(
                        f"pairwise links, {label} on {scores[name]['mentions']} aligned mentions: precision "
                        f"{pw['precision']}, recall {pw['recall']}, F1 {pw['f1']}"
                    )
                )
