"""Kind: whether an attribution is a statement, a belief, a finding or a decision.

Decided by the cue's lemma class (extract/cues.py: BELIEF_VERBS, FINDING_VERBS, DECISION_VERBS),
its subject and what it governs: a finding verb whose subject is evidence ("the audit found", "a
poll showed") is a finding, a belief verb is a belief ("analysts believe"), a decision verb with an
infinitive or an object ("declined to review", "ordered officials to", "refused the offer") is a
decision, everything else a statement ("said", "denied", "agreed that ...").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from reportedly.extract.cues import BELIEF_VERBS, DECISION_VERBS, EVIDENCE_NOUNS, FINDING_VERBS
from reportedly.model import AttributionKind, Span


def kind_of(cue_lemma: str, subject_lemma: str, says: bool = False) -> str:
    """The kind of one attribution.

    Args:
        cue_lemma: the lemma of the cue's verb ("" when the cue has none: "according to").
        subject_lemma: the lemma of the speaker's head noun (its antecedent's for a pronoun), lowercased.
        says: the content is words (a that-clause or a quotation), not an act: "agreed that ...".

    Returns:
        an AttributionKind value.
    """
    if cue_lemma in BELIEF_VERBS:
        return AttributionKind.BELIEF.value
    if cue_lemma in FINDING_VERBS and subject_lemma in EVIDENCE_NOUNS:
        return AttributionKind.FINDING.value
    if cue_lemma in DECISION_VERBS and not says:
        return AttributionKind.DECISION.value
    return AttributionKind.STATEMENT.value


def says_words(verb: Token, direct: bool) -> bool:
    """True when what `verb` credits is words: a quotation or a finite clause ("agreed that ...").

    Args:
        verb: the cue's verb.
        direct: the content is a quotation.
    """
    return direct or any(c.dep_ == "ccomp" for c in verb.children)


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
