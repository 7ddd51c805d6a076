"""Language identification with py3langid (a maintained fork of langid.py; model ships in the wheel).

py3langid knows 140+ languages, and on a short, name-heavy English sentence ("Taliban spokesman
Zabihullah Mujahid said.") it can guess Hausa or Javanese with low confidence. Skipping an English
article costs more than analyzing a foreign one, so a low-confidence guess on text whose words are
mostly English function words is read as English; confident guesses stand as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from reportedly.registry import cleaners

# Characters classified: the opening of an article decides its language; more only costs time.
SAMPLE_CHARS = 3000
# Fewer letters than this cannot be identified reliably; such texts are "und" (undetermined).
MIN_LETTERS = 20
# Below this normalized probability the identifier's first guess is a guess (measured: names-only
# English sentences score 0.10-0.20; short real paragraphs in 10 languages score 0.76 and up).
MIN_CONFIDENCE = 0.5
# Share of words that are English function words above which an unsure text is English (English
# prose runs at 0.3-0.5; other Latin-script languages share few of these words).
MIN_ENGLISH_SHARE = 0.15
_ENGLISH = frozenset({
    "the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "said", "says",
    "told", "met", "that", "this", "these", "those", "it", "its", "he", "she", "they", "we", "his", "her",
    "their", "who", "which", "not", "no", "than", "after", "before", "over", "into", "about",
})
_WORDS = re.compile(r"[^\W\d_]+")
# Bump when what `_identifier` keeps in reportedly.cache changes.
LANGID_TABLES_VERSION = "3"
# Longest input a window of the identifier's automaton is checked for (`_window_depth`): its features
# are byte n-grams of a few bytes.
MAX_WINDOW_DEPTH = 8
# Automaton states compared at once when the window depth is checked (memory: 256 successors each).
DEPTH_CHUNK = 4096


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's identifier. Its model ships LZMA-compressed (0.5 s of CPU to unpack in every process);
    the unpacked arrays are kept in reportedly.cache, keyed by the model file's content, and mapped from
    there (the identifier indexes them as it indexes its own arrays: same scores)."""
    from pathlib import Path

    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from reportedly import cache

    path = Path(MODEL_DIR) / MODEL_FILE
    model = cache.load_or_build_arrays("langid", [path], lambda: _model_arrays(path), LANGID_TABLES_VERSION)
    classes = [str(c) for c in model["classes"].tolist()]

    class WindowedIdentifier(LanguageIdentifier):  # type: ignore[misc]  # py3langid is untyped
        """py3langid's identifier, its automaton walked over all of a text's bytes at once (`_visits`)."""

        __slots__ = ()

        def _raw_score(self, text: bytes) -> Any:
            visits = _visits(model, text)
            if visits is None:
                return super()._raw_score(text)
            return self._sparse_score(visits, self.nb_ptc)

    return WindowedIdentifier(model["ptc"], model["pc"], classes, memoryview(model["nextmove"]),
                              memoryview(model["output"]), norm_probs=True,
                              tk_row=memoryview(model["row"]))


def _visits(model: Any, text: bytes) -> dict[int, int] | None:
    """The feature counts py3langid's `visit_counts` finds in `text`, in the same order (first seen first),
    computed with numpy; None when the automaton has no window depth or the text is that short.

    py3langid walks its automaton byte by byte in Python (0.7 ms for an article's 3,000 bytes). Its state
    after a byte depends on the last `depth` bytes only (`_window_depth`: from any state, `depth` bytes
    lead where they lead from the start), so every position's state is the walk from the start over the
    `depth` bytes ending there: `depth` gathers over all positions at once. The first `depth - 1`
    positions are walked one by one, as py3langid does."""
    depth = int(model["depth"][0])
    size = len(text)
    if depth == 0 or size <= depth:
        return None
    import numpy as np

    nextmove, rowbase, output = model["nextmove"], model["rowbase"], model["output"]
    data = np.frombuffer(text, dtype=np.uint8).astype(np.int64)
    states = np.empty(size, dtype=np.int64)
    state = 0
    for k in range(depth - 1):
        state = int(nextmove[int(rowbase[state]) + int(data[k])])
        states[k] = state
    count = size - depth + 1
    window = np.zeros(count, dtype=np.int64)
    for k in range(depth):
        window = nextmove[rowbase[window] + data[k : k + count]].astype(np.int64)
    states[depth - 1 :] = window
    found = output[states]
    found = found[found >= 0]
    if not len(found):
        return None
    features, first, counts = np.unique(found, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    return dict(zip(features[order].tolist(), counts[order].tolist(), strict=True))


def _window_depth(nextmove: Any, rowbase: Any) -> int:
    """The least n such that any n bytes lead the automaton to the same state from every state (then a
    state depends on the last n bytes only); 0 when no n up to MAX_WINDOW_DEPTH does. Checked on pairs
    (state reached from a state, state reached from the start by the same bytes) until all agree."""
    import numpy as np

    states = len(rowbase)
    # a pair as one number: state reached from a state * states + state reached from the start
    pairs = np.arange(1, states, dtype=np.int64) * states
    letters = np.arange(256, dtype=np.int64)
    for depth in range(1, MAX_WINDOW_DEPTH + 1):
        following = []
        for at in range(0, len(pairs), DEPTH_CHUNK):
            here, start = np.divmod(pairs[at : at + DEPTH_CHUNK], states)
            here = nextmove[(rowbase[here][:, None] + letters).ravel()].astype(np.int64)
            start = nextmove[(rowbase[start][:, None] + letters).ravel()].astype(np.int64)
            apart = here != start
            following.append(np.unique(here[apart] * states + start[apart]))
        pairs = np.unique(np.concatenate(following))
        if not len(pairs):
            return depth
    return 0


def _model_arrays(path: Any) -> dict[str, Any]:
    import numpy as np
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(path)
    moves = np.frombuffer(nextmove, dtype=np.dtype(f"u{nextmove.itemsize}"))
    rows = np.frombuffer(row, dtype=np.dtype(f"u{row.itemsize}"))
    rowbase = rows.astype(np.int64) << 8
    return {
        "ptc": np.asarray(ptc), "pc": np.asarray(pc), "classes": np.array(classes),
        "nextmove": moves,
        "row": rows,
        "output": np.asarray(output, dtype=np.int32),
        "rowbase": rowbase,
        "depth": np.array([_window_depth(moves, rowbase)], dtype=np.int64),
    }


@cleaners.register("cleaners.language.v1")
def identify_language(text: str) -> str:
    """The ISO 639-1 code of the text's language.

    Args:
        text: the cleaned body.

    Returns:
        the language code, or "und" when the text is too short to tell.
    """
    sample = text[:SAMPLE_CHARS]
    if sum(map(len, _WORDS.findall(sample))) < MIN_LETTERS:
        return "und"
    lang, probability = _identifier().classify(sample)
    if float(probability) < MIN_CONFIDENCE and english_share(sample) >= MIN_ENGLISH_SHARE:
        return "en"
    return str(lang)


def english_share(text: str) -> float:
    """Share of a text's words that are English function words."""
    words = _WORDS.findall(text.lower())
    return sum(w in _ENGLISH for w in words) / len(words) if words else 0.0
