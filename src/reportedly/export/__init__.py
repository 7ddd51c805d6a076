"""Exports of the ledger, one module per format, each registering itself in `registry.exporters`.

The format names (`reportedly export --format NAME`) come from the registry: a new format is one new
module that registers an `Exporter`; the CLI's choices follow. Built-in formats:

- `jsonl` (`export.jsonl`): one contract article object per line, exactly as analyzed.
- `plover-jsonl` (`export.plover`): one ledger event per line in the PLOVER manual's data fields.
- `cameo-tsv` (`export.phoenix`): Phoenix/PETRARCH event data, 26 positional tab-separated columns,
  one row per dyad.
- `csv` (`export.claims_csv`): one row per source of each claim, with a date-precision column.
- `ftm` (`export.ftm`): FollowTheMoney entities made and validated with `followthemoney` itself.
"""

from __future__ import annotations

from typing import TextIO

from reportedly.export.common import EXPORT_LIMIT, Exporter, register_exporter
from reportedly.ledger.api import Ledger
from reportedly.registry import exporters

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "EXPORT_LIMIT",
    "Exporter",
    "export",
    "exporter_for",
    "formats",
    "register_exporter",
    "to_csv_rows",
]

# The built-in formats: importing them registers them (the registry itself never imports its plug-ins).
from reportedly.export import claims_csv, ftm, jsonl, phoenix, plover  # noqa: E402,F401
from reportedly.export.claims_csv import CSV_COLUMNS, to_csv_rows  # noqa: E402


def formats() -> tuple[str, ...]:
    """Every registered export format name, sorted."""
    return tuple(sorted(e.format for e in _exporters().values()))


def _exporters() -> dict[str, Exporter]:
    return {e.format: e for e in exporters.get_all().values() if isinstance(e, Exporter)}


def exporter_for(fmt: str) -> Exporter:
    """The registered exporter of one format.

    Raises:
        ValueError: no exporter has that format name; the message lists the known ones.
    """
    found = _exporters().get(fmt)
    if found is None:
        raise ValueError(f"unknown export format '{fmt}' (known: {', '.join(formats())})")
    return found


def export(ledger: Ledger, fmt: str, out: TextIO) -> int:
    """Write the ledger to `out` in one format.

    Args:
        ledger: an open ledger.
        fmt: a registered format name (see `formats()`).
        out: a text stream.

    Returns:
        the number of records (lines or rows) written.

    Raises:
        ValueError: an unknown format.
    """
    return exporter_for(fmt)(ledger, out)


FORMATS = formats()
