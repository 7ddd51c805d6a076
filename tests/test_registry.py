"""The registry's contents match the committed snapshot: adding, renaming or versioning a component
is a visible change (bump `vN` when a component's output changes, and update the snapshot)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportedly import registry

SNAPSHOT = Path(__file__).parent / "fixtures" / "registry.json"
NAME_SHAPE = r"^[a-z_]+\.[a-z0-9_]+\.v\d+$"


def test_registry_matches_snapshot() -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert registry.snapshot() == expected, (
        "the registry changed: if intended, rewrite tests/fixtures/registry.json with "
        "`python -c 'import json, reportedly.registry as r; print(json.dumps(r.snapshot(), indent=2))'`"
    )


@pytest.mark.parametrize("kind", sorted(registry.KINDS))
def test_registry_names_follow_area_name_version(kind: str) -> None:
    import re

    for name in registry.snapshot()[kind]:
        assert re.match(NAME_SHAPE, name), f"{kind}: {name!r} is not area.name.vN"


def test_registry_entries_are_callable() -> None:
    registry.snapshot()
    for kind, reg in registry.KINDS.items():
        for name, func in reg.get_all().items():
            assert callable(func), f"{kind} {name} is not callable"
