"""Stance from the cue (verb, negation, neither/nor) and from contents that say nothing is known."""

from __future__ import annotations

import pytest

from reportedly.extract.attribution.stance import stance_of


@pytest.mark.parametrize(
    ("cue", "lemma", "content", "stance"),
    [
        ("said", "say", "the talks will resume", "assert"),
        ("denied", "deny", "the meeting", "deny"),
        ("rejected", "reject", "reports of a meeting", "deny"),
        ("dismissed", "dismiss", "the claims as baseless", "deny"),
        ("did not deny", "deny", "the meeting", "non_committal"),
        ("confirmed", "confirm", "the meeting took place", "confirm"),
        ("have neither confirmed nor denied", "confirm", "the meeting", "non_committal"),
        ("declined to comment", "decline", "on the meeting", "non_committal"),
        ("said", "say", "There is no official information on hand about the trip,", "non_committal"),
        ("asked", "ask", "whether the talks would go ahead", "question"),
        ("said", "say", "Will the talks go ahead?", "question"),
        ("did not say", "say", "whether the talks would resume", "non_committal"),
    ],
)
def test_stance_of_cue_and_content(cue: str, lemma: str, content: str, stance: str) -> None:
    assert stance_of(cue, lemma, cue.lower().split(), content) == stance
