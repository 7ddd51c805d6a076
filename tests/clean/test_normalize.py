"""Unicode normalization: meaning kept, invisible debris gone, idempotent."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportedly.clean.normalize import normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("“Quote,” he said.", "“Quote,” he said."),
        ("it’s ‘fine’ — really – yes", "it’s ‘fine’ — really – yes"),
        ("Cafe\u0301", "Café"),
        ("a\u00a0b\u2009c\u3000d", "a b c d"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("soft\u00adhyphen", "softhyphen"),
        ("line\r\nbreak\rhere", "line\nbreak\nhere"),
        ("para\n\n\n\n\nnext", "para\n\nnext"),
        ("trailing   \nspace", "trailing\nspace"),
        ("two  spaces", "two spaces"),
        ("5 m² and ½ cup", "5 m² and ½ cup"),
        ("ﬁnance", "ﬁnance"),
        ("بی\u200cشک", "بی\u200cشک"),
        ("bell\x07char", "bellchar"),
        ("page\x0cbreak", "page\nbreak"),
        ("  padded  ", "padded"),
    ],
)
def test_normalize_cases(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80))
def test_normalize_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab “”‘’\n\r\t\u00a0\u200b\u0301e\u200d\u2029")), max_size=40))
def test_normalize_idempotent_on_whitespace_and_marks(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert once.count("“") == text.count("“")
