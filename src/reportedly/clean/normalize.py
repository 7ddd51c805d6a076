"""Unicode normalization that changes no meaning: NFC, line endings, invisible and odd spaces."""

from __future__ import annotations

import re
import unicodedata

from reportedly.registry import cleaners

# Zero-width spaces, BOMs, soft hyphens and bidi controls carry no meaning but break matching.
# The zero-width (non-)joiners stay: Persian and Indic spellings and emoji sequences need them.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad]")
# C0/C1 control characters other than tab and line breaks: debris of legacy encodings, no text.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
# Vertical tab, form feed, next-line, line separator: line breaks by another name.
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x85\u2028]")
# Every kind of horizontal space (NBSP, thin, figure, ideographic...) reads as a plain space.
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_TRAILING_SPACE = re.compile(r"[ ]+\n")
_MULTI_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_BLANK_LINES = re.compile(r"\n{3,}")


@cleaners.register("cleaners.normalize.v1")
def normalize_text(text: str) -> str:
    """NFC, '\\n' line endings, no invisible or control characters, single spaces, at most one blank line.

    Nothing that carries meaning changes: no NFKC (it turns "m²" into "m2" and "½" into "1/2"), and
    quote marks and dashes are kept as they are, since curly quotes tell direct speech apart.
    Idempotent: normalize_text(normalize_text(t)) == normalize_text(t).

    Args:
        text: any text.

    Returns:
        the normalized text, stripped of leading and trailing whitespace.
    """
    text = _LINE_BREAK.sub("\n", text).replace("\u2029", "\n\n")
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    # NFC after the removals: a dropped zero-width joiner can leave a sequence NFC composes.
    text = unicodedata.normalize("NFC", _ODD_SPACE.sub(" ", text))
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MULTI_SPACE.sub(" ", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()
