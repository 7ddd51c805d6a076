"""A small builder of hand-made Article records for ledger tests (no pipeline needed).

Every span the builder records is appended to the article text, so offsets hold:
`text[span.start:span.end] == span.text`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from reportedly.model import (
    Affiliation,
    Article,
    Attribution,
    Dateline,
    Entity,
    Event,
    EventDate,
    EventSource,
    Location,
    Relay,
    Role,
    SourceRef,
    Span,
    Speaker,
)

GEONAMES = {
    "Moscow": (524901, "RUS"),
    "Tehran": (112931, "IRN"),
    "Kabul": (1138958, "AFG"),
    "Oslo": (3143244, "NOR"),
    "Doha": (290030, "QAT"),
}


@dataclass
class ArticleBuilder:
    """Build an Article piece by piece: entities, attributions (stances), events."""

    id: str
    published: str | None = None
    agency: str | None = "ANI"
    duplicate_of: str | None = None
    title: str | None = None
    text: str = ""
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    _names: dict[str, str] = field(default_factory=dict)

    def span(self, piece: str) -> Span:
        start = len(self.text)
        self.text += piece + " "
        return Span(start=start, end=start + len(piece), text=piece)

    def entity(
        self,
        name: str,
        type: str = "PERSON",
        kb_id: str | None = None,  # noqa: A002
        aliases: tuple[str, ...] = (),
        roles: tuple[str, ...] = (),
        member_of: tuple[str, ...] = (),
        kind: str | None = None,
    ) -> str:
        """Add an entity; `member_of` names entities added before (its affiliations). Returns its id."""
        eid = f"e{len(self.entities) + 1}"
        mention = self.span(name)
        role_spans = tuple(Role(text=s.text, start=s.start, end=s.end) for s in map(self.span, roles))
        affs = tuple(Affiliation(name=n, entity=self._names[n], start=None, end=None) for n in member_of)
        self.entities.append(
            Entity(
                id=eid,
                name=name,
                type=type,
                kb_id=kb_id,
                aliases=(name, *aliases),
                roles=role_spans,
                affiliations=affs,
                mentions=(mention,),
                kind=kind,
            )
        )
        self._names[name] = eid
        return eid

    def says(
        self,
        speaker: str,
        stance: str,
        kind: str = "person",
        via: tuple[str, ...] = (),
        content: str = "the meeting took place",
        affiliation: str | None = None,
    ) -> str:
        """Add an attribution by a named entity (added before) or an unnamed speaker text."""
        aid = f"q{len(self.attributions) + 1}"
        who = self.span(speaker)
        relays = (
            *(Relay(entity=self._names.get(v), text=v) for v in via),
            *((Relay(entity=None, text=self.agency),) if self.agency else ()),
        )
        self.attributions.append(
            Attribution(
                id=aid,
                speaker=Speaker(
                    entity=self._names.get(speaker),
                    text=speaker,
                    kind=kind,
                    start=who.start,
                    end=who.end,
                    affiliation=self._names.get(affiliation or ""),
                ),
                cue=self.span("said"),
                content=self.span(content),
                direct=False,
                via=relays,
                stance=stance,
            )
        )
        return aid

    def event(
        self,
        type: str,
        actors: tuple[str, ...] = (),
        recipients: tuple[str, ...] = (),  # noqa: A002
        mediator: str | None = None,
        place: str | None = None,
        date: str | None = None,
        status: str = "reported",
        sources: tuple[tuple[str | None, str], ...] = ((None, "assert"),),
        trigger: str = "met",
        evidence: str | None = None,
    ) -> str:
        """Add an event; actors and places by name; sources as (attribution id or None, stance)."""
        evid = f"v{len(self.events) + 1}"
        location = None
        if place:
            geonameid, country = GEONAMES.get(place, (None, None))
            location = Location(text=place, name=place, country=country, geonameid=geonameid)
        trig = self.span(trigger)
        ev = self.span(evidence or f"{' and '.join(actors)} {trigger} in {place or 'somewhere'}")
        self.events.append(
            Event(
                id=evid,
                type=type,
                mode=None,
                cameo=None,
                actors=tuple(self._names[a] for a in actors),
                recipients=tuple(self._names[r] for r in recipients),
                host=None,
                mediator=self._names[mediator] if mediator else None,
                location=location,
                date=EventDate(text=date, value=date) if date else None,
                status=status,
                evidence=(ev,),
                sources=tuple(EventSource(attribution=a, stance=s) for a, s in sources),
                trigger=trig,
            )
        )
        return evid

    def build(self) -> Article:
        dateline = (
            Dateline(text=f"Kabul ({self.agency}):", place="Kabul", country="Afghanistan", agency=self.agency)
            if self.agency
            else None
        )
        return Article(
            id=self.id,
            source=SourceRef(path=f"{self.id}.txt", url=None, format="text"),
            title=self.title or f"Story {self.id}",
            published=self.published,
            language="en",
            dateline=dateline,
            text=self.text,
            removed=(),
            duplicate_of=self.duplicate_of,
            entities=tuple(self.entities),
            attributions=tuple(self.attributions),
            events=tuple(self.events),
        )


def moscow_meeting(
    aid: str,
    published: str | None,
    speaker: str,
    kind: str,
    stance: str,
    member_of: str | None = None,
    duplicate_of: str | None = None,
) -> Article:
    """An article reporting the Massoud-Baradar meeting in Moscow through one speaker's stance."""
    b = ArticleBuilder(aid, published=published, duplicate_of=duplicate_of)
    b.entity("Taliban", "ORG", kb_id="rp:taliban", aliases=("Islamic Emirate",), kind="armed_group")
    b.entity("National Resistance Front", "ORG", kb_id="rp:nrf", aliases=("NRF",), kind="armed_group")
    b.entity("Russia", "GPE", kb_id="cty:RUS", kind="government")
    b.entity(
        "Ahmad Massoud",
        kb_id="rp:ahmad-massoud",
        member_of=("National Resistance Front",),
        roles=("leader of the Resistance Front",),
    )
    b.entity("Abdul Ghani Baradar", kb_id="rp:baradar", member_of=("Taliban",), aliases=("Mullah Baradar",))
    if kind in ("person", "organization") and speaker not in b._names:
        b.entity(
            speaker, "PERSON" if kind == "person" else "ORG", member_of=(member_of,) if member_of else ()
        )
    q = b.says(speaker, stance, kind=kind, via=("Tolo News",), affiliation=member_of)
    b.event(
        "CONSULT",
        actors=("Ahmad Massoud", "Abdul Ghani Baradar"),
        mediator="Russia",
        place="Moscow",
        sources=((q, stance),),
        status="denied" if stance == "deny" else "reported",
        evidence="Ahmad Massoud met Mullah Abdul Ghani Baradar in Moscow",
    )
    return b.build()


