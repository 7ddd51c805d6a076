"""Imports run one way, down the stages of docs/architecture.md, and never in a circle.

The imports of every module under src/reportedly are read with `ast` (nothing is imported):
- module-level imports (also those under a module-level `if` or `try`) must not form a circle, and
  must go to the same stage or an earlier one;
- imports under `if TYPE_CHECKING:` never run, so they do not count for circles; they still must
  not name a later stage (a type from a later stage is a dependency on it);
- imports inside a function run when it is called (lazy loading of heavy libraries); they cannot
  fail at import time, but two modules that need each other are one design wherever the import
  sits: they count for circles, and they too must not reach a later stage.
Function-local and TYPE_CHECKING imports listed in LATE_IMPORTS, each with its reason, are the only
exceptions.
An import names the module it reads (`from reportedly import registry` is reportedly.registry); the
parent packages Python initialises on the way are not counted (a package's `__init__` re-exporting
its own modules is not a circle).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "reportedly"

# The stages, earliest first (docs/architecture.md). A module belongs to the stage of the longest
# prefix naming it; a module may import its own stage or an earlier one.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ground floor", ("reportedly", "reportedly.model", "reportedly.errors", "reportedly.config",
                      "reportedly.registry", "reportedly.weights", "reportedly.cache")),
    ("ingest", ("reportedly.ingest",)),
    ("clean", ("reportedly.clean",)),
    ("nlp", ("reportedly.gazetteer", "reportedly.nlp")),
    ("extract", ("reportedly.extract",)),
    ("runner", ("reportedly.runner", "reportedly.runner_dask")),
    ("merge", ("reportedly.merge",)),
    ("store", ("reportedly.store",)),
    ("ledger", ("reportedly.ledger",)),
    ("pipeline", ("reportedly.pipeline",)),
    ("outputs", ("reportedly.export", "reportedly.api", "reportedly.evaluate", "reportedly.watch")),
    ("top", ("reportedly.builtins", "reportedly.cli")),
)

# Function-local or TYPE_CHECKING imports allowed to reach a later stage: (importer, imported) -> why.
LATE_IMPORTS = {
    ("reportedly", "reportedly.ledger.api"): "reportedly.open, the library's front door, opens the ledger",
}

# The three extractors share only these helpers: none imports another extractor's modules.
EXTRACTORS = ("reportedly.extract.entities", "reportedly.extract.attribution", "reportedly.extract.events")
# Research code (ECB+) serves the evaluation; the product path never imports it.
RESEARCH = "reportedly.evaluate.ecbplus"
RESEARCH_USERS = ("reportedly.evaluate", "reportedly.cli")


@dataclass(frozen=True, slots=True)
class Import:
    importer: str
    imported: str
    line: int
    where: str  # "module", "type-checking" or "function"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted((SRC / PACKAGE).rglob("*.py"))}


def is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def targets(node: ast.Import | ast.ImportFrom, importer: str) -> Iterator[str]:
    """The modules of this package an import statement reads."""
    if isinstance(node, ast.Import):
        yield from (a.name for a in node.names if a.name.split(".")[0] == PACKAGE)
        return
    base = node.module or ""
    if node.level:  # relative import: resolved against the importer's package
        package = importer if MODULES[importer].name == "__init__.py" else importer.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}".rstrip(".")
    if base.split(".")[0] != PACKAGE:
        return
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        yield sub if sub in MODULES else base


def imports_of(module: str) -> Iterator[Import]:
    yield from imports_in(MODULES[module].read_text("utf-8"), module)


def imports_in(source: str, module: str) -> Iterator[Import]:
    """The imports of this package in `source`, the text of `module`, each with where it sits."""
    tree = ast.parse(source)

    def visit(nodes: list[ast.stmt], where: str) -> Iterator[Import]:
        for node in nodes:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in targets(node, module):
                    yield Import(module, target, node.lineno, where)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield from visit(node.body, "function")
            elif isinstance(node, ast.If) and is_type_checking(node):
                yield from visit(node.body, "type-checking")
                yield from visit(node.orelse, where)
            else:
                for field in ("body", "orelse", "finalbody", "handlers"):
                    children = getattr(node, field, None)
                    if isinstance(children, list):
                        yield from visit([c for c in children if isinstance(c, ast.stmt | ast.excepthandler)],
                                         where)
                if isinstance(node, ast.ExceptHandler):
                    yield from visit(node.body, where)

    yield from visit(tree.body, "module")


ALL_IMPORTS = [imp for module in MODULES for imp in imports_of(module)]


def stage_of(module: str) -> int:
    best, index = "", -1
    for i, (_name, prefixes) in enumerate(STAGES):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > len(best):
                best, index = prefix, i
    if module != PACKAGE and best == PACKAGE:
        return -1  # named by no stage but the root: unclassified
    return index


def test_architecture_every_module_has_a_stage() -> None:
    missing = [m for m in MODULES if stage_of(m) < 0]
    assert not missing, f"no stage for {missing}: add each to STAGES in tests/test_architecture.py " \
                        "and to docs/architecture.md"


def upward(imports: list[Import]) -> list[str]:
    """The imports that reach a later stage (or a module that does not exist), as messages."""
    wrong = []
    for imp in imports:
        if imp.imported not in MODULES:
            wrong.append(f"{imp.importer}:{imp.line} imports {imp.imported}, which does not exist")
            continue
        here, there = stage_of(imp.importer), stage_of(imp.imported)
        allowed = imp.where != "module" and (imp.importer, imp.imported) in LATE_IMPORTS
        if there > here and not allowed:
            wrong.append(f"{imp.importer}:{imp.line} ({STAGES[here][0]}, {imp.where} import) reads "
                         f"{imp.imported} ({STAGES[there][0]}), a later stage")
    return wrong


def test_architecture_imports_run_down_the_stages() -> None:
    wrong = upward(ALL_IMPORTS)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "imp,flagged",
    [
        (Import("reportedly.extract.events.extractor", "reportedly.model", 1, "module"), False),
        (Import("reportedly.model", "reportedly.cli", 1, "module"), True),
        (Import("reportedly.ingest.html", "reportedly.clean", 1, "function"), True),
        (Import("reportedly.extract.places", "reportedly.ledger.api", 1, "type-checking"), True),
        (Import("reportedly", "reportedly.ledger.api", 1, "function"), False),
        (Import("reportedly", "reportedly.ledger.api", 1, "module"), True),
    ],
)
def test_architecture_direction_check(imp: Import, flagged: bool) -> None:
    assert bool(upward([imp])) == flagged


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:  # Tarjan; the graph is small, recursion is fine
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in edges.get(v, ()):
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            strong(v)
    return found


def graph(*where: str) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for imp in ALL_IMPORTS:
        if imp.where in where:
            edges.setdefault(imp.importer, set()).add(imp.imported)
    return edges


def test_architecture_no_import_circles() -> None:
    assert circles(graph("module")) == []


def test_architecture_no_circles_through_function_imports_either() -> None:
    """Two modules that need each other are one design, wherever the import sits."""
    assert circles(graph("module", "function")) == []


# Storage has one owner: only store/ opens a database driver; the ingest entry point and the ECB+
# evaluation ask the store (`store.lookups`) and run no statement themselves; and storage and the
# ledger's read API never call the analysis back (an earlier stage, so the stage rule allows it).
DRIVERS = ("sqlite3", "psycopg", "psycopg_pool")
NO_STATEMENTS = ("pipeline.py", "evaluate/coref.py")
NEVER_REACH_THE_RUNNER = ("reportedly.store", "reportedly.ledger")


def test_architecture_only_store_opens_a_database() -> None:
    wrong = []
    for module, path in MODULES.items():
        if module == "reportedly.store" or module.startswith("reportedly.store."):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            wrong += [f"{module}:{node.lineno} imports {n}" for n in names if n.split(".")[0] in DRIVERS]
    assert not wrong, "\n".join(wrong)


def test_architecture_no_statement_in_the_pipeline() -> None:
    for name in NO_STATEMENTS:
        path = SRC / PACKAGE / name
        assert ".execute(" not in path.read_text("utf-8"), f"{path}: ask store.lookups, run no SQL here"


def test_architecture_storage_never_calls_the_analysis_back() -> None:
    wrong = [f"{imp.importer}:{imp.line} reads {imp.imported}" for imp in ALL_IMPORTS
             if imp.importer.startswith(NEVER_REACH_THE_RUNNER)
             and imp.imported.startswith("reportedly.runner")]
    assert not wrong, "\n".join(wrong)


def test_architecture_extractors_share_only_the_common_helpers() -> None:
    def owner(module: str) -> str | None:
        return next((e for e in EXTRACTORS if module == e or module.startswith(e + ".")), None)

    crossing = [f"{i.importer}:{i.line} imports {i.imported}" for i in ALL_IMPORTS
                if owner(i.importer) and owner(i.imported) and owner(i.importer) != owner(i.imported)]
    assert not crossing, "\n".join(crossing)


def test_architecture_research_code_stays_out_of_the_product_path() -> None:
    def is_research(module: str) -> bool:
        return module == RESEARCH or module.startswith(RESEARCH + ".")

    leaks = [f"{i.importer}:{i.line} imports {i.imported}" for i in ALL_IMPORTS if is_research(i.imported)
             and not i.importer.startswith(RESEARCH_USERS)]
    assert not leaks, "\n".join(leaks)


@pytest.mark.parametrize(
    "edges,expected",
    [
        ({"a": {"b"}, "b": {"c"}}, []),
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"a"}}, [["a"]]),
    ],
)
def test_architecture_circle_finder(edges: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert circles(edges) == expected


@pytest.mark.parametrize(
    "source,expected",
    [
        ("from reportedly import registry\n", [("reportedly.registry", "module")]),
        ("import reportedly.extract.entities\n", [("reportedly.extract.entities", "module")]),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from reportedly.cli import app\n",
         [("reportedly.cli", "type-checking")]),
        ("def f():\n    from reportedly.runner import analyze\n", [("reportedly.runner", "function")]),
        ("try:\n    import reportedly.model\nexcept ImportError:\n    pass\n",
         [("reportedly.model", "module")]),
    ],
)
def test_architecture_reads_each_kind_of_import(source: str, expected: list[tuple[str, str]]) -> None:
    assert [(i.imported, i.where) for i in imports_in(source, "reportedly.probe")] == expected


def test_architecture_readme_layout_names_every_package_and_module() -> None:
    readme = (SRC.parent / "README.md").read_text("utf-8")
    layout = readme[readme.index("## Layout"):]
    top = sorted({m.split(".")[1] for m in MODULES if m.count(".") >= 1})
    missing = [name for name in top
               if f"`{name}/`" not in layout and f"`{name}.py`" not in layout]
    assert not missing, f"README.md's Layout does not list {missing}"
