"""`csv`: one row per source of each claim: who said what about which event, through whom, when.

Dates are whole ISO days so every date column parses (`pandas.read_csv(..., parse_dates=[...])`):
`event_date` is the event's day, or the first day of its month or year, and `event_date_precision`
says which (`day`, `month`, `year`; empty when the event has no date).
"""

from __future__ import annotations

from typing import Any, TextIO

from reportedly.export.common import EXPORT_LIMIT, full_date, precision, register_exporter, write_table
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
)


def to_csv_rows(claim: Claim) -> list[dict[str, Any]]:
    """One row per source of a claim, in `CSV_COLUMNS`."""
    where = (claim.location.name or claim.location.text) if claim.location else ""
    value = claim.date.value if claim.date else None
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
        }
        for s in claim.sources
    ]


@register_exporter("exporters.claims_csv.v1", "csv", "claims, one row per source, with a header")
def write_csv(ledger: Ledger, out: TextIO) -> int:
    """Every claim's sources as CSV rows under a header line."""
    rows = (r for c in ledger.claims(limit=EXPORT_LIMIT) for r in to_csv_rows(c))
    return write_table(out, CSV_COLUMNS, rows, ",", header=True)
