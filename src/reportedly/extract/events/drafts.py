"""Events told twice in one article: one event with both tellings' parties, places and sources.

`Draft` is an event while extractor.py assembles it; `merge_same` folds the drafts that tell the
same event (same type, polarity and place, parties that nest) and a group meeting told again by its
members ("a meeting between the Islamic Emirate and the Resistance Front, in which Massoud met Baradar").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from reportedly.model import Attribution, EventDate, Location

# Two tellings whose parties nest ("Muttaqi met Kabulov" in "a delegation led by Muttaqi held talks
# with Kabulov") are one event when they share this many parties, or one party and the same speaker.
MIN_SHARED_ACTORS = 2


@dataclass
class Draft:
    """One event while it is assembled: mutable, holds Tokens; never leaves this module."""

    trigger: Token
    type: str
    cameo: str | None
    mode: str | None
    actors: list[str]
    recipients: list[str]
    host: str | None
    location: Location | None
    date: EventDate | None
    cues: set[str]
    triggers: list[Token] = field(default_factory=list)
    denials: list[Token] = field(default_factory=list)  # mentions that say it did not happen
    mediator: str | None = None
    anaphor: bool = False
    specific: bool = False  # a CAMEO pattern matched, not only the verb's default
    content: tuple[int, int] | None = None  # token range of the act a governing verb is about


def merge_same(
    events: list[Draft], attributions: list[Attribution], affiliated: dict[str, set[str]]
) -> list[Draft]:
    out: list[Draft] = []
    for draft in events:
        twin = next((e for e in out if _same_event(e, draft, attributions)), None)
        if twin is None:
            twin = next((e for e in out if _members_of(draft, e, affiliated)), None)
            if twin is not None:  # "A met B" after "a meeting between A's group and B's": the people
                twin.actors = list(draft.actors)
        if twin is None:
            out.append(draft)
            continue
        twin.triggers.extend(draft.triggers)
        twin.denials.extend(draft.denials)
        twin.cues |= draft.cues
        twin.location = twin.location or draft.location
        twin.mediator = twin.mediator or draft.mediator
        twin.host = twin.host or draft.host
        if (
            "offered" in twin.cues and "offered" in draft.cues
        ):  # one offer told twice: the first names the offerer
            twin.recipients = [
                e
                for e in dict.fromkeys(twin.recipients + draft.actors + draft.recipients)
                if e not in twin.actors
            ]
            continue
        twin.actors = list(dict.fromkeys(twin.actors + draft.actors))
        twin.recipients = [
            e for e in dict.fromkeys(twin.recipients + draft.recipients) if e not in twin.actors
        ]
    return out


def _same_event(a: Draft, b: Draft, attributions: list[Attribution]) -> bool:
    if a.type != b.type or ("negated" in a.cues) != ("negated" in b.cues):
        return False
    if a.location and b.location and a.location.name != b.location.name:
        return False
    if "offered" in a.cues and "offered" in b.cues:
        speakers = _speakers(a, attributions) & _speakers(b, attributions)
        if speakers:
            return True
    actors_a, actors_b = set(a.actors), set(b.actors)
    if not actors_a and not actors_b:
        return False
    nested = actors_a <= actors_b or actors_b <= actors_a
    shared = actors_a & actors_b
    same_parties = actors_a == actors_b or (
        nested
        and (
            (bool(a.recipients) and set(a.recipients) == set(b.recipients))
            or len(shared) >= MIN_SHARED_ACTORS
            or (bool(shared) and bool(_speakers(a, attributions) & _speakers(b, attributions)))
        )
    )
    return same_parties and (not a.recipients or not b.recipients or set(a.recipients) == set(b.recipients))


def _members_of(people: Draft, groups: Draft, affiliated: dict[str, set[str]]) -> bool:
    """Whether `people` is `groups`'s meeting told by its members: each party of one belongs to a
    different party of the other, and nothing contradicts (type, place, polarity)."""
    if people.type != "CONSULT" or groups.type != "CONSULT" or len(people.actors) < MIN_SHARED_ACTORS:
        return False
    if people.location and groups.location and people.location.name != groups.location.name:
        return False
    if ("negated" in people.cues) != ("negated" in groups.cues):
        return False
    owners = [affiliated.get(p, set()) & set(groups.actors) for p in people.actors]
    return all(owners) and len(set().union(*owners)) >= MIN_SHARED_ACTORS


def _speakers(draft: Draft, attributions: list[Attribution]) -> set[str]:
    return {a.speaker.entity or a.speaker.text for a in holding(draft, attributions)}


def holding(draft: Draft, attributions: list[Attribution]) -> list[Attribution]:
    """The attributions whose content span holds one of the event's mentions, in text order."""
    spots = [t.idx for t in draft.triggers]
    return [a for a in attributions if any(a.content.start <= s < a.content.end for s in spots)]
