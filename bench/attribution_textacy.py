"""Side by side on PolNeAR: textacy's direct_quotations against reportedly's attributions, F1 and speed.

textacy is not a dependency of reportedly: install it apart (e.g. `pip install --target /tmp/txenv
textacy==0.13.0` and its dependencies) and run with it on the path:

    PYTHONPATH=/tmp/txenv .venv/bin/python bench/attribution_textacy.py --split dev

Both extractors read the same parsed Docs; the times are extraction only (parsing is shared).
textacy raises on unbalanced quote marks: such an article counts as no predictions for it.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from spacy.tokens import Doc

from reportedly.evaluate.attribution import Score, load_polnear, score_doc
from reportedly.extract.attribution.extractor import extract_attributions
from reportedly.model import Attribution, DocContext, Span, Speaker
from reportedly.nlp.pipeline import make_nlp


def _span(doc: Doc, tokens: list) -> Span:  # type: ignore[type-arg]
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return Span(start, end, doc.text[start:end])


def textacy_attributions(doc: Doc) -> list[Attribution]:
    """textacy's direct quotations as Attribution records (speaker and cue from their tokens)."""
    import textacy.extract

    out = []
    for n, triple in enumerate(textacy.extract.direct_quotations(doc)):
        content = Span(triple.content.start_char, triple.content.end_char, triple.content.text)
        sp = _span(doc, list(triple.speaker)) if triple.speaker else None
        speaker = Speaker(
            None, sp.text if sp else "", "person", sp.start if sp else None, sp.end if sp else None
        )
        out.append(
            Attribution(f"q{n + 1}", speaker, _span(doc, list(triple.cue)), content, True, (), "assert")
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("../shared/data/polnear"))
    parser.add_argument("--split", default="dev")
    args = parser.parse_args()
    gold = load_polnear(args.data, args.split)
    docs = list(make_nlp().pipe([g.text for g in gold], batch_size=16))
    results = {}
    for name, extract in (
        ("reportedly", lambda d: extract_attributions(d, [], DocContext("x"))),
        ("textacy", textacy_attributions),
    ):
        score, failed, elapsed = Score(), 0, 0.0
        for g, doc in zip(gold, docs, strict=True):
            t = time.perf_counter()
            try:
                predicted = extract(doc)
            except ValueError:  # textacy: unbalanced quotation marks
                predicted, failed = [], failed + 1
            elapsed += time.perf_counter() - t
            score_doc(score, g, predicted)
        summary = score.summary()
        results[name] = {
            "seconds": round(elapsed, 2),
            "articles_failed": failed,
            **{k: (v["f1"] if isinstance(v, dict) else v) for k, v in summary.items()},
        }
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
