"""From article events to ledger events: the stored mention of each article event, and the
claim object built over all mentions merged into one event.

Entities appear as ledger entity ids here; names are filled in when the ledger is read, so a
name that improves later (a fuller name seen in a later article) shows everywhere.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from reportedly.extract.events.arguments import is_country  # a whole country holds every place in it
from reportedly.extract.names import ascii_fold, same_person
from reportedly.extract.places import is_country_entry
from reportedly.merge.entities import country_faces
from reportedly.merge.events import EventMention, context_words, trigger_stem
from reportedly.merge.status import (
    OWN_VOICE,
    STANCE_WEIGHT,
    StanceFact,
    compute_status,
    contradictions,
    status_history,
)
from reportedly.model import Article, Attribution, Event, Location, to_dict

# Hex digits of the SHA-256 in a ledger event id.
EVENT_ID_HEX_CHARS = 12


def event_id(mention_ids: frozenset[str]) -> str:
    """The ledger id of an event: from its smallest mention id, so it is stable as sources accrue."""
    return "ev_" + hashlib.sha256(min(mention_ids).encode("utf-8")).hexdigest()[:EVENT_ID_HEX_CHARS]


def _speaker(article: Article, attribution: Attribution | None, entity_map: dict[str, str]) -> dict[str, Any]:
    if attribution is None:
        agency = article.dateline.agency if article.dateline and article.dateline.agency else None
        name = agency or article.title or article.source.path or article.id
        return {
            "name": name,
            "kind": "media",
            "entity": None,
            "own_voice": True,
            "key": f"{OWN_VOICE}:{article.duplicate_of or article.id}",
            "affiliation": None,
        }
    s = attribution.speaker
    local = s.entity or speaker_entity(article, attribution)
    entity = entity_map.get(local) if local else None
    by_id = {e.id: e for e in article.entities}
    name = by_id[local].name if local in by_id else s.text
    kind = "person" if local in by_id and by_id[local].type == "PERSON" else s.kind
    # "the source" resolved to "a source close to the NRF" earlier in the article is that source
    said = s.antecedent.text if s.antecedent is not None else s.text
    key = entity or f"{s.kind}:{' '.join(ascii_fold(said).split())}"
    return {
        "name": name,
        "kind": kind,
        "entity": entity,
        "own_voice": False,
        "key": key,
        "affiliation": entity_map.get(s.affiliation) if s.affiliation else None,
    }


def speaker_entity(article: Article, attribution: Attribution) -> str | None:
    """The article entity an unlinked named speaker is, or None when there is no single one.

    The entity named last inside the speaker span is the head of a titled name ("Russia's special
    envoy for Afghanistan Zamir Kabulov" -> Zamir Kabulov); failing that, the one person whose name
    matches the speaker text ("Nazary" -> "Ali Maisam Nazary").
    """
    s = attribution.speaker
    if s.kind not in ("person", "organization") or s.affiliation is not None:
        return None  # "Egypt's foreign ministry" is tied to Egypt, not Egypt itself
    if s.start is not None and s.end is not None:
        inside = [
            (m.end, e.id)
            for e in article.entities
            for m in e.mentions
            if s.start <= m.start and m.end <= s.end
        ]
        if inside:
            return max(inside)[1]
    if s.kind == "person":
        named = [e.id for e in article.entities if e.type == "PERSON" and same_person(s.text, e.name)]
        return named[0] if len(named) == 1 else None
    return None


def _sources(article: Article, event: Event, entity_map: dict[str, str]) -> list[dict[str, Any]]:
    attributions = {a.id: a for a in article.attributions}
    out = []
    for src in event.sources:
        attribution = attributions.get(src.attribution) if src.attribution else None
        via = [r.text for r in attribution.via] if attribution else []
        out.append(
            {
                "speaker": _speaker(article, attribution, entity_map),
                "stance": src.stance,
                "via": via,
                "content": attribution.content.text if attribution else None,
            }
        )
    return out


def mention_payload(article: Article, event: Event, entity_map: dict[str, str]) -> dict[str, Any]:
    """What the ledger keeps of one article event (JSON-ready), entities as ledger ids.

    Args:
        article: the article holding the event.
        event: one of its events.
        entity_map: article entity id -> ledger entity id.

    Returns:
        the mention's features for merging and fields for the claim.
    """

    def ids(local: tuple[str, ...]) -> list[str]:
        return sorted({entity_map[x] for x in local if x in entity_map})

    loc = event.location
    evidence = " ".join(e.text for e in event.evidence)
    local_parts = {*event.actors, *event.recipients, *(x for x in (event.host, event.mediator) if x)}
    groups = sorted(
        {
            entity_map[a.entity]
            for e in article.entities
            if e.id in local_parts
            for a in e.affiliations
            if a.entity in entity_map
        }
        | {face for e in article.entities if e.id in local_parts for face in country_faces(e)}
    )
    return {
        "id": f"{article.id}/{event.id}",
        "article": article.id,
        "event": event.id,
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "status": event.status,
        "actors": ids(event.actors),
        "recipients": ids(event.recipients),
        "groups": groups,
        "host": entity_map.get(event.host) if event.host else None,
        "mediator": entity_map.get(event.mediator) if event.mediator else None,
        "location": to_dict(loc) if loc else None,
        "country_level": is_country_level(loc),
        "date": to_dict(event.date) if event.date else None,
        "published": article.published,
        "duplicate_of": article.duplicate_of,
        "trigger": event.trigger.text if event.trigger else None,
        "context": sorted(context_words(evidence)),
        "evidence": evidence,
        "sources": _sources(article, event, entity_map),
    }


def is_country_level(loc: Location | None) -> bool:
    """Whether an event's location is a whole country (or names no place), which holds every place in
    it: its name is one pycountry lists, or it resolved to its country's own gazetteer entry, as the
    events code reads a country (`is_country_entry`: "Russia", "Turkey", which pycountry names "Russian
    Federation" and "Türkiye")."""
    if loc is None:
        return False
    return loc.name is None or is_country(loc.name) or is_country_entry(loc.country, loc.geonameid)


def participants(payload: dict[str, Any]) -> frozenset[str]:
    """Ledger entity ids taking part in a mention's event: actors, recipients, host, mediator."""
    extra = [payload[k] for k in ("host", "mediator") if payload.get(k)]
    return frozenset([*payload["actors"], *payload["recipients"], *extra])


def to_event_mention(payload: dict[str, Any]) -> EventMention:
    """The merge features of a stored mention. A location or date inferred from the article's frame
    (`source` dateline or published) says where and when the article was filed, not the event: it
    neither blocks nor separates mentions."""
    loc = _read(payload.get("location"))
    place = None
    if loc:
        place = (
            f"g:{loc['geonameid']}"
            if loc.get("geonameid")
            else ("n:" + ascii_fold(loc.get("name") or loc["text"]))
        )
    date = _read(payload.get("date"))
    return EventMention(
        id=payload["id"],
        article=payload["article"],
        type=payload["type"],
        participants=participants(payload),
        place=place,
        country=loc.get("country") if loc else None,
        country_level=payload["country_level"],
        date=date.get("value") if date else None,
        date_text=date.get("text") if date else None,
        groups=frozenset(payload.get("groups", ())),
        published=payload.get("published"),
        trigger=trigger_stem(payload.get("trigger")),
        context=frozenset(payload.get("context", ())),
        duplicate_of=payload.get("duplicate_of"),
    )


def _read(argument: dict[str, Any] | None) -> dict[str, Any] | None:
    """A location or date read in the text (stored before `source` existed: read), else None."""
    return argument if argument and argument.get("source", "text") == "text" else None


def _most_common(values: list[Any]) -> Any:
    present = [v for v in values if v is not None]
    if not present:
        return None
    counts = Counter(present)
    return max(counts, key=lambda v: (counts[v], str(v)))


def _merged_sources(
    payloads: list[dict[str, Any]], parts: frozenset[str], affiliations: dict[str, frozenset[str]]
) -> list[dict[str, Any]]:
    """One source per speaker and original article, with the speaker's most explicit stance there
    (`STANCE_WEIGHT`): syndicated copies are listed, counted once."""
    side = set(parts)
    for p in parts:
        side |= affiliations.get(p, frozenset())
    groups: dict[tuple[str, str], list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for payload in sorted(payloads, key=lambda p: (p["published"] or "", p["article"], p["id"])):
        root = payload["duplicate_of"] or payload["article"]
        for src in payload["sources"]:
            groups.setdefault((src["speaker"]["key"], root), []).append((payload, src))
    speaking = {s["speaker"]["entity"] for p in payloads for s in p["sources"]} - {None}
    out = []
    for (_key, root), items in groups.items():
        strongest = max(STANCE_WEIGHT.get(s["stance"], 0) for _, s in items)
        items = [(p, s) for p, s in items if STANCE_WEIGHT.get(s["stance"], 0) == strongest]
        payload, src = next(((p, s) for p, s in items if p["article"] == root), items[0])
        spk = src["speaker"]
        mine = {spk["entity"], spk["affiliation"]} | set(affiliations.get(spk["entity"] or "", ()))
        copies = sorted({p["article"] for p, _ in items} - {payload["article"]})
        out.append(
            {
                "speaker": {"name": spk["name"], "kind": spk["kind"], "entity": spk["entity"]},
                "key": spk["key"],
                "own_voice": spk["own_voice"],
                "via": src["via"],
                "stance": src["stance"],
                "article": payload["article"],
                "published": payload["published"],
                "copies": copies,
                "participant": bool(side & (mine - {None})),
                "content": src["content"],
                "origin": origin_of(spk, src["via"], root, affiliations, speaking),
            }
        )
    return out


def origin_of(
    speaker: dict[str, Any],
    via: list[str],
    root: str,
    affiliations: dict[str, frozenset[str]],
    speaking: set[str],
) -> str:
    """The independent origin a source's report traces back to (docs/ledger.md, "Origins").

    A named speaker is its own origin, except a person speaking for an organization (a spokesman):
    the organization, when it speaks on the same event or is the person's only affiliation; an
    unnamed person tied to an organization ("An RSF spokesman") is that organization. An
    unnamed (anonymous or unattributed) source is one origin per tie (its affiliation, else its
    words) and first relay: "a source close to the NRF" told Tolo News, however many outlets
    relay Tolo News. The article's own voice is its own origin.

    Args:
        speaker: the stored speaker (`key`, `kind`, `entity`, `affiliation`, `own_voice`).
        via: the relays, nearest to the speaker first.
        root: the original article (syndicated copies count as it).
        affiliations: ledger entity id -> organizations it belongs to or speaks for.
        speaking: ledger entity ids of every named speaker on the event.
    """
    if speaker["own_voice"]:
        return str(speaker["key"])
    entity = speaker["entity"]
    if entity is not None:
        if speaker["kind"] != "person":
            return str(entity)
        orgs = affiliations.get(entity, frozenset())
        voiced = sorted(orgs & speaking)
        if voiced:
            return voiced[0]
        return next(iter(orgs)) if len(orgs) == 1 else str(entity)
    if speaker["kind"] == "person" and speaker["affiliation"]:
        return str(speaker["affiliation"])  # "An RSF spokesman": unnamed, speaking for the RSF
    if speaker["kind"] not in ("anonymous", "unattributed"):
        return str(speaker["key"])  # named but not a ledger entity: its name
    first = " ".join(ascii_fold(via[0]).split()) if via else f"article:{root}"
    tie = speaker["affiliation"] or speaker["key"].split(":", 1)[-1]
    return f"{speaker['kind']}:{tie}@{first}"


def build_claim(payloads: list[dict[str, Any]], affiliations: dict[str, frozenset[str]]) -> dict[str, Any]:
    """The stored claim object of one ledger event from its mentions.

    Args:
        payloads: the mentions merged into the event (from `mention_payload`).
        affiliations: ledger entity id -> ids of the organizations it belongs to or speaks for.

    Returns:
        the claim as JSON-ready values, entities as ids (names are filled in on reading).
    """
    ids = frozenset(p["id"] for p in payloads)
    parts = frozenset().union(*(participants(p) for p in payloads))
    sources = _merged_sources(payloads, parts, affiliations)
    facts = [
        StanceFact(
            speaker=s["key"],
            kind=OWN_VOICE if s["own_voice"] else s["speaker"]["kind"],
            stance=s["stance"],
            participant=s["participant"],
            published=s["published"],
            origin=s["origin"],
        )
        for s in sources
    ]
    readings = [p["status"] for p in payloads]
    actors = sorted({a for p in payloads for a in p["actors"]})
    days = sorted(p["published"] for p in payloads if p["published"])
    locations = [p["location"] for p in payloads if p["location"]]
    dates = [p["date"] for p in payloads if p["date"] and p["date"].get("value")]
    by_speaker = {s["key"]: s["speaker"] for s in sources}
    return {
        "id": event_id(ids),
        "type": payloads[0]["type"],
        "mode": _most_common([p["mode"] for p in payloads]),
        "cameo": _most_common([p["cameo"] for p in payloads]),
        "actors": actors,
        "recipients": sorted({r for p in payloads for r in p["recipients"]} - set(actors)),
        "host": _most_common([p["host"] for p in payloads]),
        "mediator": _most_common([p["mediator"] for p in payloads]),
        "location": max(  # read in a text before inferred from a dateline
            locations,
            key=lambda x: (
                _read(x) is not None, x.get("geonameid") is not None, x.get("name") or "", x["text"]
            ),
            default=None,
        ),
        "date": max(dates, key=lambda d: (_read(d) is not None, len(d["value"]), d["value"]), default=None),
        "status": compute_status(facts, readings),
        "mentions": [
            {"article": p["article"], "event": p["event"]} for p in sorted(payloads, key=lambda p: p["id"])
        ],
        "sources": sources,
        "history": [{"day": d, "status": s} for d, s in status_history(facts, readings)],
        "readings": sorted(readings),
        "contradictions": [
            {"supports": by_speaker[a.speaker], "denies": by_speaker[b.speaker]}
            for a, b in contradictions(facts)
        ],
        "first_published": days[0] if days else None,
        "last_published": days[-1] if days else None,
    }
