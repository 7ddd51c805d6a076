"""Helpers the events tests share: hand-built parses, entities named on them, and the real parse and
entities stage over a sentence written for a test."""

from __future__ import annotations

from typing import Any

import spacy
from spacy.tokens import Doc

from reportedly.extract.entities import extract_entities
from reportedly.extract.events import extract_events
from reportedly.model import DocContext, Entity, Event, Span

# the publication date sentences written for the events tests are analyzed under
PUBLISHED = "2023-03-10"
# (word, lemma, head, dep, pos) per token
Spec = list[tuple[str, str, int, str, str]]


def hand_parse(spec: Spec) -> Doc:
    """A Doc of one sentence with the given words, lemmas, heads, dependencies and parts of speech."""
    nlp = spacy.blank("en")
    return Doc(
        nlp.vocab,
        words=[w for w, *_ in spec],
        lemmas=[lem for _, lem, *_ in spec],
        heads=[h for _, _, h, _, _ in spec],
        deps=[d for *_, d, _ in spec],
        pos=[p for *_, p in spec],
        sent_starts=[True] + [False] * (len(spec) - 1),
    )


def named_entities(doc: Doc, names: dict[str, tuple[str, str]]) -> list[Entity]:
    """Entities e1, e2 ... on the first token spelled as each name: {word: (kind, NER type)}."""
    out = []
    for i, (word, (kind, typ)) in enumerate(names.items(), start=1):
        tok = next(t for t in doc if t.text == word)
        out.append(
            Entity(
                f"e{i}",
                word,
                typ,
                None,
                (word,),
                (),
                (),
                (Span(tok.idx, tok.idx + len(word), word),),
                kind=kind,
            )
        )
    return out


def found_entities(text: str, names: list[str]) -> list[Entity]:
    """Entities e1, e2 ... at each name's first occurrence in `text`: Moscow and Afghanistan places
    (with a geonameid), every other name a person."""
    out = []
    for i, name in enumerate(names, start=1):
        start = text.index(name)
        kind = "place" if name in ("Moscow", "Afghanistan") else "person"
        out.append(
            Entity(
                f"e{i}",
                name,
                "GPE" if kind == "place" else "PERSON",
                None,
                (name,),
                (),
                (),
                (Span(start, start + len(name), name),),
                kind=kind,
                geonameid=1 if kind == "place" else None,
            )
        )
    return out


def parsed_events(nlp: Any, text: str, published: str = PUBLISHED) -> tuple[list[Event], dict[str, str]]:
    """The events of `text` through the real parse and entities stage (no attributions), and each
    entity's name by id."""
    doc = nlp(text)
    ctx = DocContext("t", published=published)
    entities = extract_entities(doc, ctx)
    return extract_events(doc, entities, [], ctx), {e.id: e.name for e in entities}
