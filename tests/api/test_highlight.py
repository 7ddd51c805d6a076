"""Cutting article text into highlighted segments: offsets only, text never altered."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportedly.api.highlight import Mark, segments

TEXT = "Lavrov met <b>Massoud</b> in Moscow."


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], [(TEXT, ())]),
        ([Mark(0, 6, "entity", "/entities/en_1")], [("Lavrov", ("entity",)), (TEXT[6:], ())]),
        # a quote spanning an entity: the entity piece carries both classes and the entity's link
        (
            [Mark(0, 17, "quote"), Mark(11, 14, "entity", "/entities/en_2")],
            [
                (TEXT[:11], ("quote",)),
                ("<b>", ("quote", "entity")),
                (TEXT[14:17], ("quote",)),
                (TEXT[17:], ()),
            ],
        ),
        # offsets outside the text are dropped, not clamped
        ([Mark(30, 99, "entity"), Mark(5, 5, "cue"), Mark(-1, 3, "cue")], [(TEXT, ())]),
    ],
)
def test_highlight_segments_cut_at_marks(
    marks: list[Mark], expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert [(s.text, s.classes) for s in segments(TEXT, marks)] == expected


def test_highlight_narrowest_link_wins_and_anchor_only_once() -> None:
    marks = [Mark(0, 20, "trigger", "/events/ev_1", anchor="ev-v1"), Mark(11, 14, "entity", "/entities/en_2")]
    out = segments(TEXT, marks)
    assert [s.href for s in out[:3]] == ["/events/ev_1", "/entities/en_2", "/events/ev_1"]
    assert [s.anchor for s in out].count("ev-v1") == 1


@given(
    text=st.text(max_size=60), spans=st.lists(st.tuples(st.integers(-3, 70), st.integers(-3, 70)), max_size=8)
)
def test_highlight_segments_join_back_to_the_text(text: str, spans: list[tuple[int, int]]) -> None:
    out = segments(text, [Mark(a, b, "entity", f"/entities/{a}") for a, b in spans])
    assert "".join(s.text for s in out) == text
    assert all(s.text for s in out)
