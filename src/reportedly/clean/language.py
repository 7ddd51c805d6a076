"""Language identification with py3langid (a maintained fork of langid.py; model ships in the wheel)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportedly.registry import cleaners

# Characters classified: the opening of an article decides its language; more only costs time.
SAMPLE_CHARS = 3000
# Fewer letters than this cannot be identified reliably; such texts are "und" (undetermined).
MIN_LETTERS = 20


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid import langid

    return langid.classify


@cleaners.register("clean.language.v1")
def identify_language(text: str) -> str:
    """The ISO 639-1 code of the text's language, or "und" when too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return "und"
    lang, _score = _identifier()(sample)
    return str(lang)
