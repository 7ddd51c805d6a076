"""Epistemic status: cues read off hand-built parses, and how cues and source stances combine."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from reportedly.extract.epistemic import combine, is_reported_speech, local_cues
from reportedly.model import Status


def _doc(spec: list[tuple[str, str, int, str, str]]) -> Doc:
    """(word, lemma, head, dep, pos) per token."""
    nlp = spacy.blank("en")
    return Doc(
        nlp.vocab,
        words=[w for w, *_ in spec],
        lemmas=[lem for _, lem, *_ in spec],
        heads=[h for _, _, h, _, _ in spec],
        deps=[d for *_, d, _ in spec],
        pos=[p for *_, p in spec],
    )


CASES = [
    # "Massoud did not meet Baradar" -> negated
    (
        [
            ("Massoud", "Massoud", 3, "nsubj", "PROPN"),
            ("did", "do", 3, "aux", "AUX"),
            ("not", "not", 3, "neg", "PART"),
            ("meet", "meet", 3, "ROOT", "VERB"),
            ("Baradar", "Baradar", 3, "dobj", "PROPN"),
        ],
        3,
        {"negated"},
    ),
    # "Moscow is ready to receive delegates" -> offered
    (
        [
            ("Moscow", "Moscow", 1, "nsubj", "PROPN"),
            ("is", "be", 1, "ROOT", "AUX"),
            ("ready", "ready", 1, "acomp", "ADJ"),
            ("to", "to", 4, "aux", "PART"),
            ("receive", "receive", 2, "xcomp", "VERB"),
            ("delegates", "delegate", 4, "dobj", "NOUN"),
        ],
        4,
        {"offered"},
    ),
    # "they will host meetings" -> offered
    (
        [
            ("they", "they", 2, "nsubj", "PRON"),
            ("will", "will", 2, "aux", "AUX"),
            ("host", "host", 2, "ROOT", "VERB"),
            ("meetings", "meeting", 2, "dobj", "NOUN"),
        ],
        2,
        {"offered"},
    ),
    # "if they meet" -> hypothetical
    (
        [
            ("if", "if", 2, "mark", "SCONJ"),
            ("they", "they", 2, "nsubj", "PRON"),
            ("meet", "meet", 2, "ROOT", "VERB"),
        ],
        2,
        {"hypothetical"},
    ),
    # "Russia reportedly attacked Kyiv" -> unconfirmed
    (
        [
            ("Russia", "Russia", 2, "nsubj", "PROPN"),
            ("reportedly", "reportedly", 2, "advmod", "ADV"),
            ("attacked", "attack", 2, "ROOT", "VERB"),
            ("Kyiv", "Kyiv", 2, "dobj", "PROPN"),
        ],
        2,
        {"unconfirmed"},
    ),
    # "The meeting has not been confirmed" -> unconfirmed, not negated
    (
        [
            ("The", "the", 1, "det", "DET"),
            ("meeting", "meeting", 5, "nsubjpass", "NOUN"),
            ("has", "have", 5, "aux", "AUX"),
            ("not", "not", 5, "neg", "PART"),
            ("been", "be", 5, "auxpass", "AUX"),
            ("confirmed", "confirm", 5, "ROOT", "VERB"),
        ],
        1,
        {"unconfirmed"},
    ),
    # "the negotiations ended without any results" -> failed
    (
        [
            ("the", "the", 1, "det", "DET"),
            ("negotiations", "negotiation", 2, "nsubj", "NOUN"),
            ("ended", "end", 2, "ROOT", "VERB"),
            ("without", "without", 2, "prep", "ADP"),
            ("any", "any", 5, "det", "DET"),
            ("results", "result", 3, "pobj", "NOUN"),
        ],
        1,
        {"failed"},
    ),
    # "Norway hosted talks" -> nothing
    (
        [
            ("Norway", "Norway", 1, "nsubj", "PROPN"),
            ("hosted", "host", 1, "ROOT", "VERB"),
            ("talks", "talk", 1, "dobj", "NOUN"),
        ],
        1,
        set(),
    ),
]


@pytest.mark.parametrize(("spec", "trigger", "cues"), CASES)
def test_epistemic_local_cues(
    spec: list[tuple[str, str, int, str, str]], trigger: int, cues: set[str]
) -> None:
    assert set(local_cues(_doc(spec)[trigger])) == cues


@pytest.mark.parametrize(
    ("cues", "stances", "status"),
    [
        (set(), [(None, "assert")], Status.ASSERTED),
        (set(), [("q1", "assert")], Status.REPORTED),
        (set(), [("q1", "assert"), ("q2", "non_committal"), ("q3", "deny")], Status.DISPUTED),
        (set(), [("q1", "deny")], Status.DENIED),
        (set(), [("q1", "deny"), ("q2", "non_committal")], Status.DENIED),
        (set(), [("q1", "confirm")], Status.CONFIRMED),
        (set(), [("q1", "assert"), ("q2", "non_committal")], Status.UNCONFIRMED),
        ({"unconfirmed"}, [(None, "assert")], Status.UNCONFIRMED),
        ({"negated"}, [(None, "assert")], Status.NEGATED),
        ({"failed"}, [(None, "assert")], Status.NEGATED),
        ({"offered"}, [("q1", "assert")], Status.OFFERED),
        ({"hypothetical"}, [(None, "assert")], Status.HYPOTHETICAL),
        (set(), [(None, "assert"), ("q7", "assert")], Status.ASSERTED),
    ],
)
def test_epistemic_combine(cues: set[str], stances: list[tuple[str | None, str]], status: Status) -> None:
    assert combine(cues, stances) is status


def test_epistemic_reported_speech() -> None:
    # "Kabulov said Russia attacked"
    doc = _doc(
        [
            ("Kabulov", "Kabulov", 1, "nsubj", "PROPN"),
            ("said", "say", 1, "ROOT", "VERB"),
            ("Russia", "Russia", 3, "nsubj", "PROPN"),
            ("attacked", "attack", 1, "ccomp", "VERB"),
        ]
    )
    assert is_reported_speech(doc[3]) and not is_reported_speech(doc[1])
