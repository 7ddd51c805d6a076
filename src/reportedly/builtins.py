"""Every built-in component, gathered: importing this module registers them all.

The top floor (the CLI, the tests' registry snapshot) imports it; nothing below does, so the
registry never imports its plug-ins. The dispatching packages register their own components when
they are imported (ingest its readers, extract its extractors); scorers read gold sets and import
heavy libraries, so each registers when it is asked for (reportedly.evaluate.scorer).
"""

from __future__ import annotations

import catalogue

import reportedly.clean.boilerplate  # noqa: F401
import reportedly.clean.dateline  # noqa: F401
import reportedly.clean.language  # noqa: F401
import reportedly.clean.normalize  # noqa: F401
import reportedly.export  # noqa: F401
import reportedly.extract  # noqa: F401
import reportedly.ingest  # noqa: F401
import reportedly.ingest.feeds  # noqa: F401  (imported lazily by reportedly.ingest: registered here)
import reportedly.ingest.html  # noqa: F401
import reportedly.ingest.warc  # noqa: F401
import reportedly.merge.entities  # noqa: F401
import reportedly.merge.events  # noqa: F401
import reportedly.store.database  # noqa: F401
from reportedly import registry
from reportedly.evaluate import load_scorers


def snapshot() -> dict[str, list[str]]:
    """Every built-in name by kind, sorted: compared with a committed JSON file in the tests.

    Outside packages' entry points are left out: installing a plug-in does not change the built-ins.
    """
    load_scorers()
    return {kind: sorted(key[-1] for key in catalogue.REGISTRY if key[:-1] == ("reportedly", kind))
            for kind in registry.KINDS}
