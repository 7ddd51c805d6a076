"""The package's layers import one way: ingest -> analysis -> merge -> storage -> api/cli.

Pure ledger logic (`merge`: event and entity merging, claims, status over time) imports no storage;
storage (`store`) imports no reader, web or command module; only `store` opens a database driver.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "reportedly"
# package (or module) -> the packages and modules of reportedly it must not import
FORBIDDEN = {
    "merge": ("store", "ledger", "api", "cli", "pipeline", "export"),
    "store": ("ledger", "api", "cli", "pipeline", "runner", "export", "evaluate"),
    "ledger": ("api", "cli", "pipeline", "runner"),
    "runner": ("store", "ledger", "api", "cli", "pipeline"),
    "ingest": ("store", "ledger", "merge", "api", "cli", "pipeline", "runner"),
}
DRIVERS = ("sqlite3", "psycopg", "psycopg_pool")


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


def _files(layer: str) -> list[Path]:
    package = SRC / layer
    return sorted(package.rglob("*.py")) if package.is_dir() else [SRC / f"{layer}.py"]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layers_import_one_way(layer: str) -> None:
    wrong = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in _files(layer)
        for name in _imports(path)
        for other in FORBIDDEN[layer]
        if name == f"reportedly.{other}" or name.startswith(f"reportedly.{other}.")
    ]
    assert wrong == []


def test_layers_no_statement_in_the_pipeline() -> None:
    """The ingest entry point and the evaluation ask the store (`store.lookups`), never SQL."""
    for path in (SRC / "pipeline.py", SRC / "evaluate" / "coref.py"):
        assert ".execute(" not in path.read_text(encoding="utf-8"), path


def test_layers_only_store_opens_a_database() -> None:
    wrong = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in SRC.rglob("*.py")
        if path.parent.name != "store"
        for name in _imports(path)
        if name.split(".")[0] in DRIVERS
    ]
    assert wrong == []
