"""The text, the entities and the tokens' children of a Doc, built once for the extractors that read them.

`Doc.text` is not stored: spaCy joins every token's `text_with_ws` on each access (about 0.15 ms for a
300-token article, 0.4 ms for a 1,000-token one), and the entity coder, the reference resolver and the
lead each need it. `Doc.ents` builds a new Span for every entity on each access (about 0.06 ms for 80
entities), and the entity extractor, the dating index and the lead read it up to ten times an article.
The values of the last Doc asked about are kept; the Doc is held by reference, so another Doc at the
same address is never taken for it. A Doc's text never changes (retokenizing keeps it), so the kept text
stays right; the extractors never set entities, so the kept entities do too (the tuple is shared: treat
its Spans as read-only).

The runner knows each Doc's text before any extractor asks (spaCy's tokenization is non-destructive:
`nlp(text).text == text`), and hands it over with `keep_text`, so `doc.text` is never rebuilt for it.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

# The last Doc read and its text.
_LAST: list[Any] = [None, ""]
# The last Doc whose entities were read and those entities.
_LAST_ENTS: list[Any] = [None, ()]
# The last Doc whose tokens' children were read, and the children read, by token index.
_LAST_CHILDREN: list[Any] = [None, {}]
# The last Doc whose tokens were listed, and its Tokens.
_LAST_TOKENS: list[Any] = [None, []]


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


def keep_text(doc: Doc, text: str) -> None:
    """Keep `text` as `doc`'s text for `doc_text`: `doc` must be `nlp(text)` (or from `nlp.pipe`), whose
    text spaCy guarantees to be `text` itself.

    Args:
        doc: the Doc spaCy made of `text`.
        text: the text it was made of.
    """
    _LAST[:] = (doc, text)


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, built once per Doc (the last Doc's entities are kept; do not change them).

    Args:
        doc: a spaCy Doc.

    Returns:
        the Doc's named entities, equal to `doc.ents`.
    """
    last, ents = _LAST_ENTS
    if last is not doc:
        ents = doc.ents
        _LAST_ENTS[:] = (doc, ents)
    return ents  # type: ignore[no-any-return]


def children(tok: Token) -> tuple[Token, ...]:
    """`tuple(tok.children)`, walked once per token of the last Doc asked about.

    `Token.children` scans the token's subtree span for tokens headed by it and makes a new Token for
    each child on every call; the event arguments walk the same noun phrases' children several times
    per trigger. The Tokens are shared: compare them by index (`.i`), never by identity.

    Args:
        tok: a token of a parsed Doc.

    Returns:
        its syntactic children, left to right, as `tok.children` gives them.
    """
    doc = tok.doc
    last, table = _LAST_CHILDREN
    if last is not doc:
        table = {}
        _LAST_CHILDREN[:] = (doc, table)
    found = table.get(tok.i)
    if found is None:
        found = table[tok.i] = tuple(tok.children)
    return found  # type: ignore[no-any-return]


def tokens(doc: Doc) -> list[Token]:
    """`list(doc)`, made once per Doc (the last Doc's Tokens are kept).

    `doc[i]` makes a new Token on every call; a step that reads the same tokens' attributes over and
    over (a content's trimming, a head's modifiers) indexes this list instead. The Tokens are shared:
    compare them by index (`.i`), never by identity.

    Args:
        doc: a spaCy Doc.

    Returns:
        its Tokens, `tokens(doc)[i]` being `doc[i]`; do not change the list.
    """
    last, made = _LAST_TOKENS
    if last is not doc:
        made = list(doc)
        _LAST_TOKENS[:] = (doc, made)
    return made  # type: ignore[no-any-return]
