"""How a candidate verb is typed: the typer's top label, unless it finds the lexicon's type nearly as
likely (`LEXICON_RATIO`), PLV's YIELD standing for CONCEDE and RETREAT."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from reportedly.extract.events import extractor
from reportedly.extract.events.triggers import TriggerMatch

LABELS = ["ASSAULT", "ACCUSE", "YIELD", "CONSULT"]


@pytest.mark.parametrize(
    ("probs", "match", "kind"),
    [
        # the lexicon's type at LEXICON_RATIO of the top label's probability or more: the lexicon's stands
        ([0.5, 0.35, 0.1, 0.05], TriggerMatch("111", "ACCUSE", None, False), "ACCUSE"),
        # below it: the typer's top label
        ([0.5, 0.3, 0.1, 0.1], TriggerMatch("111", "ACCUSE", None, False), "ASSAULT"),
        # CONCEDE is read as PLV's YIELD, and kept as the lexicon's own type
        ([0.4, 0.05, 0.5, 0.05], TriggerMatch("081", "CONCEDE", None, False), "CONCEDE"),
        # the typer's YIELD split by the lexicon's CAMEO code: no 08 code, RETREAT by default
        ([0.1, 0.05, 0.8, 0.05], TriggerMatch("190", "ASSAULT", None, False), "RETREAT"),
        # a lexicon type the typer has no label for: the typer's top label
        ([0.1, 0.1, 0.1, 0.7], TriggerMatch("140", "PROTEST", None, False), "CONSULT"),
    ],
)
def test_events_typed_by_ratio(monkeypatch: pytest.MonkeyPatch, probs: list[float], match: TriggerMatch,
                               kind: str) -> None:
    assert extractor.LEXICON_RATIO == 0.7
    monkeypatch.setattr(extractor, "features", lambda verb: [])
    monkeypatch.setattr(extractor, "score", lambda feats: np.asarray(probs))
    monkeypatch.setattr(extractor, "load_typer", lambda: ({}, None, None, LABELS))
    verb: Any = object()
    assert extractor._typed(verb, match) == kind
