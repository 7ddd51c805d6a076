"""Unicode normalization that changes no meaning: NFC, line endings, invisible and odd spaces."""

from __future__ import annotations

import re
import unicodedata

from reportedly.registry import cleaners

# Zero-width and bidi control characters carry no meaning in news text but break matching.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u00ad]")
# Every kind of horizontal space (NBSP, thin, figure, ideographic...) reads as a plain space.
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_TRAILING_SPACE = re.compile(r"[ ]+\n")
_MULTI_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_BLANK_LINES = re.compile(r"\n{3,}")


@cleaners.register("clean.normalize.v1")
def normalize_text(text: str) -> str:
    """NFC, '\\n' line endings, no invisible characters, single spaces, at most one blank line.

    Quote marks and dashes are kept as they are: curly quotes tell direct speech apart.
    Idempotent: normalize_text(normalize_text(t)) == normalize_text(t).
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACE.sub(" ", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MULTI_SPACE.sub(" ", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()
