"""Extractors: pure functions over a spaCy Doc that return plain records with character offsets.

Three extractors, each a package (entities/, attribution/, events/) beside the helpers they share
(cues, names, places). They are registered under the `extractors` kind and run by name: a
registered replacement (an outside package's entry point of the same name) is what runs. The order
is fixed by what each reads: entities, then attributions (speakers link to entities), then events
(arguments link to entities, sources to attributions).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from reportedly import registry
from reportedly.extract.attribution import extract_attributions
from reportedly.extract.entities import extract_entities
from reportedly.extract.events import extract_events
from reportedly.model import Attribution, DocContext, Entity, Event

__all__ = ["analyze_doc", "extractor", "extract_entities", "extract_attributions", "extract_events",
           "ENTITIES", "ATTRIBUTIONS", "EVENTS"]

# The registered names analyze_doc runs: (doc, ctx), (doc, entities, ctx), (doc, entities, attributions, ctx).
ENTITIES = "extractors.entities.v1"
ATTRIBUTIONS = "extractors.attributions.v1"
EVENTS = "extractors.events.v1"


def extractor(name: str) -> Callable[..., Any]:
    """The extractor registered as `name` (the built-ins are registered by importing this package).

    Raises:
        catalogue.RegistryError: no extractor has that name (the message lists those that do).
    """
    return registry.extractors.get(name)


def analyze_doc(doc: Doc, ctx: DocContext) -> tuple[list[Entity], list[Attribution], list[Event]]:
    """Run every extractor over one Doc, in dependency order, each looked up by its registered name."""
    entities: list[Entity] = extractor(ENTITIES)(doc, ctx)
    attributions: list[Attribution] = extractor(ATTRIBUTIONS)(doc, entities, ctx)
    events: list[Event] = extractor(EVENTS)(doc, entities, attributions, ctx)
    return entities, attributions, events
