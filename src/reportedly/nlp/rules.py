"""Rules added to the statistical pipeline: an entity ruler fed by the gazetteer.

en_core_web_sm misses or mistypes actors a news desk sees daily ("Islamic Emirate" as NORP + ORG, "the
Islamic Emirate and the Resistance Front" as one ORG, "Panjshir" as ORG, "Balkh" as PERSON). An EntityRuler
placed *before* the statistical NER pins the curated names (and users' `--gazetteer` names); the model
then labels the rest around them. Only curated and user entries feed the ruler (see gazetteer.RULER_FILES).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from reportedly.gazetteer import Gazetteer, load_gazetteer

RULER_NAME = "rp_gazetteer_ruler"
TAG_NAME = "rp_gazetteer_files"
# Aliases this short are too often ordinary tokens ("IS", "AA", "PA") to pin an entity without context;
# the model may still find them, and the gazetteer lookup still resolves them.
MIN_RULER_ALIAS_CHARS = 3
# Upper-case aliases that are also common all-caps words in headlines.
RULER_STOPLIST = frozenset(
    {
        "WHO",
        "SAF",
        "AES",
        "TAO",
        "KIA",
        "JAS",
        "IEA",
        "SCO",
        "RIA",
        "Saba",
        "Fars",
        "Dawn",
        "Wagner",
        "Shan",
        "Sputnik",
    }
)

if not Doc.has_extension(TAG_NAME):
    Doc.set_extension(TAG_NAME, default=())


@Language.factory(TAG_NAME, default_config={"files": []}, assigns=[f"doc._.{TAG_NAME}"])
def make_gazetteer_tag(nlp: Language, name: str, files: list[str]) -> Any:
    """A component stamping each Doc with the gazetteer files its pipeline was built with (plain strings),
    so extractors load the same gazetteer without global state."""
    stamp = tuple(files)

    def tag(doc: Doc) -> Doc:
        doc._.set(TAG_NAME, stamp)
        return doc

    del nlp, name
    return tag


def ruler_patterns(gazetteer_files: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Phrase patterns (label, pattern, id) for every curated or user name and admin place.

    Args:
        gazetteer_files: users' extra gazetteer files.

    Returns:
        EntityRuler patterns, deduplicated, case-sensitive.
    """
    gaz = load_gazetteer(tuple(gazetteer_files))
    return gaz.derived("ruler-patterns", lambda: _patterns(gaz), [Path(__file__)])


def _patterns(gaz: Gazetteer) -> list[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    patterns: list[dict[str, Any]] = []

    def add(label: str, text: str, ent_id: str) -> None:
        if (
            len(text) < MIN_RULER_ALIAS_CHARS
            or text in RULER_STOPLIST
            or text == text.lower()
            or (label, text) in seen
        ):
            return
        seen.add((label, text))
        patterns.append({"label": label, "pattern": text, "id": ent_id})

    for entry in gaz.ruler_entries():
        for text in entry.names:
            add(entry.type, text, entry.id)
    for places in gaz.places.values():
        for place in places:
            add(place.type, place.name, place.id)
    return patterns


def add_rules(nlp: Language, gazetteer_files: tuple[str, ...] = ()) -> None:
    """Add reportedly's rule components to `nlp` in place (called once per process by make_nlp).

    Args:
        nlp: the loaded statistical pipeline.
        gazetteer_files: users' extra gazetteer files, whose names feed the ruler too.
    """
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe(
        "entity_ruler",
        name=RULER_NAME,
        before=before,
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False, "validate": False},
    )
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(ruler_patterns(gazetteer_files))  # type: ignore[attr-defined]
    nlp.add_pipe(TAG_NAME, config={"files": list(gazetteer_files)}, first=True)
