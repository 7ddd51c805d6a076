"""Attribution: who said what, through whom, with what stance."""

from __future__ import annotations

from spacy.tokens import Doc

from reportedly.model import Attribution, DocContext, Entity


def extract_attributions(doc: Doc, entities: list[Entity], ctx: DocContext) -> list[Attribution]:
    """The attributions of one article. TODO(#4): the attribution issue fills this in."""
    del doc, entities, ctx
    return []
