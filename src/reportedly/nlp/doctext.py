"""The text of a Doc, built once for the extractors that read it.

`Doc.text` is not stored: spaCy joins every token's `text_with_ws` on each access (about 0.15 ms for a
300-token article), and the entity coder, the reference resolver and the lead each need it. The text of
the last Doc asked about is kept; the Doc is held by reference, so another Doc at the same address is
never taken for it. A Doc's text never changes (retokenizing keeps it), so the kept text stays right.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

# The last Doc read and its text.
_LAST: list[Any] = [None, ""]


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc (the last Doc's text is kept).

    Args:
        doc: a spaCy Doc.

    Returns:
        the Doc's verbatim text, equal to `doc.text`.
    """
    last, text = _LAST
    if last is not doc:
        text = doc.text
        _LAST[:] = (doc, text)
    return str(text)
