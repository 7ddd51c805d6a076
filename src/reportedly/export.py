"""Exports of the ledger: articles as JSON Lines, events as PLOVER JSON Lines or CAMEO rows, claims as
CSV, entities and events as FollowTheMoney entities.

- `jsonl`: one contract article object per line, exactly as analyzed (reads back with
  `store.codec.article_from_dict`; a test checks the round trip).
- `plover-jsonl`: one ledger event per line in the PLOVER/POLECAT field style (`event`, `mode`,
  `context`, `actor`, `recipient`, `date`, `date_resolution`, `location`), plus `status` and `sources`.
- `cameo-tsv`: one row per actor-recipient dyad of each event, Phoenix / ICEWS style (date, source
  and target actor with country, CAMEO code, root code, quad class, location, sources).
- `csv`: one row per source of each claim: who said what about which event, through whom, when.
- `ftm`: FollowTheMoney entities (Person, Organization, Event), one JSON object per line.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from typing import Any, TextIO

from reportedly.ledger.api import Ledger
from reportedly.ledger.records import Claim, EntityRef
from reportedly.model import article_to_dict, to_dict

FORMATS = ("jsonl", "plover-jsonl", "cameo-tsv", "csv", "ftm")
# Ledger events read per export: the whole ledger (exports are batch jobs, not pages).
EXPORT_LIMIT = 10**9
CAMEO_COLUMNS = (
    "EventID",
    "Date",
    "Year",
    "Month",
    "Day",
    "SourceActorFull",
    "SourceActorEntity",
    "TargetActorFull",
    "TargetActorEntity",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "Status",
    "LocationName",
    "CountryCode",
    "GeoNamesID",
    "Sources",
    "URLs",
)
CSV_COLUMNS = (
    "event",
    "type",
    "status",
    "summary",
    "event_date",
    "location",
    "speaker",
    "speaker_kind",
    "stance",
    "via",
    "article",
    "published",
    "copies",
    "content",
)
FTM_SCHEMAS = {"PERSON": "Person", "ORG": "Organization", "NORP": "Organization"}


def export(ledger: Ledger, fmt: str, out: TextIO) -> int:
    """Write the ledger to `out` in one format.

    Args:
        ledger: an open ledger.
        fmt: one of `FORMATS`.
        out: a text stream.

    Returns:
        the number of records (lines or rows) written.

    Raises:
        ValueError: an unknown format.
    """
    if fmt == "jsonl":
        return _lines(out, (article_to_dict(a) for a in ledger.articles()))
    if fmt == "plover-jsonl":
        return _lines(out, (to_plover(c) for c in ledger.claims(limit=EXPORT_LIMIT)))
    if fmt == "ftm":
        return _lines(out, to_ftm(ledger))
    if fmt == "cameo-tsv":
        return _table(
            out, CAMEO_COLUMNS, (r for c in ledger.claims(limit=EXPORT_LIMIT) for r in to_cameo(c)), "\t"
        )
    if fmt == "csv":
        return _table(
            out, CSV_COLUMNS, (r for c in ledger.claims(limit=EXPORT_LIMIT) for r in to_csv_rows(c)), ","
        )
    raise ValueError(f"unknown export format '{fmt}' (known: {', '.join(FORMATS)})")


def _lines(out: TextIO, records: Iterator[dict[str, Any]]) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def _table(out: TextIO, columns: tuple[str, ...], rows: Iterator[dict[str, Any]], delimiter: str) -> int:
    writer = csv.DictWriter(
        out, fieldnames=columns, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL
    )
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def to_plover(claim: Claim) -> dict[str, Any]:
    """One ledger event as a PLOVER/POLECAT-style record."""
    value = claim.date.value if claim.date else None
    resolution = {4: "year", 7: "month", 10: "day"}.get(len(value or ""))
    loc = claim.location
    return {
        "id": claim.id,
        "date": value,
        "date_resolution": resolution,
        "event": claim.type,
        "mode": claim.mode,
        "context": [],
        "cameo": claim.cameo,
        "actor": [a.name for a in claim.actors],
        "recipient": [r.name for r in claim.recipients],
        "mediator": claim.mediator.name if claim.mediator else None,
        "location": {"placename": loc.name or loc.text, "country": loc.country, "geonameid": loc.geonameid}
        if loc
        else None,
        "status": claim.status,
        "sources": [to_dict(s) for s in claim.sources],
        "articles": sorted({m.article for m in claim.mentions}),
        "publication_date": claim.first_published,
    }


def _quad(code: str | None) -> str:
    """CAMEO quad class from the root code: 1 verbal and 2 material cooperation, 3 verbal and
    4 material conflict."""
    if not code or not code[:2].isdigit():
        return ""
    root = int(code[:2])
    return "1" if root <= 5 else "2" if root <= 8 else "3" if root <= 13 else "4"


def to_cameo(claim: Claim) -> list[dict[str, Any]]:
    """Phoenix/ICEWS-style rows for one event: one per (actor, recipient) dyad, or per actor."""
    value = (claim.date.value if claim.date else None) or claim.first_published or ""
    parts = (value.split("-") + ["", "", ""])[:3]
    actors: list[EntityRef | None] = [*claim.actors] or [None]
    targets: list[EntityRef | None] = [*claim.recipients] or [None]
    if not claim.recipients and len(claim.actors) > 1:  # a mutual meeting: each actor with the others
        targets = [None]
    loc = claim.location
    rows = []
    for source in actors:
        for target in targets:
            rows.append(
                {
                    "EventID": claim.id,
                    "Date": "".join(parts),
                    "Year": parts[0],
                    "Month": parts[1],
                    "Day": parts[2],
                    "SourceActorFull": source.name if source else "",
                    "SourceActorEntity": source.id if source else "",
                    "TargetActorFull": target.name if target else "",
                    "TargetActorEntity": target.id if target else "",
                    "EventCode": claim.cameo or "",
                    "EventRootCode": (claim.cameo or "")[:2],
                    "QuadClass": _quad(claim.cameo),
                    "Status": claim.status,
                    "LocationName": (loc.name or loc.text) if loc else "",
                    "CountryCode": loc.country or "" if loc else "",
                    "GeoNamesID": loc.geonameid or "" if loc else "",
                    "Sources": len(claim.sources),
                    "URLs": " ".join(sorted({m.article for m in claim.mentions})),
                }
            )
    return rows


def to_csv_rows(claim: Claim) -> list[dict[str, Any]]:
    """One row per source of a claim."""
    where = (claim.location.name or claim.location.text) if claim.location else ""
    return [
        {
            "event": claim.id,
            "type": claim.type,
            "status": claim.status,
            "summary": claim.summary,
            "event_date": claim.date.value if claim.date else "",
            "location": where,
            "speaker": s.speaker.name,
            "speaker_kind": s.speaker.kind,
            "stance": s.stance,
            "via": " > ".join(s.via),
            "article": s.article,
            "published": s.published or "",
            "copies": " ".join(s.copies),
            "content": s.content or "",
        }
        for s in claim.sources
    ]


def _iso2(alpha3: str | None) -> list[str]:
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3) if alpha3 else None
    return [country.alpha_2.lower()] if country else []


def _ftm_id(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()


def to_ftm(ledger: Ledger) -> Iterator[dict[str, Any]]:
    """FollowTheMoney entities: people and organizations with aliases and positions, then events."""
    for e in ledger.entities(limit=EXPORT_LIMIT):
        schema = FTM_SCHEMAS.get(e.type)
        if schema is None:
            continue
        props: dict[str, list[str]] = {
            "name": [e.name],
            "alias": [a for a in e.aliases if a != e.name],
            "country": _iso2(e.country),
        }
        if e.kb_id and e.kb_id.startswith("Q"):
            props["wikidataId"] = [e.kb_id]
        if schema == "Person":
            props["position"] = sorted({r.text for r in e.roles})
        yield {"id": e.id, "schema": schema, "properties": {k: v for k, v in props.items() if v}}
    for c in ledger.claims(limit=EXPORT_LIMIT):
        involved = [a.id for a in (*c.actors, *c.recipients)]
        props = {
            "name": [c.summary],
            "summary": [f"{c.type} ({c.status}), {len(c.sources)} sources"],
            "involved": involved,
            "date": [c.date.value] if c.date and c.date.value else [],
            "location": [c.location.name or c.location.text] if c.location else [],
        }
        yield {"id": c.id, "schema": "Event", "properties": {k: v for k, v in props.items() if v}}
