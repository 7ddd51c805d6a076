"""The status of a ledger event, computed from every source's stance, and how it changed over time.

Rules (docs/ledger.md has the worked examples). Each origin counts once, with its latest stance only
(a later statement supersedes an earlier one from the same origin); syndicated copies are one source,
and reports that trace back to one origin (a spokesman and his organization, one anonymous source
relayed by several outlets: `merge.claims.origin_of`) are one voice.
A speaker is an *on-record participant* when it is named (a person or an organization, not an
anonymous source, not a media outlet) and it, or what it is affiliated with, took part in the event
(an actor, recipient, host or mediator, or the organization one of them belongs to).

0. Every article reads the event the same modal way (offered, hypothetical, negated) and nobody
   denies it: that reading stands (an offer confirmed by the one offering is still an offer).
1. A participant on record confirms (or asserts) and another participant on record denies: disputed.
2. A participant on record confirms or asserts, and no participant denies: confirmed.
3. Someone asserts and someone denies (whoever they are): disputed.
4. Only denials: denied.
5. Only assertions, all in the article's own voice: asserted; otherwise reported.
6. Only non-committal statements or questions: unconfirmed.
7. No stance at all: the articles' own reading of the event (negated, hypothetical, offered ...),
   the most frequent, ties to the most cautious.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

SUPPORT = frozenset({"assert", "confirm"})
# Readings of an event that sources' stances qualify rather than settle.
MODAL_READINGS = frozenset({"offered", "hypothetical", "negated"})
AGAINST = frozenset({"deny"})
ON_RECORD_KINDS = frozenset({"person", "organization"})
OWN_VOICE = "own_voice"
# When the articles' own readings tie, the more cautious one is kept (first in this order).
CAUTION_ORDER = (
    "negated",
    "denied",
    "hypothetical",
    "offered",
    "unconfirmed",
    "disputed",
    "reported",
    "asserted",
    "confirmed",
)


# The sides an event's sources take, for counting origins and reports ("for: 2 origins, 7 reports").
SIDES = (("for", SUPPORT), ("against", AGAINST), ("neither", frozenset({"non_committal", "question"})))


def side_counts(reports: Iterable[tuple[str, str, int]]) -> list[tuple[str, int, int]]:
    """Per side, the number of independent origins and of reports, sides nobody takes left out.

    Args:
        reports: (stance, origin, number of reports) of each source; a source's reports are its
            article and the syndicated copies carrying it.

    Returns:
        (side, origins, reports) in the order for, against, neither.
    """
    items = list(reports)
    out = []
    for side, stances in SIDES:
        mine = [(origin, n) for stance, origin, n in items if stance in stances]
        if mine:
            out.append((side, len({o for o, _ in mine}), sum(n for _, n in mine)))
    return out


@dataclass(frozen=True, slots=True)
class StanceFact:
    """One source's stance on the event, as status rules see it."""

    speaker: str  # a key: the ledger entity id, or the kind and normalized text of an unnamed speaker
    kind: str  # person | organization | media | anonymous | unattributed | own_voice
    stance: str
    participant: bool  # the speaker or its organization took part in the event
    published: str | None
    origin: str = ""  # the independent origin the report traces back to; "" means the speaker itself

    @property
    def voice(self) -> str:
        """Whom the rules count: the origin, or the speaker when it has none."""
        return self.origin or self.speaker


# On one day, a speaker's most explicit stance wins: a denial over an assertion in the same story
# ("Mujahid denied the meeting ... 'No such meeting took place'").
STANCE_WEIGHT = {"question": 0, "non_committal": 1, "assert": 2, "confirm": 3, "deny": 4}


def latest_stances(facts: Iterable[StanceFact]) -> dict[str, StanceFact]:
    """Each origin's latest stance (undated statements come before dated ones), keyed by origin."""
    latest: dict[str, StanceFact] = {}
    for fact in sorted(facts, key=lambda f: (f.published or "", STANCE_WEIGHT.get(f.stance, 0), f.stance)):
        latest[fact.voice] = fact
    return latest


def compute_status(facts: Iterable[StanceFact], own_readings: Iterable[str] = ()) -> str:
    """The ledger status of an event from its sources' stances.

    Args:
        facts: every source's stance (all of them; `latest_stances` is applied here).
        own_readings: the status each article gave the event, used when no source takes a stance.

    Returns:
        a `model.Status` value.
    """
    current = list(latest_stances(facts).values())
    readings = Counter(own_readings)
    if (
        len(readings) == 1
        and next(iter(readings)) in MODAL_READINGS
        and not any(f.stance in AGAINST for f in current)
    ):
        return next(iter(readings))
    on_record = [f for f in current if f.participant and f.kind in ON_RECORD_KINDS]
    p_support = any(f.stance in SUPPORT for f in on_record)
    p_against = any(f.stance in AGAINST for f in on_record)
    support = [f for f in current if f.stance in SUPPORT]
    against = [f for f in current if f.stance in AGAINST]
    if p_support and p_against:
        return "disputed"
    if p_support:
        return "confirmed"
    if support and against:
        return "disputed"
    if against:
        return "denied"
    if support:
        return "asserted" if all(f.kind == OWN_VOICE for f in support) else "reported"
    if current:
        return "unconfirmed"
    if not readings:
        return "reported"
    best = max(readings.values())
    return min((r for r, n in readings.items() if n == best), key=_caution)


def _caution(status: str) -> int:
    return CAUTION_ORDER.index(status) if status in CAUTION_ORDER else len(CAUTION_ORDER)


def status_history(facts: list[StanceFact], own_readings: Iterable[str] = ()) -> list[tuple[str | None, str]]:
    """The status after each publication day, keeping only the days it changed.

    Args:
        facts: every source's stance.
        own_readings: as for `compute_status`.

    Returns:
        (day, status) pairs in time order; day None for sources without a publication date.
    """
    readings = list(own_readings)
    days = sorted({f.published for f in facts}, key=lambda d: d or "")
    history: list[tuple[str | None, str]] = []
    for day in days:
        upto = [f for f in facts if (f.published or "") <= (day or "")]
        status = compute_status(upto, readings)
        if not history or history[-1][1] != status:
            history.append((day, status))
    if not history:
        history.append((None, compute_status([], readings)))
    return history


def contradictions(facts: Iterable[StanceFact]) -> list[tuple[StanceFact, StanceFact]]:
    """Pairs of speakers whose latest stances contradict: one supports the event, the other denies it."""
    current = sorted(latest_stances(facts).values(), key=lambda f: f.voice)
    pro = [f for f in current if f.stance in SUPPORT]
    con = [f for f in current if f.stance in AGAINST]
    return [(p, c) for p in pro for c in con]


def stored_origin(source: dict[str, Any]) -> str:
    """A stored claim source's origin (`ClaimSource.origin`). A ledger written before origins were
    kept has none: each speaker is its own origin."""
    speaker = source["speaker"]
    return str(source.get("origin") or source.get("key") or f"{speaker['kind']}:{speaker['name']}")


def n_origins(claim: dict[str, Any]) -> int:
    """Independent origins behind a stored claim, whatever side they take: `Claim.n_origins` on
    reading, and the `events.n_origins` column the writer keeps (migration 12)."""
    return len({stored_origin(s) for s in claim["sources"]})
