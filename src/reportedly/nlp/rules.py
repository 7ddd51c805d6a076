"""Rules added to the statistical pipeline (entity ruler fed by the gazetteer)."""

from __future__ import annotations

from spacy.language import Language


def add_rules(nlp: Language, gazetteer_files: tuple[str, ...] = ()) -> None:
    """Add reportedly's rule components to `nlp` in place. Filled by the entities stage."""
    del nlp, gazetteer_files
