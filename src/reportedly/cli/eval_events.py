"""`reportedly eval events` and `reportedly eval factuality`: the event typer and the epistemic statuses
scored on gold sets (the scoring lives in reportedly.evaluate.events and reportedly.evaluate.factuality)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from reportedly.cli.evaluate import eval_app

DEFAULT_PLV = Path("../shared/data/plover/PLV_train.tsv")
DEFAULT_UW = Path("../shared/data/factuality/uw")


@eval_app.command("events")
def eval_events_cmd(
    data: Annotated[Path, typer.Option(help="PLV_train.tsv (PLOVER-labelled sentences).")] = DEFAULT_PLV,
    part: Annotated[str, typer.Option(help="test (held out from training), train or all.")] = "test",
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Micro- and macro-F1 of the PLOVER type of the event `analyze` codes at PLV's gold pair (no event
    there is a miss), the raw typer's (typer_*), and end-to-end recall and precision of the types
    extracted from each held-out sentence. Example:

    reportedly eval events --data ../shared/data/plover/PLV_train.tsv
    """
    from reportedly.evaluate import scorer
    from reportedly.nlp.pipeline import make_nlp

    scores = scorer("scorers.events_plv.v1")(data, make_nlp(), part=part)
    _render(scores, "PLOVER type of the product's event at the gold pair", as_json)
    if not as_json:
        e2e = scores["end_to_end"]
        Console(soft_wrap=True).print(
            f"end to end ({e2e['sentences']} sentences): gold type among the extracted types, recall "
            f"{e2e['recall']:.3f}, precision {e2e['precision']:.3f}; "
            f"no event at the gold pair: {scores['missed']}"
        )


@eval_app.command("factuality")
def eval_factuality_cmd(
    data: Annotated[
        Path, typer.Option(help="Folder of UW factuality CoNLL files, or one file.")
    ] = DEFAULT_UW,
    split: Annotated[str, typer.Option(help="Which file of the folder: test, dev or train.")] = "test",
    conll_parse: Annotated[
        bool, typer.Option("--conll-parse", help="Use the CoNLL file's own parse instead of the pipeline's.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Per-class F1 of our epistemic statuses bucketed to happened / did not happen / uncertain, and
    Pearson r on the -3..+3 scale (model_* figures: the raw learned model). Example:

        reportedly eval factuality --data ../shared/data/factuality/uw --split dev
    """
    from reportedly.evaluate import scorer
    from reportedly.nlp.pipeline import make_nlp

    path = data / f"{split}.conll" if data.is_dir() else data
    scores = scorer("scorers.factuality_uw.v1")(path, nlp=None if conll_parse else make_nlp())
    _render(scores, "factuality", as_json)


def _render(scores: dict[str, Any], title: str, as_json: bool) -> None:
    out = Console(soft_wrap=True)
    if as_json:
        out.print_json(json.dumps(scores))
        return
    table = Table(
        title=f"{title}: n={scores['n']}  "
        + "  ".join(f"{k}={v:.3f}" for k, v in scores.items() if isinstance(v, float))
    )
    for col in ("label", "precision", "recall", "f1", "support"):
        table.add_column(col)
    for label, row in scores["per_label"].items():
        table.add_row(
            label, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}", str(row["support"])
        )
    out.print(table)