def recount_entities(conn: Any) -> dict[str, tuple[int, int, int]]:
    """Ledger entity id -> (articles, mentions, events) counted afresh from the stored rows.

    Articles and mentions come from the stored article JSON (the writer's input as stored), events
    from the participants table: independent of the counts the writer and migration 5 keep.
    """
    links = {
        (r[0], r[1]): r[2]
        for r in conn.execute("SELECT article_id, local_id, entity_id FROM article_entities")
    }
    articles: dict[str, set[str]] = {}
    mentions: dict[str, int] = {}
    for article_id, data in conn.execute("SELECT id, data FROM articles"):
        for ent in json.loads(data)["entities"]:
            ledger_id = links[(article_id, ent["id"])]
            articles.setdefault(ledger_id, set()).add(article_id)
            mentions[ledger_id] = mentions.get(ledger_id, 0) + len(ent["mentions"])
    events = dict(
        conn.execute("SELECT entity_id, count(DISTINCT event_id) FROM event_participants GROUP BY entity_id")
    )
    return {
        eid: (len(articles.get(eid, ())), mentions.get(eid, 0), events.get(eid, 0))
        for (eid,) in conn.execute("SELECT id FROM entities")
    }


def stored_counts(conn: Any) -> dict[str, tuple[int, int, int]]:
    """Ledger entity id -> (articles, mentions, events) as the writer keeps them (migration 5)."""
    return {
        r[0]: (r[1], r[2], r[3])
        for r in conn.execute("SELECT id, n_articles, n_mentions, n_events FROM entities")
    }


def name_documents(conn: Any) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(entity id -> the names in its trigram document, entity id -> its distinct aliases), sorted."""
    docs = {
        r[0]: sorted(r[1].split("\n"))
        for r in conn.execute(
            "SELECT e.id, n.names FROM entities e JOIN entity_names n ON n.rowid = e.name_doc"
        )
    }
    aliases: dict[str, list[str]] = {}
    for entity_id, alias in conn.execute(
        "SELECT DISTINCT entity_id, alias FROM entity_aliases ORDER BY 1, 2"
    ):
        aliases.setdefault(entity_id, []).append(alias)
    return docs, aliases
