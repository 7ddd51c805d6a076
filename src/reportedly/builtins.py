"""Importing this module registers every built-in component in the registry."""

from __future__ import annotations

import importlib

import reportedly.clean.boilerplate  # noqa: F401
import reportedly.clean.dateline  # noqa: F401
import reportedly.clean.language  # noqa: F401
import reportedly.clean.normalize  # noqa: F401
import reportedly.extract.entities  # noqa: F401
import reportedly.extract.event_mentions  # noqa: F401
import reportedly.ingest  # noqa: F401
import reportedly.ingest.feeds  # noqa: F401  (imported lazily by reportedly.ingest: registered here)
import reportedly.ingest.html  # noqa: F401
import reportedly.ingest.warc  # noqa: F401
import reportedly.merge.entities  # noqa: F401
import reportedly.merge.eventcoref  # noqa: F401
import reportedly.merge.events  # noqa: F401
import reportedly.store.sqlite  # noqa: F401

# Scorers read gold sets and import heavy libraries: they register when asked for, not at start-up.
SCORER_MODULES = ("attribution", "coref", "dates", "dedup", "events", "extraction", "factuality", "ner")


def load_scorers() -> None:
    """Import every built-in scorer module, which registers its scorer."""
    for name in SCORER_MODULES:
        importlib.import_module(f"reportedly.evaluate.{name}")
