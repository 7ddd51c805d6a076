"""Event dates: the date expression nearest an event in the parse, normalized against publication.

"on Tuesday", "August 15", "November 2021", "last week" are resolved with dateparser relative to
the article's publication date (`DocContext.published`); what cannot be resolved keeps its text
with a null value ("recently", or "Tuesday" when the publication date is unknown).

An event whose text gives no date expression takes the article's time frame (`frame_date`): the
dateline's full date, else the published date, marked by `source` ("dateline", "published") so an
inferred date is never shown as read.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from reportedly.model import DocContext, EventDate
from reportedly.nlp.doctext import children, doc_ents

# Adverbs that date an event without a value: kept as text so a reader sees the hedge.
VAGUE_TIME = frozenset({"recently", "lately", "yesterday", "today", "tonight", "earlier", "previously"})
# Ancestors climbed from a trigger when looking for its date: the clause, and the reporting verb
# whose date ("In November 2021, X said that ...") is the best the article gives.
MAX_CLIMB = 8
# Dependency labels of clauses with their own verb and time: a date inside one dates that verb.
OTHER_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp"})
YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
WEEKDAY = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
MONTH = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b",
    re.IGNORECASE,
)
# Hedges around a period that dateparser does not read: "earlier this month" is this month.
HEDGE = re.compile(r"^(earlier|later|early|late|mid)[\s-]+", re.IGNORECASE)
# What makes a DATE or TIME expression a calendar date: "the 12th minute", "two hours" are not.
CALENDAR = re.compile(
    r"\d{4}|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|day\b|\b(week|weekend|month|year"
    r"|yesterday|today|tonight|tomorrow|ago|decade|century|morning|afternoon|evening|night)s?\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def _parser(published: str | None) -> Any:
    """dateparser's English parser for one publication date, built once (construction is costly)."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(published)
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def normalize(text: str, published: str | None, year: str | None = None) -> str | None:
    """The ISO value ("YYYY", "YYYY-MM" or "YYYY-MM-DD") of a date expression, or None.

    Args:
        text: the expression ("on Tuesday", "August 15", "November 2021", "last week").
        published: the article's publication date, YYYY-MM-DD, or None.
        year: when there is no publication date, the article's one explicit year (`context_year`):
            a month and day without a year ("August 15") is read in it.

    Returns:
        the value at the precision the text gives, or None when it cannot be resolved (a weekday or
        a day without a year and no publication date or context year).
    """
    clean = re.sub(r"^(on|in|at|since|by|from|during)\s+", "", text.strip(), flags=re.IGNORECASE)
    clean = HEDGE.sub("", clean)
    has_year = bool(YEAR.search(clean))
    published = published or None
    if published is None and not has_year and year and MONTH.search(clean) and not WEEKDAY.search(clean):
        clean, has_year = f"{clean} {year}", True
    if published is None and not has_year:
        return None
    data = _parser(published).get_date_data(clean)
    if data is None or data.date_obj is None:
        return None
    when = data.date_obj
    if published and not has_year:
        when = _in_the_past(clean, when, dt.date.fromisoformat(published))
    period = data.period or "day"
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    return f"{when.year:04d}-{when.month:02d}-{when.day:02d}"


def _in_the_past(text: str, when: dt.datetime, published: dt.date) -> dt.datetime:
    """News dates look back: "August 15" in a March story is last August, and "on Tuesday" in a story
    published on a Tuesday is that day (dateparser takes the Tuesday before). "next week" stays ahead."""
    weekday = WEEKDAY.search(text)
    if weekday and published.strftime("%A").lower().startswith(weekday.group(1).lower()):
        return dt.datetime.combine(published, dt.time())
    if MONTH.search(text) and when.date() > published:
        return when.replace(year=when.year - 1)
    return when


def date_index(doc: Doc) -> dict[int, Span]:
    """Token index -> the DATE or TIME entity holding it; build once per Doc (Doc.ents is costly)."""
    return {t.i: ent for ent in doc_ents(doc) if ent.label_ in ("DATE", "TIME") for t in ent}


def context_year(dates: dict[int, Span]) -> str | None:
    """The article's one explicit year ("In November 2021"), or None when it names none or several."""
    years = {m for ent in {id(e): e for e in dates.values()}.values() for m in YEAR.findall(ent.text)}
    return years.pop() if len(years) == 1 else None


