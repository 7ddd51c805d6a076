"""Event dates: the date expression nearest an event in the parse, normalized against publication.

"on Tuesday", "August 15", "November 2021", "last week" are resolved with dateparser relative to
the article's publication date (`DocContext.published`); what cannot be resolved keeps its text
with a null value ("recently", or "Tuesday" when the publication date is unknown).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from reportedly.model import EventDate

# Adverbs that date an event without a value: kept as text so a reader sees the hedge.
VAGUE_TIME = frozenset({"recently", "lately", "yesterday", "today", "tonight", "earlier", "previously"})
# Ancestors climbed from a trigger when looking for its date: the clause, and the reporting verb
# whose date ("In November 2021, X said that ...") is the best the article gives.
MAX_CLIMB = 8
YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
WEEKDAY = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)


@lru_cache(maxsize=64)
def _parser(published: str | None) -> Any:
    """dateparser's English parser for one publication date, built once (construction is costly)."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(published)
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def normalize(text: str, published: str | None) -> str | None:
    """The ISO value ("YYYY", "YYYY-MM" or "YYYY-MM-DD") of a date expression, or None.

    Args:
        text: the expression ("on Tuesday", "August 15", "November 2021", "last week").
        published: the article's publication date, YYYY-MM-DD, or None.

    Returns:
        the value at the precision the text gives, or None when it cannot be resolved (a weekday or
        a day without a year and no publication date).
    """
    clean = re.sub(r"^(on|in|at|since|by|from|during)\s+", "", text.strip(), flags=re.IGNORECASE)
    has_year = bool(YEAR.search(clean))
    published = published or None
    if published is None and not has_year:
        return None
    data = _parser(published).get_date_data(clean)
    if data is None or data.date_obj is None:
        return None
    when = data.date_obj
    if published and when.date() > dt.date.fromisoformat(published) and not has_year:
        when = when.replace(year=when.year - 1)  # "August 15" in a March story is last August
    period = data.period or "day"
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    return f"{when.year:04d}-{when.month:02d}-{when.day:02d}"


def date_index(doc: Doc) -> dict[int, Span]:
    """Token index -> the DATE or TIME entity holding it; build once per Doc (Doc.ents is costly)."""
    return {t.i: ent for ent in doc.ents if ent.label_ in ("DATE", "TIME") for t in ent}


def find_date(
    trigger: Token, published: str | None, dates: dict[int, Span] | None = None
) -> EventDate | None:
    """The date of the event at `trigger`: a DATE expression or a vague time word near it.

    Looks in the trigger's own dependents first, then in those of the verbs above it (at most
    MAX_CLIMB), so "In November 2021, X said Y were gathering" dates the gathering.

    Args:
        trigger: the event's word.
        published: the article's publication date, YYYY-MM-DD, or None.
        dates: `date_index(doc)`, when the caller dates many events of one Doc.
    """
    if dates is None:
        dates = date_index(trigger.doc)
    node: Token | None = trigger
    for _ in range(MAX_CLIMB + 1):
        if node is None:
            break
        found = _date_among(node, dates, include_subtree=node is trigger)
        if found is not None:
            return _to_event_date(found, published)
        node = node.head if node.head.i != node.i else None
    return None


def _date_among(node: Token, dates: dict[int, Span], include_subtree: bool) -> Span | Token | None:
    candidates = list(node.subtree) if include_subtree else [node, *node.children]
    for child in list(node.children) if not include_subtree else []:
        if child.dep_ == "prep":
            candidates.extend(child.children)
    for tok in candidates:
        if tok.i in dates:
            return dates[tok.i]
        if tok.lower_ in VAGUE_TIME and tok.pos_ in ("ADV", "NOUN"):
            return tok
    return None


def _to_event_date(found: Span | Token, published: str | None) -> EventDate:
    text = found.text
    if isinstance(found, Token) or found.text.lower() in VAGUE_TIME:
        value = normalize(text, published) if text.lower() in ("yesterday", "today") else None
        return EventDate(text=text, value=value)
    if WEEKDAY.search(text) and not published:
        return EventDate(text=text, value=None)
    return EventDate(text=text, value=normalize(text, published))
