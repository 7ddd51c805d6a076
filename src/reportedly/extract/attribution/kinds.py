"""Kind: whether an attribution is a statement, a belief, a finding or a decision.

Decided by the cue's lemma class (extract/cues.py: BELIEF_VERBS, FINDING_VERBS, DECISION_VERBS),
its subject and what it governs:
- a belief verb is a belief ("analysts believe"), and so is "it seems" / "it appears that ...", an
  inference with no one to state it;
- a finding verb whose subject is evidence is a finding ("the audit found", "a poll showed", "the
  footage showed"): a noun of EVIDENCE_NOUNS, or a common noun whose usual sense in WordNet is an
  act, a thought, a communication, an artifact, a phenomenon or an attribute (EVIDENCE_CLASSES),
  never a person, a group, a place, a name or a pronoun;
- a decision verb with an infinitive or an object ("declined to review", "ordered officials to",
  "refused the offer") is a decision, and so is a verb whose usual sense in WordNet is a doing, not
  a saying (ACTION_CLASSES: "tried to block", "failed to", "offered to") when it governs an
  infinitive and no words;
- everything else is a statement ("said", "denied", "agreed that ...", "threatened to").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from reportedly.extract import wordnet
from reportedly.extract.attribution.speakers import PRONOUNS, RAISING_VERBS
from reportedly.extract.cues import BELIEF_VERBS, DECISION_VERBS, EVIDENCE_NOUNS, FINDING_VERBS
from reportedly.model import AttributionKind, Span
from reportedly.nlp.doctext import children

# WordNet classes of a subject noun's usual sense that make it evidence rather than a speaker: a study
# or a test (act, cognition), a report or a video (communication), footage or a photo (artifact), a
# result (phenomenon), a number (attribute). People, groups and places speak for themselves.
EVIDENCE_CLASSES = frozenset(
    {"noun.act", "noun.cognition", "noun.communication", "noun.artifact", "noun.phenomenon", "noun.attribute"}
)


# WordNet classes of a verb's usual sense that make it a doing, not a saying, when it governs an
# infinitive and no words: "tried to block" (social), "failed to", "managed to", "sought to"
# (possession), "offered to" (possession, like "agreed to"), "moved to" (motion). Verbs of
# communication, thought, feeling and perception with an infinitive ("vowed to", "urged him to",
# "plans to", "threatened to": a threat is uttered) stay statements.
ACTION_CLASSES = frozenset(
    {
        "verb.social",
        "verb.possession",
        "verb.change",
        "verb.competition",
        "verb.motion",
        "verb.consumption",
        "verb.contact",
        "verb.stative",
        "verb.body",
    }
)


# Senses of a verb read for a reading as saying: "threaten" poses a danger first, utters a threat second.
ACTION_SENSES = 2


def is_action(cue_lemma: str) -> bool:
    """True when WordNet's usual sense of the verb is a doing (ACTION_CLASSES) and none of its first
    ACTION_SENSES senses is a verb of communication ("tried to", "failed to"; not "threatened to")."""
    classes = wordnet.lexnames(cue_lemma, "v", senses=ACTION_SENSES) if cue_lemma else ()
    return bool(classes) and classes[0] in ACTION_CLASSES and "verb.communication" not in classes


def is_evidence(subject_lemma: str, named: bool = False) -> bool:
    """True when the subject is a piece of evidence: EVIDENCE_NOUNS, or WordNet's class of its usual sense.

    Args:
        subject_lemma: the lemma of the subject's head noun, lowercased.
        named: the head is a name or a pronoun ("Trump", "he"): WordNet's common nouns do not apply.
    """
    if subject_lemma in EVIDENCE_NOUNS:
        return True
    if named or not subject_lemma or subject_lemma in PRONOUNS:
        return False
    return wordnet.usual_class(subject_lemma, "n") in EVIDENCE_CLASSES


def kind_of(
    cue_lemma: str, subject_lemma: str, says: bool = False, named: bool = False, acts: bool = False
) -> str:
    """The kind of one attribution.

    Args:
        cue_lemma: the lemma of the cue's verb ("" when the cue has none: "according to").
        subject_lemma: the lemma of the speaker's head noun (its antecedent's for a pronoun), lowercased.
        says: the content is words (a that-clause or a quotation), not an act: "agreed that ...".
        named: the subject's head is a name or a pronoun (`is_name`), never evidence by its word class.
        acts: the verb governs an infinitive ("tried to block", `governs_act`).

    Returns:
        an AttributionKind value.
    """
    if cue_lemma in BELIEF_VERBS or (cue_lemma in RAISING_VERBS and subject_lemma in ("", "it")):
        # "it appears that the flaw affects ...", "it seems": an inference no one states
        return AttributionKind.BELIEF.value
    if cue_lemma in FINDING_VERBS and is_evidence(subject_lemma, named):
        return AttributionKind.FINDING.value
    if cue_lemma in DECISION_VERBS and not says:
        return AttributionKind.DECISION.value
    if acts and not says and is_action(cue_lemma):
        return AttributionKind.DECISION.value
    return AttributionKind.STATEMENT.value


def governs_act(verb: Token) -> bool:
    """True when `verb` governs an infinitive: an act tried, sought or intended ("tried to block")."""
    return any(
        c.dep_ == "xcomp" and any(t.dep_ == "aux" and t.lower_ == "to" for t in c.lefts)
        for c in children(verb)
    )


def says_words(verb: Token, direct: bool) -> bool:
    """True when what `verb` credits is words: a quotation or a finite clause ("agreed that ...").

    Args:
        verb: the cue's verb.
        direct: the content is a quotation.
    """
    return direct or any(c.dep_ == "ccomp" for c in children(verb))


def is_name(token: Token) -> bool:
    """True when a subject's head is a name or a pronoun rather than a common noun ("Trump", "he")."""
    return token.pos_ in ("PROPN", "PRON") or bool(token.ent_type_)


def subject_head(doc: Doc, head: int | None, antecedent: Span | None) -> Token | None:
    """The token naming the speaker: its antecedent's head for a pronoun ("it" -> "study"), else its head.

    Args:
        doc: the parsed article.
        head: token index of the speaker phrase's head, None when the speaker is implicit.
        antecedent: the earlier mention the speaker stands for, if any.
    """
    if antecedent is not None:
        span = doc.char_span(antecedent.start, antecedent.end, alignment_mode="expand")
        if span is not None:
            return span.root
    return doc[head] if head is not None else None
