"""The one registry. Built-in components register exactly like plugins.

Names follow `area.name.vN`; bump `vN` when a component's output changes.
"""

from __future__ import annotations

import catalogue

readers = catalogue.create("reportedly", "readers")
cleaners = catalogue.create("reportedly", "cleaners")
extractors = catalogue.create("reportedly", "extractors")
mergers = catalogue.create("reportedly", "mergers")
stores = catalogue.create("reportedly", "stores")
scorers = catalogue.create("reportedly", "scorers")

KINDS = {
    "readers": readers,
    "cleaners": cleaners,
    "extractors": extractors,
    "mergers": mergers,
    "stores": stores,
    "scorers": scorers,
}


def snapshot() -> dict[str, list[str]]:
    """Every registered name by kind, sorted: compared with a committed JSON file in the tests."""
    import reportedly.builtins  # registers the built-in components

    reportedly.builtins.load_scorers()
    return {kind: sorted(reg.get_all()) for kind, reg in KINDS.items()}
