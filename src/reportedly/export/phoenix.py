"""`cameo-tsv`: Phoenix/PETRARCH event data: 26 tab-separated positional columns, no header line, in
the Phoenix order (`PHOENIX_COLUMNS`), as the Phoenix daily files and their readers expect.

One row per dyad: every actor with every recipient; a meeting with no recipient (all parties
`actor`, as PLOVER codes reciprocal events) gives one row per pair of its parties. Actor columns
hold CAMEO codes, not names: `SourceActorFull` is the entity's CAMEO actor code (`entities[].cameo`:
"AFGREB", "RUSGOV", a bare country "RUS"), `SourceActorEntity` the ISO 3166-1 alpha-3 country (or a CAMEO
IGO code), `SourceActorRole` the sector, each where the analysis or the gazetteer knows it. `Date` is
YYYYMMDD: the event's day; the first day of its month or year when its date is coarser (`plover-jsonl` and
`csv` say which precision); the first report's day when it has none (Phoenix dates events by their story).
`GoldsteinScore` comes from the CAMEO
scale (`data/cameo/goldstein.tsv`); `Lat`/`Lon` from GeoNames for a resolved city; `URLs` and
`NewsSources` join the reporting articles' URLs and publishing agencies with ";"; `SentenceID` holds
the ledger event id (`reportedly timeline` takes it). The ledger status is not a Phoenix column:
`plover-jsonl` and `csv` carry it.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any, TextIO

from reportedly.export.cameo import goldstein, quad_class
from reportedly.export.common import (
    EXPORT_LIMIT,
    ActorInfo,
    ExportContext,
    coordinates,
    event_day,
    register_exporter,
    write_table,
)
from reportedly.ledger.api import Ledger
from reportedly.ledger.records import Claim

PHOENIX_COLUMNS = (
    "EventID",
    "Date",
    "Year",
    "Month",
    "Day",
    "SourceActorFull",
    "SourceActorEntity",
    "SourceActorRole",
    "SourceActorAttribute",
    "TargetActorFull",
    "TargetActorEntity",
    "TargetActorRole",
    "TargetActorAttribute",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScore",
    "Issues",
    "Lat",
    "Lon",
    "LocationName",
    "StateName",
    "CountryCode",
    "SentenceID",
    "URLs",
    "NewsSources",
)
# Kept for readers of the old module: the same columns.
CAMEO_COLUMNS = PHOENIX_COLUMNS


def _actor_columns(prefix: str, info: ActorInfo | None) -> dict[str, str]:
    country = (info.country or "") if info else ""
    sector = (info.sector or "") if info else ""
    return {
        f"{prefix}ActorFull": (info.cameo or country + sector) if info else "",
        f"{prefix}ActorEntity": country,
        f"{prefix}ActorRole": sector,
        f"{prefix}ActorAttribute": "",
    }


def dyads(claim: Claim, ctx: ExportContext) -> list[tuple[ActorInfo | None, ActorInfo | None]]:
    """The (source, target) pairs of an event: actors x recipients, or pairs of co-actors."""
    actors: list[ActorInfo | None] = [ctx.actor(a.id, a.name) for a in claim.actors]
    targets: list[ActorInfo | None] = [ctx.actor(r.id, r.name) for r in claim.recipients]
    if targets:
        return [(a, t) for a in actors or [None] for t in targets]
    if len(actors) > 1:
        return list(combinations(actors, 2))
    return [(a, None) for a in actors or [None]]


def to_phoenix(claim: Claim, ctx: ExportContext) -> list[dict[str, Any]]:
    """The Phoenix rows of one ledger event, one per dyad."""
    day, _precision = event_day(claim.date, claim.first_published)
    y, m, d = (day or "--").split("-")
    loc = claim.location
    point = coordinates(loc.geonameid) if loc else None
    articles = sorted({mention.article for mention in claim.mentions})
    urls = [u for u in (ctx.url(a) for a in articles) if u]
    agencies = sorted({s.via[-1] for s in claim.sources if s.via})
    score = goldstein(claim.cameo)
    quad = quad_class(claim.cameo)
    shared = {
        "Date": f"{y}{m}{d}",
        "Year": y,
        "Month": m,
        "Day": d,
        "EventCode": claim.cameo or "",
        "EventRootCode": (claim.cameo or "")[:2],
        "QuadClass": quad if quad is not None else "",
        "GoldsteinScore": score if score is not None else "",
        "Issues": "",
        "Lat": point[0] if point else "",
        "Lon": point[1] if point else "",
        "LocationName": (loc.name or loc.text) if loc else "",
        "StateName": "",
        "CountryCode": (loc.country or "") if loc else "",
        "SentenceID": claim.id,
        "URLs": ";".join(urls),
        "NewsSources": ";".join(agencies),
    }
    return [
        {"EventID": f"{claim.id}-{n}", **_actor_columns("Source", s), **_actor_columns("Target", t), **shared}
        for n, (s, t) in enumerate(dyads(claim, ctx), start=1)
    ]


@register_exporter("exporters.phoenix.v1", "cameo-tsv", "events as Phoenix rows (26 columns, no header)")
def write_phoenix(ledger: Ledger, out: TextIO) -> int:
    """Every ledger event as Phoenix rows, one per dyad, without a header line."""
    ctx = ExportContext.read(ledger)
    rows = (r for c in ledger.claims(limit=EXPORT_LIMIT) for r in to_phoenix(c, ctx))
    return write_table(out, PHOENIX_COLUMNS, rows, "\t", header=False)
