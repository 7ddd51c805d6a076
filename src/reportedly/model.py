"""Every record type reportedly produces: the data contract (../shared/CONTRACT.md).

Records are frozen dataclasses holding plain values (strings, numbers, offsets), never spaCy
objects, so they pickle across processes and serialize without surprises. `to_dict` turns any
record into the JSON shape the contract promises.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
from dataclasses import dataclass, field
from typing import Any


class Stance(str, enum.Enum):
    """How a source stands towards the content it is credited with."""

    ASSERT = "assert"
    DENY = "deny"
    CONFIRM = "confirm"
    NON_COMMITTAL = "non_committal"
    QUESTION = "question"


class AttributionKind(str, enum.Enum):
    """What an attribution credits: something said, a belief held, what evidence found, or a decision."""

    STATEMENT = "statement"  # said, told, announced, denied, wrote, posted
    BELIEF = "belief"  # believes, thinks, fears, expects
    FINDING = "finding"  # a study, poll, report or investigation found or showed
    DECISION = "decision"  # declined to review, ordered officials to, refused to: an act, not words


class Status(str, enum.Enum):
    """Epistemic status of an event: what the article (or the ledger) really knows of it."""

    ASSERTED = "asserted"
    REPORTED = "reported"
    OFFERED = "offered"
    HYPOTHETICAL = "hypothetical"
    NEGATED = "negated"
    UNCONFIRMED = "unconfirmed"
    DENIED = "denied"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"


class SpeakerKind(str, enum.Enum):
    PERSON = "person"
    ORGANIZATION = "organization"
    MEDIA = "media"
    ANONYMOUS = "anonymous"
    UNATTRIBUTED = "unattributed"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article's `text`: `text[start:end] == self.text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where an article came from: a file path (or '-' for stdin), a URL, and the reader used."""

    path: str | None
    url: str | None
    format: str  # the reader's format (text, html, feed, warc, jsonl, or a plug-in reader's)


@dataclass(frozen=True, slots=True)
class RawArticle:
    """What a reader yields: the article text before cleaning, with the metadata the input carried."""

    source: SourceRef
    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    # True when `text` is exactly the input's bytes decoded (plain text, JSONL): --no-clean keeps it.
    verbatim: bool = False


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read or analyzed, with the reason: never dropped silently."""

    source: SourceRef
    error: str


@dataclass(frozen=True, slots=True)
class Removed:
    """A line cleaning took out of the body, and why."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """The wire dateline that opened the story: "Kabul [Afghanistan], (ANI):"."""

    text: str
    place: str | None
    country: str | None
    agency: str | None
    date: str | None = None  # "YYYY-MM-DD", "--MM-DD" when the year is unknown, or None


@dataclass(frozen=True, slots=True)
class Role:
    """A role or title given to an entity in the text, with its evidence span."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Affiliation:
    """An organization or country an entity belongs to or speaks for."""

    name: str
    entity: str | None  # entity id within the article, when the affiliation is itself an entity
    start: int | None
    end: int | None


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity in one article, all its mentions merged."""

    id: str
    name: str
    type: str
    kb_id: str | None
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    affiliations: tuple[Affiliation, ...]
    mentions: tuple[Span, ...]
    # person | organization | government | media | armed_group | international_organization | place; a
    # country is "government" when the text makes it act ("Moscow is ready", "Russian officials"),
    # else "place"
    kind: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3 of the entity's country, when known
    geonameid: int | None = None  # places and countries
    # CAMEO actor code: country ISO-3 + agent codes ("RUSGOV", "AFGREB", "IGOUNO"), or a bare country
    # ("RUS"), from the gazetteer and the Phoenix agents dictionary (extract/entities/codes.py)
    cameo: str | None = None
    sector: str | None = None  # the code's primary CAMEO sector: GOV, MIL, REB, COP, UAF, MED ...
    # How `cameo` was read (extract/entities/codes.py): gazetteer | name | role | party | wordnet |
    # affiliation | country; None when uncoded
    cameo_source: str | None = None
    # Whether the code's country is the article's frame (its dateline's or dominant country), not read
    # about the entity itself
    cameo_inferred: bool = False


@dataclass(frozen=True, slots=True)
class Speaker:
    entity: str | None
    text: str
    kind: str
    start: int | None
    end: int | None
    affiliation: str | None = None  # entity id the (anonymous) speaker is tied to: "a source close to NRF"
    # The earlier mention a pronoun, title or floating quote's speaker stands for ("Lonechild" for "she").
    antecedent: Span | None = None


@dataclass(frozen=True, slots=True)
class Relay:
    """One hop a claim travelled through: "TASS" in "Kabulov told TASS"."""

    entity: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said what, through whom, with what stance."""

    id: str
    speaker: Speaker
    cue: Span
    content: Span
    direct: bool
    via: tuple[Relay, ...]
    stance: str
    extractor: str = ""
    kind: str = AttributionKind.STATEMENT.value  # an AttributionKind value (addition)


