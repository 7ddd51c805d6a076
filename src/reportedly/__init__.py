"""reportedly: turns news articles into a claim ledger of who reported what, through whom."""

from __future__ import annotations

__version__ = "0.1.0"
