"""Naming a ledger database: a file path or a PostgreSQL URL, and how messages show it."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["describe", "is_url"]

_URL = re.compile(r"^postgres(ql)?://", re.IGNORECASE)


def is_url(target: str | Path) -> bool:
    """Whether `target` names a PostgreSQL database (`postgresql://user@host:port/dbname`)."""
    return bool(_URL.match(str(target)))


def describe(target: str | Path) -> str:
    """The target as messages name it: a path, or a URL without its password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", str(target)) if is_url(target) else str(target)
