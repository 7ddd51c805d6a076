"""Scorers over gold sets (`reportedly eval ...`), each registered under the `scorers` kind and looked
up by name with `scorer`, and the ECB+ research code they use (ecbplus/)."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
from collections.abc import Callable
from typing import Any

from reportedly import registry

__all__ = ["load_scorers", "scorer"]

# A built-in scorer is named after the module of reportedly.evaluate that registers it:
# scorers.<module>[_<what>].vN ("scorers.ner_ecbplus.v1" is registered by reportedly.evaluate.ner).
_SCORER_NAME = re.compile(r"^scorers\.([a-z0-9]+)(?:_[a-z0-9_]+)?\.v\d+$")


def load_scorers() -> None:
    """Import every scorer module of reportedly.evaluate, which registers its scorers."""
    for info in pkgutil.iter_modules(__path__):
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
