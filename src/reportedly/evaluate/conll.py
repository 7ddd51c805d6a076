"""Coreference scores as the CoNLL-2012 reference scorer computes them: MUC, B3, CEAF-e and CoNLL F1.

Kept apart from evaluate/coref.py, which runs the analysis and the ledger, so that training scripts that
only score clusters (scripts/train_event_coref.py) import no more than this."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from reportedly.evaluate.ecbplus.corpus import Cluster


def muc(key: list[Cluster], response: list[Cluster]) -> tuple[float, float, float]:
    """MUC (Vilain et al. 1995): links recovered."""

    def score(a: list[Cluster], b: list[Cluster]) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = sum(len(c) - len({where.get(m, f"_{m}") for m in c}) for c in a)
        den = sum(len(c) - 1 for c in a)
        return num / den if den else 0.0

    return prf(score(key, response), score(response, key))


def b_cubed(key: list[Cluster], response: list[Cluster]) -> tuple[float, float, float]:
    """B3 (Bagga & Baldwin 1998), mention-weighted, twinless mentions contributing nothing."""

    def score(a: list[Cluster], b: list[Cluster]) -> float:
        total = sum(len(c) for c in a)
        got = sum(n**2 / len(a[i]) for (i, _j), n in _overlaps(a, b).items())
        return got / total if total else 0.0

    return prf(score(key, response), score(response, key))


def _overlaps(a: list[Cluster], b: list[Cluster]) -> dict[tuple[int, int], int]:
    """|a[i] & b[j]| for every pair of clusters that share a mention (through a mention index, so
    a whole split's thousand clusters are not compared pair by pair)."""
    where: dict[str, list[int]] = {}
    for j, d in enumerate(b):
        for m in d:
            where.setdefault(m, []).append(j)
    out: dict[tuple[int, int], int] = {}
    for i, c in enumerate(a):
        for m in c:
            for j in where.get(m, ()):
                out[i, j] = out.get((i, j), 0) + 1
    return out


def ceaf_e(key: list[Cluster], response: list[Cluster]) -> tuple[float, float, float]:
    """Entity-based CEAF (Luo 2005) with phi4 similarity and the optimal one-to-one alignment."""
    if not key or not response:
        return 0.0, 0.0, 0.0
    sim = np.zeros((len(key), len(response)))
    for (i, j), n in _overlaps(key, response).items():
        sim[i, j] = 2 * n / (len(key[i]) + len(response[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return prf(total / len(key), total / len(response))


def prf(recall: float, precision: float) -> tuple[float, float, float]:
    """Recall, precision and their F1."""
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return recall, precision, f1


def conll(key: list[Cluster], response: list[Cluster]) -> dict[str, Any]:
    """MUC, B3, CEAF-e (recall, precision, F1, in percent) and CoNLL F1, their mean."""
    out: dict[str, Any] = {}
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceaf_e", ceaf_e)):
        r, p, f = metric(key, response)
        out[name] = {"recall": round(100 * r, 1), "precision": round(100 * p, 1), "f1": round(100 * f, 1)}
    out["conll_f1"] = round(sum(out[m]["f1"] for m in ("muc", "b3", "ceaf_e")) / 3, 1)
    return out
