"""Entities: mentions grouped into real-world entities, with roles and affiliations."""

from __future__ import annotations

from spacy.tokens import Doc

from reportedly.model import DocContext, Entity


def extract_entities(doc: Doc, ctx: DocContext) -> list[Entity]:
    """The entities of one article. TODO(#3): the entities issue fills this in."""
    del doc, ctx
    return []
