"""The event lexicon's build rules (scripts/build_event_lexicon.py) and the shipped lexicon they produce."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from reportedly.extract.events.triggers import load_lexicon

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def build() -> ModuleType:
    path = ROOT / "scripts" / "build_event_lexicon.py"
    spec = importlib.util.spec_from_file_location("build_event_lexicon", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_event_lexicon"] = module
    spec.loader.exec_module(module)
    return module


def _patterns(*codes: str) -> list[dict[str, object]]:
    return [{"pre": [], "post": [["x"]], "code": c} for c in codes]


PLOVER = {
    "12": ["REJECT", None],
    "120": ["REJECT", None],
    "084": ["RETREAT", "return"],
    "14": ["PROTEST", None],
}


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        # most patterns reject, none shares a 3-digit code with most of the others: the root's generic code
        (["120"] * 5 + ["124"] * 5 + ["121"] * 3 + ["016"] * 20, "120"),
        (["084"] * 11 + ["031", "050"], "084"),  # one code holds the root: that code
        (["141"] * 9 + ["190"] * 9, None),  # no root holds more than half
        (["141"] * 6, None),  # a majority of too few patterns
        (["016"] * 30, None),  # statements vote for nothing
        ([], None),
    ],
)
def test_lexicon_block_default(build: ModuleType, codes: list[str], expected: str | None) -> None:
    assert build.block_default(_patterns(*codes), PLOVER) == expected


@pytest.mark.parametrize(
    ("verb", "root"),
    [("reject", "12"), ("refuse", "12"), ("return", "084"), ("revoke", "16"), ("sever", "16")],
)
def test_lexicon_uncoded_verbs_take_their_block_default(verb: str, root: str) -> None:
    code, _ = load_lexicon()["verbs"][verb]
    assert code.startswith(root)
