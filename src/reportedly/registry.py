"""The one registry: every pluggable component, looked up by name where it is used.

Kinds: readers (ingest picks one per input by sniffing, see ingest.reader), cleaners, extractors
(extract.analyze_doc runs them by name), mergers, stores, scorers (`reportedly eval` runs them by name).

Names are `<kind>.<name>.v<N>` for every kind: the kind the component is registered under, a short
lower-case name (`a-z0-9_`), and a version bumped when the component's output changes
(`readers.html.v1`, `extractors.events.v1`, `scorers.ner_ecbplus.v1`). Outside packages use the same
shape. Records carry their own provenance (`extractor: "quotes.direct.v1"`, the rule that produced
them), which is not a registry name.

Built-in components register exactly like plugins, with `@registry.<kind>("<name>")` or
`registry.<kind>.register("<name>", func=...)` in their own module; an outside package registers
through the entry point group `reportedly_<kind>` (`reportedly_readers`, ...), read when a kind is
looked up. This module imports no component (it is the ground floor every component imports): the
built-ins are registered by the packages that dispatch to them (ingest, extract, evaluate) and all gathered
by reportedly.builtins at the top.
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


class _Registry(catalogue.Registry):  # type: ignore[misc]  # catalogue ships no type information
    """A catalogue registry that reads its entry point group once, not on every lookup.

    catalogue selects the group from every installed entry point on each `get` (0.5 ms, three times
    per article for the extractors); the selection is kept until catalogue's list of installed entry
    points is replaced (as a test does after installing a toy distribution).
    """

    def __init__(self, namespace: tuple[str, ...]) -> None:
        super().__init__(namespace, entry_points=True)
        self._group: tuple[object, list[Any]] | None = None

    def _get_entry_points(self) -> list[Any]:
        installed = catalogue.AVAILABLE_ENTRY_POINTS
        if self._group is None or self._group[0] is not installed:
            self._group = (installed, list(super()._get_entry_points()))
        return self._group[1]


def _create(kind: str) -> Registry:
    if catalogue.check_exists("reportedly", kind):
        raise catalogue.RegistryError(f"registry kind {kind!r} created twice")
    registry: Registry = _Registry(("reportedly", kind))
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

