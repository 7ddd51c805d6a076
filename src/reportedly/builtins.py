"""Every built-in component, gathered: importing this module registers them all.

The top floor (the CLI, the tests' registry snapshot) imports it; nothing below does, so the
registry never imports its plug-ins. The dispatching packages register their own components when
they are imported (ingest its readers, extract its extractors); scorers read gold sets and import
heavy libraries, so each registers when it is asked for (`scorer`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import reportedly.clean.boilerplate  # noqa: F401
import reportedly.clean.dateline  # noqa: F401
import reportedly.clean.language  # noqa: F401
import reportedly.clean.normalize  # noqa: F401
import reportedly.extract  # noqa: F401
import reportedly.ingest  # noqa: F401
import reportedly.merge.entities  # noqa: F401
import reportedly.merge.events  # noqa: F401
import reportedly.store.sqlite  # noqa: F401
from reportedly import registry

# Each built-in scorer's name and the module that registers it (imported on first use).
SCORERS = {
    "scorers.attribution_polnear.v1": "reportedly.evaluate.attribution",
    "scorers.coref_ecbplus.v1": "reportedly.evaluate.coref",
    "scorers.ledger_coref_ecbplus.v1": "reportedly.evaluate.coref",
    "scorers.dates_htmldate.v1": "reportedly.evaluate.dates",
    "scorers.dedup_ecbplus.v1": "reportedly.evaluate.dedup",
    "scorers.events_plv.v1": "reportedly.evaluate.events",
    "scorers.extraction_trafilatura.v1": "reportedly.evaluate.extraction",
    "scorers.factuality_uw.v1": "reportedly.evaluate.factuality",
    "scorers.ner_ecbplus.v1": "reportedly.evaluate.ner",
}


def load_scorers() -> None:
    """Import every built-in scorer module, which registers its scorer."""
    for module in sorted(set(SCORERS.values())):
        importlib.import_module(module)


def scorer(name: str) -> Callable[..., Any]:
    """The scorer registered as `name` (a built-in is imported first; others come from entry points).

    Raises:
        catalogue.RegistryError: no scorer has that name (the message lists those that do).
    """
    if name in SCORERS:
        importlib.import_module(SCORERS[name])
    return registry.scorers.get(name)


def snapshot() -> dict[str, list[str]]:
    """Every registered name by kind, sorted: compared with a committed JSON file in the tests."""
    load_scorers()
    return {kind: sorted(reg.get_all()) for kind, reg in registry.KINDS.items()}
