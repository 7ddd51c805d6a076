"""CAMEO numbers the event exports carry: the quad class and the Goldstein score of an event code."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _goldstein_table() -> dict[str, float]:
    text = resources.files("reportedly").joinpath("data/cameo/goldstein.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines()[1:] if line.strip())
    return {code: float(value) for code, value in rows}


def goldstein(code: str | None) -> float | None:
    """The Goldstein (1992) score of a CAMEO code, by its longest listed prefix; None when unknown."""
    if not code:
        return None
    table = _goldstein_table()
    for size in range(len(code), 1, -1):
        if code[:size] in table:
            return table[code[:size]]
    return None


def quad_class(code: str | None) -> int | None:
    """CAMEO quad class from the root code: 1 verbal and 2 material cooperation, 3 verbal and 4 material
    conflict (roots 01-05, 06-08, 09-13, 14-20, as Phoenix and GDELT count them)."""
    if not code or not code[:2].isdigit():
        return None
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
