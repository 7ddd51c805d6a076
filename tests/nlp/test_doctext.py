"""doc_text: the text of the last Doc asked about is kept, and another Doc is read afresh."""

from __future__ import annotations

import pytest
import spacy

from reportedly.nlp.doctext import doc_text


@pytest.mark.parametrize("order", [(0, 1, 0, 0), (1, 1, 0, 1)])
def test_doctext_follows_the_doc(order: tuple[int, ...]) -> None:
    nlp = spacy.blank("en")
    docs = [nlp("Talks open in Moscow.\n\nThe Taliban attend."), nlp("Kabul said no.")]
    for n in order:
        assert doc_text(docs[n]) == docs[n].text
