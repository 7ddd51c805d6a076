"""Relays: the media a claim passed through between its speaker and this article.

Two kinds, nearest to the speaker first: the medium the speaker addressed ("told TASS", "in an
interview with TASS", "said in a statement carried by Y") and the media this article credits for
the whole sentence ("reported Tolo News", "according to Y", "as per the media outlet"). A
description instead of a name ("the media outlet") resolves to the medium named last before it.
The dateline's agency is appended as the outermost relay by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from reportedly.extract.attribution.speakers import MEDIA_NAMES, MEDIA_WORDS, entity_at, is_media
from reportedly.model import Entity, Relay
from reportedly.nlp.doctext import children

# Verbs through which an outlet passes a claim on: "reported Tolo News", "carried by Y".
OUTLET_VERBS = frozenset({"report", "carry", "quote", "cite", "publish", "broadcast", "air"})
# Nouns of an address to a medium: "in an interview with TASS", "in a statement to Reuters".
ADDRESS_NOUNS = ["interview", "statement", "comments", "remarks", "conversation", "message", "briefing"]


@dataclass(frozen=True, slots=True)
class MediaMention:
    """A medium named in the text: its characters and the relay it stands for."""

    start: int
    end: int
    relay: Relay


@lru_cache(maxsize=8)
def _matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    matcher.add(
        "NAME",
        [
            [{"LOWER": {"IN": sorted(MEDIA_NAMES)}}],
            [
                {"POS": "PROPN", "OP": "?"},
                {"POS": "PROPN"},
                {"LOWER": {"IN": sorted(MEDIA_WORDS)}, "POS": "PROPN"},
            ],
        ],
    )
    matcher.add(
        "ADDRESS",
        [
            [
                {"LOWER": "in"},
                {"POS": {"IN": ["DET", "ADJ", "PRON"]}, "OP": "*"},
                {"LOWER": {"IN": ADDRESS_NOUNS}},
                {"LOWER": {"IN": ["with", "to"]}},
            ],
            # one pattern per verb: an exact first token is compared in C, a set is a Python call per token
            *(_verb_with(verb) for verb in ("speak", "talk")),
        ],
    )
    return matcher


def _verb_with(verb: str) -> list[dict[str, Any]]:
    return [{"LEMMA": verb}, {"LOWER": {"IN": ["to", "with"]}}]


def name_of(head: Token) -> tuple[int, int]:
    """The proper-name run ending at `head` ("Tolo News" of "Russian news agency Tolo News")."""
    start = head.i
    while start > 0 and head.doc[start - 1].pos_ == "PROPN" and head.doc[start - 1].dep_ == "compound":
        start -= 1
    return start, head.i + 1


def media_mentions(doc: Doc, entities: list[Entity]) -> tuple[list[MediaMention], list[int]]:
    """Every medium named in the text, and where the text tells of an address to one; one matcher pass.

    Args:
        doc: the Doc.
        entities: the article's entities (those of kind media count as named media).

    Returns:
        the media named, in text order, and the token indices of the prepositions of "in an
        interview with", "speaking to" (for `addressee_relays`).
    """
    found: dict[int, MediaMention] = {}
    preps: list[int] = []
    for entity in entities:
        if entity.kind == "media":
            for m in entity.mentions:
                found[m.start] = MediaMention(m.start, m.end, Relay(entity.id, entity.name))
    for key, start, end in _matcher(doc.vocab)(doc):
        if doc.vocab.strings[key] == "ADDRESS":
            preps.append(end - 1)
            continue
        span = doc[start:end]
        if span.start_char in found:
            continue
        linked = entity_at(entities, span.start_char, span.end_char)
        found[span.start_char] = MediaMention(
            span.start_char, span.end_char, Relay(linked.id if linked else None, span.text)
        )
    return [found[k] for k in sorted(found)], preps


def _relay_for(
    head: Token, entities: list[Entity], media: list[MediaMention], lenient: bool = False
) -> Relay | None:
    """The relay a noun phrase headed by `head` names, or None when it is not a medium.

    With `lenient` (the subject or object of "reported", "carried"), any name that is not a
    person's counts: what reports a claim is a medium.
    """
    doc = head.doc
    start, end = name_of(head)
    span = doc[start:end]
    entity = entity_at(entities, span.start_char, span.end_char)
    if head.pos_ == "PROPN":
        person = (entity.type == "PERSON") if entity is not None else head.ent_type_ == "PERSON"
        if (
            is_media(doc, start, end, entity)
            or is_media(doc, head.left_edge.i, end, entity)
            or (lenient and not person)
        ):
            return Relay(entity.id if entity else None, entity.name if entity else span.text)
        return None
    if head.lemma_.lower() in MEDIA_WORDS or head.lower_ in {"outlet", "agency", "newspaper", "channel"}:
        before = [m for m in media if m.end <= head.idx]
        return before[-1].relay if before else None
    return None


def addressee_relays(
    cue: Token, entities: list[Entity], media: list[MediaMention], preps: list[int]
) -> list[Relay]:
    """Media the speaker addressed through this cue: "told TASS", "in an interview with TASS".

    Args:
        cue: the reporting verb.
        entities: the article's entities.
        media: the media named in the article.
        preps: the article's address prepositions (from `media_mentions`).

    Returns:
        relays in text order.
    """
    out: list[Relay] = []
    for child in children(cue):
        if child.dep_ in ("dobj", "dative") and cue.lemma_ == "tell":
            relay = _relay_for(child, entities, media)
            if relay:
                out.append(relay)
    sent = cue.sent
    for index in preps:
        if not sent.start <= index < sent.end:
            continue
        prep = cue.doc[index]
        obj = next((c for c in children(prep) if c.dep_ == "pobj"), None)
        relay = _relay_for(obj, entities, media) if obj is not None else None
        if relay:
            out.append(relay)
    return out


def outlet_relays(
    sent_tokens: list[Token], exclude: set[int], entities: list[Entity], media: list[MediaMention]
) -> list[tuple[int, Relay]]:
    """Media the article credits in a sentence: "reported Tolo News", "according to Y", "carried by Y".

    Args:
        sent_tokens: the tokens of the sentence.
        exclude: token indices already used as a speaker or cue of the attribution at hand.
        entities: the article's entities.
        media: the media named in the article.

    Returns:
        (token index, relay) pairs in text order.
    """
    out: list[tuple[int, Relay]] = []
    for token in sent_tokens:
        heads: list[Token] = []
        lenient = False
        if token.lemma_ in OUTLET_VERBS and token.pos_ == "VERB" and token.i not in exclude:
            heads = [c for c in children(token) if c.dep_ in ("nsubj", "dobj")]
            heads += [g for c in children(token) if c.dep_ == "agent"
                      for g in children(c) if g.dep_ == "pobj"]
            lenient = True
        elif token.lower_ in ("to", "per") and token.i > 0 and token.nbor(-1).lower_ in ("according", "as"):
            heads = [c for c in children(token) if c.dep_ == "pobj"]
        for head in heads:
            if head.i in exclude:
                continue
            relay = _relay_for(head, entities, media, lenient)
            if relay:
                out.append((head.i, relay))
    return out
