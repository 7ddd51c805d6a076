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
LANGID_TABLES_VERSION = "2"


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
    return LanguageIdentifier(model["ptc"], model["pc"], classes, memoryview(model["nextmove"]),
                              memoryview(model["output"]), norm_probs=True, tk_row=memoryview(model["row"]))


def _model_arrays(path: Any) -> dict[str, Any]:
    import numpy as np
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(path)
    return {
        "ptc": np.asarray(ptc), "pc": np.asarray(pc), "classes": np.array(classes),
        "nextmove": np.frombuffer(nextmove, dtype=np.dtype(f"u{nextmove.itemsize}")),
        "row": np.frombuffer(row, dtype=np.dtype(f"u{row.itemsize}")),
        "output": np.asarray(output, dtype=np.int32),
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
