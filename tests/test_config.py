"""Every setting has help text and is documented in docs/settings.md."""

from __future__ import annotations

import dataclasses

import pytest

from reportedly.config import Settings, describe
from tests.conftest import ROOT


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Settings)])
def test_config_setting_documented(name: str) -> None:
    assert describe()[name].strip(), f"setting {name} has no help text"
    assert f"`{name}`" in (ROOT / "docs" / "settings.md").read_text("utf-8"), (
        f"{name} missing from docs/settings.md"
    )


def test_config_replace_keeps_other_fields() -> None:
    changed = Settings().replace(batch_size=4)
    assert changed.batch_size == 4
    assert changed.clean is Settings().clean
