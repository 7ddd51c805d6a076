"""doc_text, doc_ents and children: the last Doc's values are kept, and another Doc is read afresh."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from reportedly.nlp.doctext import children, doc_ents, doc_text, keep_text, tokens


@pytest.mark.parametrize("order", [(0, 1, 0, 0), (1, 1, 0, 1)])
def test_doctext_follows_the_doc(order: tuple[int, ...]) -> None:
    nlp = spacy.blank("en")
    docs = [nlp("Talks open in Moscow.\n\nThe Taliban attend."), nlp("Kabul said no.")]
    for n in order:
        assert doc_text(docs[n]) == docs[n].text


@pytest.mark.parametrize("order", [(0, 1, 0, 0), (1, 1, 0, 1)])
def test_doc_ents_follow_the_doc(order: tuple[int, ...]) -> None:
    nlp = spacy.blank("en")
    docs = [nlp("Talks open in Moscow.\n\nThe Taliban attend."), nlp("Kabul said no.")]
    docs[0].ents = [Span(docs[0], 3, 4, label="GPE"), Span(docs[0], 7, 8, label="ORG")]
    docs[1].ents = [Span(docs[1], 0, 1, label="GPE")]
    for n in order:
        got = doc_ents(docs[n])
        assert [(e.start, e.end, e.label_) for e in got] == [(e.start, e.end, e.label_) for e in docs[n].ents]
    assert doc_ents(docs[order[-1]]) is doc_ents(docs[order[-1]])  # built once, then shared


def test_kept_text_is_what_doc_text_gives_until_another_doc() -> None:
    nlp = spacy.blank("en")
    text = "Talks open in  Moscow.\n\nThe Taliban attend. "
    doc, other = nlp(text), nlp("Kabul said no.")
    keep_text(doc, text)
    assert doc_text(doc) is text and doc.text == text  # spaCy's tokenization keeps every character
    assert doc_text(other) == "Kabul said no."
    assert doc_text(doc) == text


def test_children_are_the_tokens_children_for_each_doc_in_turn() -> None:
    vocab = spacy.blank("en").vocab
    words = ["Russia", "and", "Iran", "signed", "a", "deal", "."]
    heads, deps = [3, 0, 0, 3, 5, 3, 3], ["nsubj", "cc", "conj", "ROOT", "det", "dobj", "punct"]
    doc = Doc(vocab, words=words, heads=heads, deps=deps)
    other = Doc(vocab, words=["Talks", "began", "."], heads=[1, 1, 1], deps=["nsubj", "ROOT", "punct"])
    for d in (doc, other, doc):
        for tok in d:
            assert [c.i for c in children(tok)] == [c.i for c in tok.children]
    assert children(doc[3]) is children(doc[3])  # walked once, then shared
    assert [c.text for c in children(doc[0])] == ["and", "Iran"]


def test_tokens_are_the_docs_tokens_for_each_doc_in_turn() -> None:
    nlp = spacy.blank("en")
    docs = [nlp("Talks open in Moscow."), nlp("Kabul said no.")]
    for d in (docs[0], docs[1], docs[0]):
        assert [(t.i, t.text) for t in tokens(d)] == [(t.i, t.text) for t in d]
    assert tokens(docs[0]) is tokens(docs[0])
