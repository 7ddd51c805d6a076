"""`csv`: one row per source of each claim: who said what about which event, through whom, when.

Dates are whole ISO days so every date column parses (`pandas.read_csv(..., parse_dates=[...])`):
`event_date` is the event's day, or the first day of its month or year, and `event_date_precision`
says which (`day`, `month`, `year`; empty when the event has no date); `event_date_source` and
`location_source` say where the date and place were read (`text`) or inferred from (`dateline`,
`published`). `actors` and `recipients` name the parties ("; "-joined), `actors_cameo` and
`recipients_cameo` give their CAMEO actor codes in the same order (empty where uncoded).
"""

from __future__ import annotations

from typing import Any, TextIO

from reportedly.export.common import (
    EXPORT_LIMIT,
    ExportContext,
    full_date,
    precision,
    register_exporter,
    write_table,
)
from reportedly.ledger.api import Ledger
from reportedly.ledger.records import Claim

CSV_COLUMNS = (
    "event",
    "type",
    "status",
    "summary",
    "event_date",
    "event_date_precision",
    "location",
    "speaker",
    "speaker_kind",
    "stance",
    "via",
    "article",
    "published",
    "copies",
    "content",
    "actors",
    "actors_cameo",
    "recipients",
    "recipients_cameo",
    "event_date_source",
    "location_source",
)


def to_csv_rows(claim: Claim, ctx: ExportContext | None = None) -> list[dict[str, Any]]:
    """One row per source of a claim, in `CSV_COLUMNS` (the parties' codes from `ctx` when given)."""
    where = (claim.location.name or claim.location.text) if claim.location else ""
    value = claim.date.value if claim.date else None

    def codes(refs: tuple[Any, ...]) -> str:
        return "; ".join((ctx.actor(r.id, r.name).cameo or "") if ctx else "" for r in refs)

    parties = {
        "actors": "; ".join(a.name for a in claim.actors),
        "actors_cameo": codes(claim.actors),
        "recipients": "; ".join(r.name for r in claim.recipients),
        "recipients_cameo": codes(claim.recipients),
        "event_date_source": claim.date.source if claim.date and value else "",
        "location_source": claim.location.source if claim.location else "",
    }
    return [
        {
            "event": claim.id,
            "type": claim.type,
            "status": claim.status,
            "summary": claim.summary,
            "event_date": full_date(value) or "",
            "event_date_precision": precision(value) or "",
            "location": where,
            "speaker": s.speaker.name,
            "speaker_kind": s.speaker.kind,
            "stance": s.stance,
            "via": " > ".join(s.via),
            "article": s.article,
            "published": s.published or "",
            "copies": " ".join(s.copies),
            "content": s.content or "",
            **parties,
        }
        for s in claim.sources
    ]


@register_exporter("exporters.claims_csv.v1", "csv", "claims, one row per source, with a header")
def write_csv(ledger: Ledger, out: TextIO) -> int:
    """Every claim's sources as CSV rows under a header line."""
    ctx = ExportContext.read(ledger)
    rows = (r for c in ledger.claims(limit=EXPORT_LIMIT) for r in to_csv_rows(c, ctx))
    return write_table(out, CSV_COLUMNS, rows, ",", header=True)
