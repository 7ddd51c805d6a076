"""The event lexicon's build rules (scripts/build_event_lexicon.py) and the shipped lexicon they produce."""

from __future__ import annotations

from types import ModuleType

import pytest

from reportedly.extract.events.triggers import load_lexicon
from tests.scripts import load_script


@pytest.fixture(scope="module")
def build() -> ModuleType:
    return load_script("build_event_lexicon")


def _patterns(*codes: str) -> list[dict[str, object]]:
    return [{"pre": [], "post": [["x"]], "code": c} for c in codes]


PLOVER = {
    "12": ["REJECT", None],
    "120": ["REJECT", None],
    "084": ["RETREAT", "return"],
    "14": ["PROTEST", None],
}


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        # most patterns reject, none shares a 3-digit code with most of the others: the root's generic code
        (["120"] * 5 + ["124"] * 5 + ["121"] * 3 + ["016"] * 20, "120"),
        (["084"] * 11 + ["031", "050"], "084"),  # one code holds the root: that code
        (["141"] * 9 + ["190"] * 9, None),  # no root holds more than half
        (["141"] * 6, None),  # a majority of too few patterns
        (["016"] * 30, None),  # statements vote for nothing
        ([], None),
    ],
)
def test_lexicon_block_default(build: ModuleType, codes: list[str], expected: str | None) -> None:
    assert build.block_default(_patterns(*codes), PLOVER) == expected


@pytest.mark.parametrize(
    ("verb", "root"),
    [("reject", "12"), ("refuse", "12"), ("return", "084"), ("revoke", "16"), ("sever", "16")],
)
def test_lexicon_uncoded_verbs_take_their_block_default(verb: str, root: str) -> None:
    code, _ = load_lexicon()["verbs"][verb]
    assert code.startswith(root)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("China called on Japan to reflect on its history.", "020"),  # CALL - * ON: the verb's own "on"
        ("Trump called King Salman on Saturday.", "041"),  # "on Saturday" is no "call on": a phone call
        ("Stoltenberg called Erdogan to apologize for the case.", "041"),  # the "for" is the apology's
    ],
)
def test_lexicon_particle_patterns_need_the_verbs_own(nlp: object, text: str, code: str) -> None:
    from reportedly.extract.events.triggers import match_token

    doc = nlp(text)  # type: ignore[operator]
    match = match_token(next(t for t in doc if t.lower_ == "called"))
    assert match is not None and match.cameo == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # CAMEO 014, considering a policy option (a statement, no event): STUDY's "- * WAYS [014]"
        ("Hamas is studying a new proposal for a ceasefire in Gaza.", None),
        ("The ministry will examine the plan next week.", None),
        # an inquiry into a wrong or an act stays CAMEO 09 (investigate)
        ("Police are investigating the killings of two journalists.", "090"),
        ("Experts examined the wreckage of the plane.", "090"),
    ],
)
def test_lexicon_inspecting_a_course_of_action_is_considering_it(
    nlp: object, text: str, code: str | None
) -> None:
    from reportedly.extract.events.triggers import match_token

    doc = nlp(text)  # type: ignore[operator]
    match = match_token(next(t for t in doc if t.pos_ == "VERB" and t.dep_ in ("ROOT",)))
    assert (match.cameo if match else None) == code


@pytest.mark.parametrize(
    ("text", "verb", "code"),
    [
        # "- * AWAY [130] # BREAK" was written for BREAK: its block's other verbs read no particle by it
        ("The rebels broke away from the army.", "broke", "130"),
        ("Everton have not beaten their neighbours away since 2021.", "beaten", "190"),
    ],
)
def test_lexicon_particle_patterns_keep_their_intended_verb(
    nlp: object, text: str, verb: str, code: str
) -> None:
    from reportedly.extract.events.triggers import match_token

    doc = nlp(text)  # type: ignore[operator]
    match = match_token(next(t for t in doc if t.lower_ == verb))
    assert match is not None and match.cameo == code


def test_lexicon_build_keeps_a_particle_patterns_intended_verb(build: ModuleType) -> None:
    lines = [
        "VERB PATTERNS",
        "---  DESTROY   [190]  ---",
        "BEAT",
        "BREAK",
        "- * AWAY                                              [130]         # BREAK",
        "- * CONVOY                                            [190]         # JW 10/28/91",
    ]
    verbs, blocks = build.read_verbs(lines, {})
    assert [p.get("verb") for p in blocks[0]] == ["break", None]  # initials name no verb of the block
