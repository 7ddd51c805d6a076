"""Importing this module registers every built-in component in the registry."""

from __future__ import annotations

import reportedly.clean.boilerplate  # noqa: F401
import reportedly.clean.dateline  # noqa: F401
import reportedly.clean.language  # noqa: F401
import reportedly.clean.normalize  # noqa: F401
import reportedly.extract.entities  # noqa: F401
import reportedly.ingest  # noqa: F401
import reportedly.merge.entities  # noqa: F401
import reportedly.merge.events  # noqa: F401
import reportedly.store.sqlite  # noqa: F401