def find_date(
    trigger: Token, published: str | None, dates: dict[int, Span] | None = None, year: str | None = None
) -> EventDate | None:
    """The date of the event at `trigger`: a DATE expression or a vague time word near it.

    Looks in the trigger's own dependents first, then in those of the verbs above it (at most
    MAX_CLIMB), so "In November 2021, X said Y were gathering" dates the gathering.

    Args:
        trigger: the event's word.
        published: the article's publication date, YYYY-MM-DD, or None.
        dates: `date_index(doc)`, when the caller dates many events of one Doc.
        year: `context_year(dates)` when there is no publication date.
    """
    if dates is None:
        dates = date_index(trigger.doc)
    node: Token | None = trigger
    for _ in range(MAX_CLIMB + 1):
        if node is None:
            break
        found = _date_among(node, dates, include_subtree=node is trigger)
        if found is not None:
            return _to_event_date(found, published, year)
        if _before_its_head(node):
            break
        node = node.head if node.head.i != node.i else None
    return None


def _before_its_head(node: Token) -> bool:
    """Whether the date of the words above `node` says nothing of its time: a past perfect ("denied
    on Wednesday that X had met Y": the meeting came before the denial) or the content of a noun
    ("reports that X met Y": the reports' date is not the meeting's; "members gathering" climbs)."""
    if any(c.dep_ == "aux" and c.lower_ == "had" for c in children(node)):
        return True
    content_clause = any(c.dep_ == "mark" for c in children(node))
    return content_clause and node.head.i != node.i and node.head.pos_ in ("NOUN", "PROPN")


def _date_among(node: Token, dates: dict[int, Span], include_subtree: bool) -> Span | Token | None:
    if include_subtree:
        # only a date or a vague time word can be the answer: the clause climb is for those alone
        candidates = [t for t in node.subtree if (t.i in dates or t.lower_ in VAGUE_TIME)
                      and not _in_other_clause(t, node)]
    else:
        candidates = [node, *children(node)]
    for child in list(children(node)) if not include_subtree else []:
        if child.dep_ == "prep":
            candidates.extend(children(child))
    for tok in candidates:
        if tok.i in dates and CALENDAR.search(dates[tok.i].text):
            return dates[tok.i]
        if tok.lower_ in VAGUE_TIME and tok.pos_ in ("ADV", "NOUN"):
            return tok
    return None


def _in_other_clause(token: Token, trigger: Token) -> bool:
    """Whether `token` sits in a clause of its own under the trigger ("completing a withdrawal demanded
    by the junta that seized power in July": July dates the seizure, not the withdrawal)."""
    node = token
    while node.i != trigger.i and node.head.i != node.i:
        if node.dep_ in OTHER_CLAUSES:
            return True
        node = node.head
    return False


def frame_date(ctx: DocContext, year: str | None = None) -> EventDate | None:
    """The article's time frame as an event date: the dateline's date when it has a year, or when the
    article names exactly one year (`year`, from `context_year`: "April 1" + "in 2025" -> 2025-04-01;
    source "dateline"), else the published date (source "published"), else None.

    Args:
        ctx: the article's published date and dateline.
        year: the one year the article names, for a dateline date without one ("--04-01").

    Returns:
        an EventDate whose `text` is the date as given (the article body does not hold it).
    """
    dateline = ctx.dateline.date if ctx.dateline else None
    if dateline and not dateline.startswith("-"):
        return EventDate(text=dateline, value=dateline, source="dateline")
    if dateline and year and not ctx.published:
        return EventDate(text=dateline, value=year + dateline[1:], source="dateline")
    if ctx.published:
        return EventDate(text=ctx.published, value=ctx.published, source="published")
    return None


def _to_event_date(found: Span | Token, published: str | None, year: str | None = None) -> EventDate:
    text = found.text
    if isinstance(found, Token) or found.text.lower() in VAGUE_TIME:
        value = normalize(text, published) if text.lower() in ("yesterday", "today") else None
        return EventDate(text=text, value=value)
    if WEEKDAY.search(text) and not published:
        return EventDate(text=text, value=None)
    return EventDate(text=text, value=normalize(text, published, None if published else year))
