"""The registry's contents match the committed snapshot: adding, renaming or versioning a component
is a visible change (bump `vN` when a component's output changes, and update the snapshot)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import catalogue
import pytest

from reportedly import builtins, registry
from reportedly.evaluate import scorer

SNAPSHOT = Path(__file__).parent / "fixtures" / "registry.json"
NAME_SHAPE = r"^(?P<kind>[a-z_]+)\.[a-z0-9_]+\.v\d+$"


def test_registry_matches_snapshot() -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert builtins.snapshot() == expected, (
        "the registry changed: if intended, rewrite tests/fixtures/registry.json with "
        "`python -c 'import json, reportedly.builtins as b; print(json.dumps(b.snapshot(), indent=2))'`"
    )


@pytest.mark.parametrize("kind", sorted(registry.KINDS))
def test_registry_names_are_kind_name_version(kind: str) -> None:
    for name in builtins.snapshot()[kind]:
        match = re.match(NAME_SHAPE, name)
        assert match, f"{kind}: {name!r} is not <kind>.<name>.vN"
        assert match["kind"] == kind, f"{name!r} is registered as {kind}, its name says {match['kind']}"


def test_registry_entries_are_callable() -> None:
    builtins.snapshot()
    for kind, reg in registry.KINDS.items():
        for name, func in reg.get_all().items():
            assert callable(func), f"{kind} {name} is not callable"


SCORERS = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["scorers"]


@pytest.mark.parametrize("name", SCORERS)
def test_registry_scorer_is_named_after_the_module_that_registers_it(name: str) -> None:
    func = scorer(name)
    area = name.split(".")[1].split("_")[0]
    assert func.__module__ == f"reportedly.evaluate.{area}", f"{name} is registered by {func.__module__}"


def test_registry_unknown_name_says_which_names_exist() -> None:
    with pytest.raises(catalogue.RegistryError, match="scorers.ner_ecbplus.v1"):
        scorer("scorers.nothing.v1")


@pytest.mark.parametrize("kind", sorted(registry.KINDS))
def test_registry_kinds_read_entry_points(kind: str) -> None:
    reg = registry.KINDS[kind]
    assert getattr(reg, "entry_points", False), f"{kind} ignores outside packages"
    assert getattr(reg, "entry_point_namespace", "") == f"reportedly_{kind}"
