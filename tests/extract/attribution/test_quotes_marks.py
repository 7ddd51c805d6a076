"""Quote-mark scanning: every style, multi-paragraph quotations, unbalanced marks that drop nothing."""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.extract.attribution.quotemarks import find_quotes, split_turns


def _count_calls(monkeypatch: pytest.MonkeyPatch, name: str) -> list[tuple[Any, ...]]:
    """Count the calls of quotemarks' function `name` for the rest of the test: one entry per call."""
    from reportedly.extract.attribution import quotemarks

    calls: list[tuple[Any, ...]] = []
    original = getattr(quotemarks, name)

    def counted(*args: Any) -> Any:
        calls.append(args)
        return original(*args)

    monkeypatch.setattr(quotemarks, name, counted)
    return calls


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("He said “we will stay here”, and left.", ["we will stay here"]),
        ('He said "we will stay here", and left.', ["we will stay here"]),
        ("He said ``we will stay here'' and left.", ["we will stay here"]),
        ("He said ''we will stay here,'' and left.", ["we will stay here,"]),
        ("He said «we will stay here» and left.", ["we will stay here"]),
        ("He said ‘we will stay here’ and left, but didn’t.", ["we will stay here"]),
        ("“We don’t know,” she said. “Nobody does.”", ["We don’t know,", "Nobody does."]),
        # right marks on both sides; a right mark after a word closes, it opens only before one
        ("”Fear. I am afraid,” she wrote.\n”He is scary.” ― Sonya", ["Fear. I am afraid,", "He is scary."]),
        ("“We stay here ” and he left.", ["We stay here "]),
        (
            "“First paragraph of the quote.\n\n“Second paragraph of it.”",
            ["First paragraph of the quote.\n\n“Second paragraph of it."],
        ),
    ],
)
def test_quotes_marks_styles(text: str, inside: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == inside


def test_quotes_marks_unbalanced_mark_keeps_later_quotes() -> None:
    text = "“This opens and never closes.\n\nThe mayor said “the road is open” on Monday."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["the road is open"]


@pytest.mark.parametrize("text", ["It’s the party’s ‘big tent’, he said", "5' 11\" tall", "“", '"'])
def test_quotes_marks_never_crash_and_stay_in_bounds(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.open < q.start <= q.end < q.close <= len(text)


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        (
            '"Hillary thinks this is an episode of “Shark Tank.” But this is America," he said.',
            ["Hillary thinks this is an episode of “Shark Tank.” But this is America,"],
        ),
        # the same curly marks inside: the inner closing mark does not close the outer quotation
        (
            "“I’d rather live in what he calls “hell” than live with him.” ― Adriana Rodarte",
            ["I’d rather live in what he calls “hell” than live with him."],
        ),
    ],
)
def test_quotes_marks_curly_quotation_inside_another_is_skipped(text: str, inside: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == inside


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        # a transcript quoted paragraph by paragraph: one quotation per turn, a turn's later
        # paragraphs and stage directions stay in it
        (
            '"WALLACE: Will she be there?\n\n"PENCE: She will not.\n\n"(CROSSTALK.)\n\n"WALLACE: Why?"',
            ["WALLACE: Will she be there?", "PENCE: She will not.\n\n\"(CROSSTALK.)", "WALLACE: Why?"],
        ),
        # a multi-paragraph quotation that opens with no label is whole
        ('"First part.\n\n"PENCE: then a label."', ['First part.\n\n"PENCE: then a label.']),
    ],
)
def test_quotes_marks_split_turns(text: str, inside: list[str]) -> None:
    quotes = split_turns(find_quotes(text), text)
    assert [text[q.start : q.end] for q in quotes] == inside
    assert all(0 <= q.open < q.start <= q.end <= q.close <= len(text) for q in quotes)


def test_quotes_marks_unclosed_nested_openers_scan_in_polynomial_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _count_calls(monkeypatch, "_find_close")
    n = 14
    text = "He wrote " + " ".join(f"“w{i}" for i in range(n)) + " and stopped."
    assert find_quotes(text) == []
    assert len(calls) <= n * n


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        # the news convention: each paragraph opens with the mark, only the last one closes
        (
            'He spoke first. "We will rebuild the school.\n\n"The money is there.\n"Nobody will be left out,"'
            " she said.",
            ['We will rebuild the school.\n\n"The money is there.\n"Nobody will be left out,'],
        ),
        # a paragraph in between that opens with no mark ends it: the unclosed opener stays dropped
        (
            "“We will rebuild the school.\n\nThe council meets on Friday.\n\n“Nobody will be left out,”"
            " she said.",
            ["Nobody will be left out,"],
        ),
        # paragraph breaks flattened to spaces: the same mark after a finished sentence opens the next one
        (
            'He said: "We have a difficult scene. "Carriages lie on their side," he said. "No," she said.',
            ['We have a difficult scene. "Carriages lie on their side,', "No,"],
        ),
        (
            "He said: “We have a difficult scene. “Carriages lie on their side,” he said.",
            ["We have a difficult scene. “Carriages lie on their side,"],
        ),
        # a close a tokenizer spaced off, a mark inside a sentence, two quotations side by side: no run-on
        ('"Why did you do it? "the widow read. "We stay," she said.', ["Why did you do it? ", "We stay,"]),
        ('He said "we are in "hell" here," and left.', ["we are in "]),
        ('"Yes." "No," she said.', ["Yes.", "No,"]),
    ],
)
def test_quotes_marks_multi_paragraph_quotation(text: str, inside: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == inside


def test_quotes_marks_unclosed_paragraph_openers_are_scanned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_calls(monkeypatch, "_scan_close")
    n = 40
    for sep in ("\n\n", " "):  # paragraphs, and paragraphs flattened to spaces
        calls.clear()
        text = "He wrote: " + sep.join(f"“Part {i} goes on." for i in range(n)) + "\n\nThe end."
        assert find_quotes(text) == []
        assert len(calls) == 1  # the first opener's scan answers for every later paragraph's
