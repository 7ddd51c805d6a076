"""Kind: whether an attribution is a statement, a belief or a finding.

Decided by the cue's lemma class (extract/cues.py: BELIEF_VERBS, FINDING_VERBS) and its subject:
a finding verb whose subject is evidence ("the audit found", "a poll showed") is a finding, a
belief verb is a belief ("analysts believe"), everything else a statement ("said", "denied").
"""

from __future__ import annotations

from spacy.tokens import Doc

from reportedly.extract.cues import BELIEF_VERBS, EVIDENCE_NOUNS, FINDING_VERBS
from reportedly.model import AttributionKind, Span


def kind_of(cue_lemma: str, subject_lemma: str) -> str:
    """The kind of one attribution.

    Args:
        cue_lemma: the lemma of the cue's verb ("" when the cue has none: "according to").
        subject_lemma: the lemma of the speaker's head noun (its antecedent's for a pronoun), lowercased.

    Returns:
        an AttributionKind value.
    """
    if cue_lemma in BELIEF_VERBS:
        return AttributionKind.BELIEF.value
    if cue_lemma in FINDING_VERBS and subject_lemma in EVIDENCE_NOUNS:
        return AttributionKind.FINDING.value
    return AttributionKind.STATEMENT.value


def subject_lemma(doc: Doc, head: int | None, antecedent: Span | None) -> str:
    """The lemma naming the speaker: its antecedent's head for a pronoun ("it" -> "study"), else its head.

    Args:
        doc: the parsed article.
        head: token index of the speaker phrase's head, None when the speaker is implicit.
        antecedent: the earlier mention the speaker stands for, if any.
    """
    if antecedent is not None:
        span = doc.char_span(antecedent.start, antecedent.end, alignment_mode="expand")
        if span is not None:
            return span.root.lemma_.lower()
    return doc[head].lemma_.lower() if head is not None else ""
