"""A speech verb's object is content only when it is a proposition, not a person, a team or a thing."""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.extract.attribution.extractor import extract_attributions
from reportedly.model import DocContext


def _contents(nlp: Any, text: str) -> list[str]:
    return [a.content.text for a in extract_attributions(nlp(text), [], DocContext("a"))]


@pytest.mark.parametrize(
    "text",
    [
        "The goalkeeper denied the visitors in the second half.",
        "The singer posted a video on Sunday.",
        "The company did not disclose their address.",
    ],
)
def test_object_that_is_no_claim_is_no_content(nlp: Any, text: str) -> None:
    assert _contents(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The Taliban denied the meeting on Tuesday.", "the meeting"),
        ("The ministry confirmed the reports of a meeting.", "the reports of a meeting"),
        ("The senator denied wrongdoing.", "wrongdoing"),
        ("The spokesman denied it.", "it"),
    ],
)
def test_object_that_is_a_claim_or_event_is_content(nlp: Any, text: str, content: str) -> None:
    assert any(content in c for c in _contents(nlp, text))