# Where an event's location or date was read: the article's text, or inferred from the dateline or
# the published date when the text names none (never silently: `source` says which).
ARGUMENT_SOURCES = ("text", "dateline", "published")


@dataclass(frozen=True, slots=True)
class Location:
    text: str
    name: str | None
    country: str | None
    geonameid: int | None
    source: str = "text"  # text | dateline (the dateline's place, when the text names no place)


@dataclass(frozen=True, slots=True)
class EventDate:
    text: str
    value: str | None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"; None when it cannot be resolved
    source: str = "text"  # text | dateline | published (the article's date, when the text names none)


@dataclass(frozen=True, slots=True)
class EventSource:
    attribution: str | None  # attribution id, None for the article's own voice
    stance: str


@dataclass(frozen=True, slots=True)
class Event:
    """One event in one article, coded in PLOVER (with CAMEO), with its epistemic status."""

    id: str
    type: str
    mode: str | None
    cameo: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    host: str | None
    mediator: str | None
    location: Location | None
    date: EventDate | None
    status: str
    evidence: tuple[Span, ...]
    sources: tuple[EventSource, ...]
    trigger: Span | None = None
    extractor: str = ""
    # the act a governing verb is about ("threatened [to strike Turkish positions]", "refused [to send
    # troops]"): the event is the threat or the refusal, this its content, which did not happen
    content: Span | None = None


@dataclass(frozen=True, slots=True)
class LeadPart:
    """One answer of an article's lead (5W1H): the phrase, its offsets into the text (null when the
    answer comes from outside the body: the dateline or the published date, see `source`), and what it
    was resolved to: `entity` (who), `event` (what), `value` (when: "YYYY[-MM[-DD]]"), `name`,
    `country` and `geonameid` (where)."""

    text: str
    start: int | None
    end: int | None
    source: str = "text"  # text | dateline | published
    entity: str | None = None
    event: str | None = None
    value: str | None = None
    name: str | None = None
    country: str | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Lead:
    """The article's 5W1H, read from its lead sentences: each answer or None."""

    who: LeadPart | None = None
    what: LeadPart | None = None
    when: LeadPart | None = None
    where: LeadPart | None = None
    why: LeadPart | None = None
    how: LeadPart | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """The analysis of one article: the contract's article object."""

    id: str
    source: SourceRef
    title: str | None
    published: str | None
    language: str | None
    dateline: Dateline | None
    text: str
    removed: tuple[Removed, ...]
    duplicate_of: str | None
    entities: tuple[Entity, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    events: tuple[Event, ...] = ()
    author: str | None = None
    lead: Lead | None = None  # the article's 5W1H (who did what, when, where, why, how)
    # Why later stages did not run on this article (non-English, empty body), or None.
    skipped: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


_PLAIN = frozenset({str, int, float, bool})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names, looked up once per class (`to_dict` runs per field of a page)."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def to_dict(record: Any) -> Any:
    """Turn a record (or a list or tuple of them) into plain JSON-ready values.

    Args:
        record: a dataclass from this module, an Enum, or a container of them.

    Returns:
        dicts, lists, strings and numbers only.
    """
    kind: type = type(record)
    if record is None or kind in _PLAIN:
        return record
    names = _field_names(kind)
    if names is not None:
        return {name: to_dict(getattr(record, name)) for name in names}
    if isinstance(record, enum.Enum):
        return record.value
    if isinstance(record, (list, tuple)):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {str(k): to_dict(v) for k, v in record.items()}
    return record


def article_to_dict(article: Article) -> dict[str, Any]:
    """The contract's JSON object for one article (provenance fields like `extractor` kept)."""
    out: dict[str, Any] = to_dict(article)
    if not out["extra"]:
        del out["extra"]
    return out


def failure_to_dict(failure: Failure) -> dict[str, Any]:
    """A failed input as it appears in jsonl output: `{"source": ..., "error": ...}`."""
    return {"source": to_dict(failure.source), "error": failure.error}


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """What the cleaning stage hands the analysis: the body every offset will index into."""

    id: str
    source: SourceRef
    title: str | None
    published: str | None
    language: str
    dateline: Dateline | None
    text: str
    removed: tuple[Removed, ...]
    author: str | None = None


@dataclass(frozen=True, slots=True)
class DocContext:
    """What the extractors may know of an article besides its Doc."""

    article_id: str
    published: str | None = None
    dateline: Dateline | None = None
    title: str | None = None
