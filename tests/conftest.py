"""Shared fixtures: the pinned pipeline loaded once per session, paths to shared data, schema."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = (ROOT.parent / "shared").resolve()
SEED = SHARED / "seed" / "russia-host-talks.txt"
FIXTURES = ROOT / "tests" / "fixtures"
# The ledger backends the ledger, CLI and web tests run against (the `backend` fixture).
BACKENDS = ("sqlite", "postgresql")
# Set to 1 to run without PostgreSQL on purpose: its tests skip. Unset, a PostgreSQL that cannot
# be started fails them (CI installs it: `make test` runs `make postgresql` first).
NO_POSTGRES_ENV = "REPORTEDLY_TEST_NO_POSTGRES"
_names = itertools.count(1)


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


@pytest.fixture(scope="session")
def postgres() -> Iterator[Any]:
    """A throwaway PostgreSQL cluster on a free loopback port (`tests.pgserver`), for the session."""
    from tests.pgserver import Cluster

    if os.environ.get(NO_POSTGRES_ENV) == "1":
        pytest.skip(f"{NO_POSTGRES_ENV}=1: the PostgreSQL tests are skipped on purpose")
    try:
        cluster = Cluster().start()
    except (RuntimeError, OSError, KeyError) as err:
        pytest.fail(
            f"PostgreSQL could not be started for the tests: {err}. Install it (`make postgresql`, "
            f"as root) or set {NO_POSTGRES_ENV}=1 to skip these tests on purpose",
            pytrace=False,
        )
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The ledger backend a test runs against: every test using it runs once per backend."""
    return str(request.param)


def make_target(backend: str, request: pytest.FixtureRequest, folder: Path, name: str) -> str:
    """A new, empty ledger database of the backend: a file in `folder`, or a PostgreSQL database."""
    if backend == "sqlite":
        return str(folder / f"{name}.db")
    cluster = request.getfixturevalue("postgres")
    return str(cluster.database(f"t{os.getpid()}_{next(_names)}"))


@pytest.fixture()
def new_ledger(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., str]:
    """Makes new, empty ledger databases of this test's backend: `new_ledger("a")` -> path or URL."""

    def make(name: str = "l") -> str:
        return make_target(backend, request, tmp_path, name)

    return make
