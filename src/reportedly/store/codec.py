"""Articles to and from the contract's JSON shape: what is stored reads back unchanged.

`article_from_dict` is the inverse of `model.article_to_dict`; a hypothesis test checks the
round trip, and the JSONL export and the database both rely on it.
"""

from __future__ import annotations

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
    Removed,
    Role,
    SourceRef,
    Span,
    Speaker,
)


def _span(d: dict[str, Any]) -> Span:
    return Span(start=d["start"], end=d["end"], text=d["text"])


def _opt(d: dict[str, Any] | None, build: Any) -> Any:
    return None if d is None else build(d)


def entity_from_dict(d: dict[str, Any]) -> Entity:
    """An Entity from its contract dict."""
    return Entity(
        id=d["id"],
        name=d["name"],
        type=d["type"],
        kb_id=d.get("kb_id"),
        aliases=tuple(d.get("aliases", ())),
        roles=tuple(Role(text=r["text"], start=r["start"], end=r["end"]) for r in d.get("roles", ())),
        affiliations=tuple(
            Affiliation(name=a["name"], entity=a.get("entity"), start=a.get("start"), end=a.get("end"))
            for a in d.get("affiliations", ())
        ),
        mentions=tuple(_span(m) for m in d.get("mentions", ())),
        kind=d.get("kind"),
        country=d.get("country"),
        geonameid=d.get("geonameid"),
    )


def attribution_from_dict(d: dict[str, Any]) -> Attribution:
    """An Attribution from its contract dict."""
    s = d["speaker"]
    return Attribution(
        id=d["id"],
        speaker=Speaker(
            entity=s.get("entity"),
            text=s["text"],
            kind=s["kind"],
            start=s.get("start"),
            end=s.get("end"),
            affiliation=s.get("affiliation"),
        ),
        cue=_span(d["cue"]),
        content=_span(d["content"]),
        direct=bool(d["direct"]),
        via=tuple(Relay(entity=v.get("entity"), text=v["text"]) for v in d.get("via", ())),
        stance=d["stance"],
        extractor=d.get("extractor", ""),
    )


def event_from_dict(d: dict[str, Any]) -> Event:
    """An Event from its contract dict."""
    return Event(
        id=d["id"],
        type=d["type"],
        mode=d.get("mode"),
        cameo=d.get("cameo"),
        actors=tuple(d.get("actors", ())),
        recipients=tuple(d.get("recipients", ())),
        host=d.get("host"),
        mediator=d.get("mediator"),
        location=_opt(
            d.get("location"),
            lambda x: Location(
                text=x["text"], name=x.get("name"), country=x.get("country"), geonameid=x.get("geonameid")
            ),
        ),
        date=_opt(d.get("date"), lambda x: EventDate(text=x["text"], value=x.get("value"))),
        status=d["status"],
        evidence=tuple(_span(e) for e in d.get("evidence", ())),
        sources=tuple(
            EventSource(attribution=s.get("attribution"), stance=s["stance"]) for s in d.get("sources", ())
        ),
        trigger=_opt(d.get("trigger"), _span),
        extractor=d.get("extractor", ""),
    )


def article_from_dict(d: dict[str, Any]) -> Article:
    """An Article from the contract's article object (as `analyze --format jsonl` prints it).

    Args:
        d: the decoded JSON object.

    Returns:
        the Article; `to_dict` of it gives `d` back.

    Raises:
        KeyError: a required field is missing.
    """
    src = d["source"]
    return Article(
        id=d["id"],
        source=SourceRef(path=src.get("path"), url=src.get("url"), format=src["format"]),
        title=d.get("title"),
        published=d.get("published"),
        language=d.get("language"),
        dateline=_opt(
            d.get("dateline"),
            lambda x: Dateline(
                text=x["text"],
                place=x.get("place"),
                country=x.get("country"),
                agency=x.get("agency"),
                date=x.get("date"),
            ),
        ),
        text=d["text"],
        removed=tuple(Removed(text=r["text"], reason=r["reason"]) for r in d.get("removed", ())),
        duplicate_of=d.get("duplicate_of"),
        entities=tuple(entity_from_dict(e) for e in d.get("entities", ())),
        attributions=tuple(attribution_from_dict(a) for a in d.get("attributions", ())),
        events=tuple(event_from_dict(e) for e in d.get("events", ())),
        author=d.get("author"),
        skipped=d.get("skipped"),
        extra=dict(d.get("extra", {})),
    )
