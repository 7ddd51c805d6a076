"""`jsonl`: one contract article object per line, exactly as analyzed (`store.codec.article_from_dict`
reads it back; a test checks the round trip)."""

from __future__ import annotations

from typing import TextIO

from reportedly.export.common import register_exporter, write_lines
from reportedly.ledger.api import Ledger
from reportedly.model import article_to_dict


@register_exporter("exporters.jsonl.v1", "jsonl", "articles as analyzed, one contract object per line")
def write_jsonl(ledger: Ledger, out: TextIO) -> int:
    """Every stored article as its contract JSON object, one per line, in storage order."""
    return write_lines(out, (article_to_dict(a) for a in ledger.articles()))
