"""Stance: how a speaker stands towards what it is credited with.

Read from the cue (its verb, a negation, "neither ... nor"), then from the content of a statement
that says it knows nothing ("There is no official information"), then a question mark.
"""

from __future__ import annotations

import re

from reportedly.model import Stance

DENY_LEMMAS = frozenset({"deny", "reject", "dismiss", "refute", "rebut", "disown", "dispute", "contradict"})
CONFIRM_LEMMAS = frozenset({"confirm", "verify", "corroborate", "acknowledge", "admit"})
QUESTION_LEMMAS = frozenset({"ask", "wonder", "question", "query", "inquire"})
# Cues that neither assert nor deny.
NON_COMMITTAL_CUES = re.compile(
    r"\bneither\b.*\bnor\b|\bdeclin\w* to (comment|confirm|say)|"
    r"\brefus\w* to (comment|confirm|say)|\bno comment\b",
    re.I,
)
# Contents in which a speaker says it does not know: "There is no official information on hand".
NON_COMMITTAL_CONTENT = re.compile(
    r"^\W*(there is|there was|we have|i have|there's)\s+no\s+(official\s+)?"
    r"(information|confirmation|word|details)|\b(cannot|can't|could not|couldn't)"
    r" (confirm|verify)\b|\bnot aware\b|\bno comment\b",
    re.I,
)
NEGATIONS = frozenset({"not", "n't", "never", "no"})


def stance_of(cue_text: str, cue_lemma: str, cue_words: list[str], content_text: str) -> str:
    """The stance of one attribution.

    Args:
        cue_text: the cue as written ("have neither confirmed nor denied").
        cue_lemma: the lemma of the cue's verb ("confirm").
        cue_words: the cue's words, lowercased.
        content_text: the content as written.

    Returns:
        a Stance value: assert, deny, confirm, non_committal or question.
    """
    negated = any(w in NEGATIONS for w in cue_words)
    if NON_COMMITTAL_CUES.search(cue_text):
        return Stance.NON_COMMITTAL.value
    if cue_lemma in DENY_LEMMAS:
        return Stance.NON_COMMITTAL.value if negated else Stance.DENY.value
    if cue_lemma in CONFIRM_LEMMAS:
        return Stance.NON_COMMITTAL.value if negated else Stance.CONFIRM.value
    if cue_lemma in QUESTION_LEMMAS or content_text.rstrip(" ,”\"'’").endswith("?"):
        return Stance.QUESTION.value
    if negated:
        return Stance.NON_COMMITTAL.value
    if NON_COMMITTAL_CONTENT.search(content_text):
        return Stance.NON_COMMITTAL.value
    return Stance.ASSERT.value
