"""The one registry. Built-in components register exactly like plugins.

Names follow `area.name.vN`; bump `vN` when a component's output changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar, overload

import catalogue

F = TypeVar("F", bound=Callable[..., Any])


class Registry(Protocol):
    """The typed face of a `catalogue.Registry` (catalogue ships no type information)."""

    def __call__(self, name: str) -> Callable[[F], F]: ...

    @overload
    def register(self, name: str) -> Callable[[F], F]: ...

    @overload
    def register(self, name: str, *, func: F) -> F: ...

    def get(self, name: str) -> Callable[..., Any]: ...

    def get_all(self) -> dict[str, Callable[..., Any]]: ...


def _create(kind: str) -> Registry:
    registry: Registry = catalogue.create("reportedly", kind)
    return registry


readers = _create("readers")
cleaners = _create("cleaners")
extractors = _create("extractors")
mergers = _create("mergers")
stores = _create("stores")
scorers = _create("scorers")
exporters = _create("exporters")

KINDS = {
    "readers": readers,
    "cleaners": cleaners,
    "extractors": extractors,
    "mergers": mergers,
    "stores": stores,
    "scorers": scorers,
    "exporters": exporters,
}


def snapshot() -> dict[str, list[str]]:
    """Every registered name by kind, sorted: compared with a committed JSON file in the tests."""
    import reportedly.builtins  # registers the built-in components

    reportedly.builtins.load_scorers()
    return {kind: sorted(reg.get_all()) for kind, reg in KINDS.items()}
