"""Syndicated copies: MinHash LSH over word shingles, confirmed by a containment check.

Wire copies are truncated (the first N paragraphs), retitled and lightly edited. Jaccard similarity
of a truncated copy to its full story falls with the cut, so LSH only proposes candidates at a low
threshold, and the decision is containment: the share of the shorter text's shingles found in the
longer one.
"""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

# Word 5-grams: short enough to survive light edits, long enough that two stories on one event
# written separately share few of them.
SHINGLE_WORDS = 5
NUM_PERM = 128
# LSH proposes pairs from this Jaccard up; a copy holding half the original still gets proposed.
LSH_THRESHOLD = 0.3
# Share of the shorter text's shingles found in the longer text to call it a copy.
MIN_CONTAINMENT = 0.7
# Below this many shingles (about a short paragraph) a text is too short to call a copy.
MIN_SHINGLES = 15

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[str]:
    """Lower-cased word 5-grams of a text."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(0, len(words) - SHINGLE_WORDS + 1))}


class SyndicationIndex:
    """Remembers the articles of one run and says which earlier one a new article copies."""

    def __init__(self, threshold: float = LSH_THRESHOLD, min_containment: float = MIN_CONTAINMENT) -> None:
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._shingles: dict[str, set[str]] = {}
        self._order: dict[str, int] = {}
        self._min_containment = min_containment

    def add(self, article_id: str, text: str) -> str | None:
        """Index an article; return the id of the first earlier article it is a copy of, or None."""
        if article_id in self._order:
            return None
        grams = shingles(text)
        if len(grams) < MIN_SHINGLES:
            return None
        sketch = MinHash(num_perm=NUM_PERM)
        sketch.update_batch([g.encode("utf-8") for g in grams])
        original = None
        candidates = sorted(self._lsh.query(sketch), key=self._order.__getitem__)
        for candidate in candidates:
            if containment(grams, self._shingles[candidate]) >= self._min_containment:
                original = candidate
                break
        self._order[article_id] = len(self._order)
        self._shingles[article_id] = grams
        self._lsh.insert(article_id, sketch)
        return original


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set's members found in the larger one."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) if small else 0.0
