"""Events: PLOVER and CAMEO coding with arguments, place, date and epistemic status."""

from __future__ import annotations

from spacy.tokens import Doc

from reportedly.model import Attribution, DocContext, Entity, Event


def extract_events(
    doc: Doc, entities: list[Entity], attributions: list[Attribution], ctx: DocContext
) -> list[Event]:
    """The events of one article. TODO(#5): the events issue fills this in."""
    del doc, entities, attributions, ctx
    return []
