"""Shared fixtures: the pinned pipeline loaded once per session, paths to shared data, schema."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = (ROOT.parent / "shared").resolve()
SEED = SHARED / "seed" / "russia-host-talks.txt"
FIXTURES = ROOT / "tests" / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite tests/golden/ from current output."
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found beside the checkout (looked in {SHARED})")
    return SHARED


@pytest.fixture(scope="session")
def nlp() -> Any:
    from reportedly.nlp.pipeline import make_nlp

    return make_nlp()


@pytest.fixture(scope="session")
def article_schema() -> dict[str, Any]:
    text = resources.files("reportedly").joinpath("schema/article.schema.json").read_text("utf-8")
    return json.loads(text)


@pytest.fixture(scope="session")
def seed_article() -> Any:
    """The seed article analyzed end to end with the default settings."""
    from reportedly.config import Settings
    from reportedly.runner import analyze

    (article,) = list(analyze([str(SEED)], Settings()))
    return article


@pytest.fixture()
def tmp_inputs(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "inputs"
    folder.mkdir()
    yield folder
