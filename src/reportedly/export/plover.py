"""`plover-jsonl`: one ledger event per line in the PLOVER manual's data fields (PLOVER 2.0, chapter
"Data Fields"): `id`, `date` (YYYY-MM-DD) with `date_resolution` (its precision), `event`, `mode` and
`context` as lists, `actor` and `recipient` as lists of entity objects (`code` the country, `sector`,
`cameo` the full CAMEO actor code, `entity_text`, `identifier_id`/`wikidata_id`, `identifier_text`),
`event_loc` (`extracted_place`, `resolved_place`, `geonameid`, `lat`, `lon`, `country_code`, and `source`:
text, or dateline when inferred), `quad_code` and `event_scale` (Goldstein); then the ledger's own fields
(`cameo`, `status`, `host`, `mediator`, `sources`, `articles`, `publication_date`)."""

from __future__ import annotations

from typing import Any, TextIO

from reportedly.export.cameo import goldstein, quad_class
from reportedly.export.common import (
    EXPORT_LIMIT,
    ExportContext,
    coordinates,
    event_day,
    register_exporter,
    write_lines,
)
from reportedly.ledger.api import Ledger
from reportedly.ledger.records import Claim, EntityRef
from reportedly.model import Location, to_dict


def to_entity(ref: EntityRef, ctx: ExportContext) -> dict[str, Any]:
    """A PLOVER entity object: country code, sector, names and the Wikidata id where known."""
    info = ctx.actor(ref.id, ref.name)
    return {
        "code": info.country,
        "sector": info.sector,
        "cameo": info.cameo,
        "cameo_source": info.cameo_source,
        "cameo_inferred": info.cameo_inferred,
        "entity_text": ref.name,
        "identifier_id": info.qid,
        "identifier_text": ref.name,
        "wikidata_id": info.qid,
        "entity_id": ref.id,
    }


def to_event_loc(loc: Location | None) -> dict[str, Any] | None:
    """A PLOVER location object (Mordecai/GeoNames field names)."""
    if loc is None:
        return None
    point = coordinates(loc.geonameid)
    return {
        "extracted_place": loc.text,
        "resolved_place": loc.name,
        "geonameid": loc.geonameid,
        "lat": point[0] if point else None,
        "lon": point[1] if point else None,
        "country_code": loc.country,
        "source": loc.source,
    }


def to_plover(claim: Claim, ctx: ExportContext) -> dict[str, Any]:
    """One ledger event as a PLOVER record."""
    day, resolution = event_day(claim.date, claim.first_published)
    return {
        "id": claim.id,
        "date": day,
        "date_resolution": resolution,
        "event": [claim.type],
        "mode": [claim.mode] if claim.mode else [],
        "context": [],
        "actor": [to_entity(a, ctx) for a in claim.actors],
        "recipient": [to_entity(r, ctx) for r in claim.recipients],
        "event_loc": to_event_loc(claim.location),
        "event_text": [claim.summary] if claim.summary else [],
        "quad_code": quad_class(claim.cameo),
        "event_scale": goldstein(claim.cameo),
        "cameo": claim.cameo,
        "status": claim.status,
        "host": to_entity(claim.host, ctx) if claim.host else None,
        "mediator": to_entity(claim.mediator, ctx) if claim.mediator else None,
        "sources": [to_dict(s) for s in claim.sources],
        "articles": sorted({m.article for m in claim.mentions}),
        "publication_date": claim.first_published,
    }


@register_exporter("exporters.plover.v1", "plover-jsonl", "events in the PLOVER data fields, one per line")
def write_plover(ledger: Ledger, out: TextIO) -> int:
    """Every ledger event as a PLOVER JSON record, one per line."""
    ctx = ExportContext.read(ledger)
    return write_lines(out, (to_plover(c, ctx) for c in ledger.claims(limit=EXPORT_LIMIT)))
