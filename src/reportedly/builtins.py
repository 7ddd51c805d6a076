"""Every built-in component, gathered: importing this module registers them all.

The top floor (the CLI, the tests' registry snapshot) imports it; nothing below does, so the
registry never imports its plug-ins. The dispatching packages register their own components when
they are imported (ingest its readers, extract its extractors); scorers read gold sets and import
heavy libraries, so each registers when it is asked for (`scorer`), found by its name.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
from collections.abc import Callable
from typing import Any

import reportedly.clean.boilerplate  # noqa: F401
import reportedly.clean.dateline  # noqa: F401
import reportedly.clean.language  # noqa: F401
import reportedly.clean.normalize  # noqa: F401
import reportedly.evaluate
import reportedly.extract  # noqa: F401
import reportedly.ingest  # noqa: F401
import reportedly.merge.entities  # noqa: F401
import reportedly.merge.events  # noqa: F401
import reportedly.store.sqlite  # noqa: F401
from reportedly import registry

# A built-in scorer is named after the module of reportedly.evaluate that registers it:
# scorers.<module>[_<what>].vN ("scorers.ner_ecbplus.v1" is registered by reportedly.evaluate.ner).
_SCORER_NAME = re.compile(r"^scorers\.([a-z0-9]+)(?:_[a-z0-9_]+)?\.v\d+$")


def load_scorers() -> None:
    """Import every scorer module of reportedly.evaluate, which registers its scorers."""
    for info in pkgutil.iter_modules(reportedly.evaluate.__path__):
        if not info.ispkg:
            importlib.import_module(f"reportedly.evaluate.{info.name}")


def scorer(name: str) -> Callable[..., Any]:
    """The scorer registered as `name`: a built-in's module is imported first (only that one);
    other names come from outside packages' entry points.

    Raises:
        catalogue.RegistryError: no scorer has that name (the message lists those that do).
    """
    match = _SCORER_NAME.match(name)
    if match and importlib.util.find_spec(f"reportedly.evaluate.{match[1]}") is not None:
        importlib.import_module(f"reportedly.evaluate.{match[1]}")
    return registry.scorers.get(name)


def snapshot() -> dict[str, list[str]]:
    """Every registered name by kind, sorted: compared with a committed JSON file in the tests."""
    load_scorers()
    return {kind: sorted(reg.get_all()) for kind, reg in registry.KINDS.items()}
