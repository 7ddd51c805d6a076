"""reportedly: turns news articles into a claim ledger of who reported what, through whom."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportedly.ledger.api import Ledger

__version__ = "0.1.0"


def open(db: str | Path = "reportedly.db") -> Ledger:  # noqa: A001 (reportedly.open mirrors sqlite3.connect's role)
    """Open a claim ledger database for reading.

    Args:
        db: the database file `reportedly ingest` wrote.

    Returns:
        a `Ledger` with `.claims()`, `.entities()`, `.events()`, `.timeline()`, `.search()`.

    Raises:
        StoreError: no database at `db`, or it cannot be read.

    Example:
        >>> import reportedly
        >>> with reportedly.open("reportedly.db") as ledger:  # doctest: +SKIP
        ...     disputed = ledger.claims(status="disputed")
    """
    from reportedly.ledger.api import open_ledger

    return open_ledger(db)
