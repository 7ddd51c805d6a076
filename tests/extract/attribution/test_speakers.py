"""Speakers that refer back or are named by a possessive: resolved, linked, typed (issue 14)."""

from __future__ import annotations

from typing import Any

from reportedly.extract.attribution.extractor import extract_attributions
from reportedly.model import DocContext


def _attributions(nlp: Any, text: str) -> list[Any]:
    return extract_attributions(nlp(text), [], DocContext("a"))


def test_speakers_the_source_is_the_source_named_before(nlp: Any) -> None:
    text = (
        "A source close to the rebels told Tolo News that the meeting took place in Moscow. "
        "The source said the talks lasted three hours."
    )
    first, second = _attributions(nlp, text)
    assert second.speaker.text == "The source" and second.speaker.kind == "anonymous"
    assert second.speaker.antecedent is not None
    assert second.speaker.antecedent.text == first.speaker.text
    assert [r.text for r in second.via] == ["Tolo News"]  # it spoke to the same outlet


def test_speakers_plural_officials_do_not_refer_back(nlp: Any) -> None:
    text = (
        "A source close to the rebels said that the meeting took place in Moscow. "
        "The officials said the talks lasted three hours."
    )
    _first, second = _attributions(nlp, text)
    assert second.speaker.antecedent is None
