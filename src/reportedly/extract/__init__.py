"""Extractors: pure functions over a spaCy Doc that return plain records with character offsets.

The order is fixed by what each reads: entities, then attributions (speakers link to entities),
then events (arguments link to entities, sources to attributions).
"""

from __future__ import annotations

from spacy.tokens import Doc

from reportedly.extract.attribution.extractor import extract_attributions
from reportedly.extract.entities import extract_entities
from reportedly.extract.events import extract_events
from reportedly.model import Attribution, DocContext, Entity, Event

__all__ = ["analyze_doc", "extract_entities", "extract_attributions", "extract_events"]


def analyze_doc(doc: Doc, ctx: DocContext) -> tuple[list[Entity], list[Attribution], list[Event]]:
    """Run every extractor over one Doc, in dependency order."""
    entities = extract_entities(doc, ctx)
    attributions = extract_attributions(doc, entities, ctx)
    events = extract_events(doc, entities, attributions, ctx)
    return entities, attributions, events
