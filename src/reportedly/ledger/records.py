"""The records the ledger API returns: frozen dataclasses of plain values.

`reportedly.model.to_dict` turns any of them into JSON; `Claim` in that form is the contract's
claims object (../shared/CONTRACT.md), with a few added fields (`history`, `contradictions`,
`copies` on sources, `first_published`, `last_published`).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportedly.model import EventDate, Location


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A ledger entity as an event refers to it."""

    id: str
    name: str
    cameo: str | None = None  # its CAMEO actor code (RUSGOV, AFGREB, a bare country RUS), when known


@dataclass(frozen=True, slots=True)
class ClaimSpeaker:
    """Who took the stance: a name and a kind (person, organization, media, anonymous, unattributed)."""

    name: str
    kind: str
    entity: str | None = None  # ledger entity id, when the speaker is a known entity


@dataclass(frozen=True, slots=True)
class ClaimSource:
    """One source's stance on an event, in one article (its syndicated copies listed, counted once)."""

    speaker: ClaimSpeaker
    via: tuple[str, ...]  # relays, nearest to the speaker first, the publishing agency last
    stance: str
    article: str
    published: str | None
    copies: tuple[str, ...] = ()  # ids of syndicated copies of `article` carrying the same source
    participant: bool = False  # the speaker (or its organization) took part in the event
    content: str | None = None  # what the source said, as the article quotes or paraphrases it
    own_voice: bool = False  # the article's own voice (the speaker is its publisher), not an attribution
    origin: str = ""  # the independent origin the report traces back to (docs/ledger.md, "Origins")


@dataclass(frozen=True, slots=True)
class SideCount:
    """How many independent origins and how many reports take one side on an event.

    side: `for` (assert, confirm), `against` (deny) or `neither` (non-committal, question).
    reports: the sources on that side, each syndicated copy counted too (what outlets printed).
    """

    side: str
    origins: int
    reports: int


@dataclass(frozen=True, slots=True)
class MentionRef:
    """An article event merged into a ledger event."""

    article: str
    event: str


@dataclass(frozen=True, slots=True)
class StatusChange:
    """The ledger status from `day` on (None: sources without a publication date)."""

    day: str | None
    status: str


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two sources whose latest stances contradict each other."""

    supports: ClaimSpeaker
    denies: ClaimSpeaker


@dataclass(frozen=True, slots=True)
class Claim:
    """One real-world event with every source's stance: the contract's claims object."""

    id: str
    type: str
    mode: str | None
    cameo: str | None
    actors: tuple[EntityRef, ...]
    recipients: tuple[EntityRef, ...]
    host: EntityRef | None
    mediator: EntityRef | None
    location: Location | None
    date: EventDate | None
    status: str
    mentions: tuple[MentionRef, ...]
    sources: tuple[ClaimSource, ...]
    history: tuple[StatusChange, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    first_published: str | None = None
    last_published: str | None = None
    summary: str = ""  # a readable line: "CONSULT: Ahmad Massoud, Abdul Ghani Baradar in Moscow"
    # per side, the independent origins and the reports: "for: 2 origins, 7 reports"
    origins: tuple[SideCount, ...] = ()

    @property
    def n_origins(self) -> int:
        """Independent origins behind the event, whatever side they take."""
        return len({s.origin for s in self.sources})


@dataclass(frozen=True, slots=True)
class EventSummary:
    """A ledger event in one line (what `reportedly events` lists)."""

    id: str
    type: str
    status: str
    summary: str
    date: str | None
    articles: int
    sources: int
    first_published: str | None
    last_published: str | None
    contradicted: bool


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One source's statement on an event, in publication order, with the status after it."""

    day: str | None
    article: str
    title: str | None
    speaker: ClaimSpeaker
    stance: str
    via: tuple[str, ...]
    status_after: str


@dataclass(frozen=True, slots=True)
class DatedRole:
    """A role an entity was given in an article, dated by the article's publication."""

    text: str
    article: str
    published: str | None


@dataclass(frozen=True, slots=True)
class LedgerEntity:
    """One person, organization or place across every article."""

    id: str
    name: str
    type: str
    kb_id: str | None
    kind: str | None
    country: str | None
    aliases: tuple[str, ...]
    roles: tuple[DatedRole, ...]
    affiliations: tuple[str, ...]
    articles: int
    mentions: int = 0  # times named, over all its articles
    events: int = 0  # ledger events it takes part in (any role)
    cameo: str | None = None  # CAMEO actor code: RUSGOV, AFGREB, a bare country RUS (migration 9)
    sector: str | None = None  # its primary CAMEO sector: GOV, REB, MIL ...
    # how the code was read (`model.Entity.cameo_source`) and whether its country is an article's frame
    # (migration 14; None and False for codes stored before)
    cameo_source: str | None = None
    cameo_inferred: bool = False


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article matching a full-text search, with a snippet around the match."""

    article: str
    title: str | None
    published: str | None
    snippet: str
    rank: float


@dataclass(frozen=True, slots=True)
class StoredFailure:
    """An input that could not be ingested, with the reason, kept for `ingest --retry-failed`."""

    path: str
    error: str
    attempts: int
    last_seen: str


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest run did."""

    stored: int = 0
    already_stored: int = 0
    failed: int = 0
    skipped_failed: int = 0  # inputs that failed before and were not retried (see --retry-failed)
    events: int = 0  # ledger events in the database afterwards
