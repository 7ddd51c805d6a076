"""The claim ledger: one record per real-world event, with every source's stance over time.

`open_ledger` (also `reportedly.open`) gives the read API; `reportedly.pipeline.ingest` writes
(through `reportedly.store`, the one owner of the database).
"""

from __future__ import annotations

from reportedly.ledger.api import Ledger, open_ledger

__all__ = ["Ledger", "open_ledger"]
