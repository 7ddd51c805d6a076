"""Speakers that stand for another: "the source" named before, "which", "that", "who" and "it".

`resolve_anonymous` links a definite unnamed source to the one named before it; `resolve_thing`
resolves "which", "that", "who" and "it" or returns None, and the extractor then drops the
attribution; an expletive "it" ("it seems that ...") leaves the attribution unattributed.
"""

from __future__ import annotations

from spacy.tokens import Doc

from reportedly.extract.attribution.speakers import (
    OWNER_TYPES,
    RELATIVE_PRONOUNS,
    Found,
    is_expletive,
    make_speaker,
    phrase,
    relative_antecedent,
    with_antecedent,
)
from reportedly.extract.cues import CHANNEL_NOUNS
from reportedly.model import Entity, Span, Speaker, SpeakerKind
from reportedly.nlp.doctext import children

# "It" looks back this many characters for an organization named before it (about two sentences).
MAX_IT_DISTANCE = 300


def resolve_thing(
    speaker: Speaker, doc: Doc, found: Found, earlier: list[Speaker], entities: list[Entity]
) -> Speaker | None:
    """ "which", "that", "who", "it" as a speaker: resolved to what they stand for, or None.

    An expletive "it" (speakers.is_expletive) stands for no one: the speaker is unattributed.
    A relative pronoun stands for the noun its clause modifies (speakers.relative_antecedent:
    "the report, which said"; never a date or, for "who", a place), or
    for whoever issued it when that noun is a channel ("the ministry issued a statement, which
    said": the ministry). "It" stands for the last organization or outlet that spoke before it
    (never a plural or a coordination: "Republicans", "Politicians and technologists"),
    else the last organization or government named before it. Nothing found: None (the caller
    drops the attribution rather than credit "it").
    """
    head = doc[found.head]
    if is_expletive(doc, found):
        # "It seems that ...", "it is clear that ...": no one speaks; the content stays, unattributed
        return Speaker(None, "reports", SpeakerKind.UNATTRIBUTED.value, None, None)
    if head.lower_ in RELATIVE_PRONOUNS:
        antecedent = relative_antecedent(head)
        if antecedent is None:
            return None
        target = doc[antecedent.head]
        issuer = next((c for c in children(target.head) if c.dep_ in ("nsubj", "nsubjpass")), None)
        if target.lemma_.lower() in CHANNEL_NOUNS and target.dep_ == "dobj" and issuer is not None:
            antecedent = phrase(issuer)  # "the ministry issued a statement, which said": the ministry
        return with_antecedent(speaker, make_speaker(doc, antecedent, entities))
    start = speaker.start or 0
    things = (SpeakerKind.ORGANIZATION.value, SpeakerKind.MEDIA.value)
    before = [
        p
        for p in earlier
        if p.kind in things and p.start is not None and p.start < start and not _plural(doc, p)
    ]
    if before:
        return with_antecedent(speaker, before[-1])
    named = [
        (m.start, m.end, m.text, e)
        for e in entities
        if e.type in OWNER_TYPES
        for m in e.mentions
        if m.end <= start and start - m.end <= MAX_IT_DISTANCE
    ]
    if not named:
        return None
    m_start, m_end, m_text, entity = max(named, key=lambda x: x[0])
    return Speaker(
        entity.id,
        speaker.text,
        SpeakerKind.ORGANIZATION.value,
        speaker.start,
        speaker.end,
        antecedent=Span(m_start, m_end, m_text),
    )


def _plural(doc: Doc, speaker: Speaker) -> bool:
    """True for a speaker "it" cannot stand for: a plural noun ("Republicans", "some economists")
    or a coordination ("Politicians and technologists")."""
    if speaker.start is None or speaker.end is None:
        return False
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in children(root))


def resolve_anonymous(speaker: Speaker, doc: Doc, found: Found, earlier: list[Speaker]) -> Speaker:
    """ "the source" after "a source close to the NRF": the same unnamed source, named before.

    A definite anonymous speaker with no affiliation of its own refers back to the last earlier
    anonymous speaker whose words hold its head noun ("source", "official"); it takes that speaker's
    affiliation and has it as `antecedent`. Otherwise the speaker is returned unchanged.
    """
    head = doc[found.head]
    if (
        speaker.kind != SpeakerKind.ANONYMOUS.value
        or speaker.affiliation is not None
        or doc[found.start].lower_ != "the"
        or head.tag_ in ("NNS", "NNPS")
    ):
        return speaker
    noun = head.lemma_.lower()
    for prior in reversed(earlier):
        if (
            prior.kind == SpeakerKind.ANONYMOUS.value
            and prior.start is not None
            and prior.start < (speaker.start or 0)
            and prior.antecedent is None
            and noun in {w.strip(",.()").lower() for w in prior.text.split()}
        ):
            return with_antecedent(speaker, prior)
    return speaker
