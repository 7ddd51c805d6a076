"""Rebuild every shipped weight file from this checkout's training scripts and compare (`make reproduce`).

Each model's script is run with REPORTEDLY_WEIGHTS_DIR pointing at a temp dir; every array of the
retrained file must equal the shipped one within TOLERANCE (numbers) or exactly (vocabularies,
labels). Each weight file has a provenance record beside it (`<name>.provenance.json`): the SHA-256
of its script, of every project module the script imports (directly or through other modules) and
every package data file they name, of its training data under ../shared, and of the shipped file;
tests/test_weights.py fails when any of them no longer matches, or when a module is not hashed.

    python scripts/reproduce.py            # all models (the attribution and ECB+ ones take minutes each)
    python scripts/reproduce.py --fast     # the typer and the factuality model (what CI runs)
    python scripts/reproduce.py --update   # retrain, install the retrained files, rewrite the records
    python scripts/reproduce.py --check-records         # which records no longer match the tree (no training)
    python scripts/reproduce.py --uses src/reportedly/nlp/rules.py   # which models hash that file

Exit status 1 when a file differs or a record is stale (without --update).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "reportedly" / "data"
# Retrained numbers may differ from the shipped ones in the last bits (BLAS summation order across
# machines; the weights are stored as float16, ~3 significant digits): equal within this, abs and rel.
TOLERANCE = 1e-2
SRC = "src/reportedly/"


@dataclass(frozen=True)
class Model:
    """One training script, the weight files it writes, and what they are built from."""

    name: str
    script: str
    outputs: tuple[str, ...]  # under src/reportedly/data
    data: tuple[str, ...]  # under ../shared (files or folders)
    code: tuple[str, ...]  # under the repository: modules and tables the features come from
    fast: bool = False  # seconds to a few minutes: CI reproduces these


# Each model's `code` is every project module its training script imports, directly or through other
# modules (`imported_modules`), and every package data file those modules name (`package_data`):
# tests/test_weights.py fails when one is missing. So editing a shared module (nlp/*, extract/cues.py,
# places.py, wordnet.py, gazetteer.py ...) asks for retraining every model that imports it:
# `--check-records` lists which records no longer match the tree, `--uses PATH` which models hash PATH.
def _src(*names: str) -> tuple[str, ...]:
    return tuple(SRC + name for name in names)


# What the pipeline and the helpers every model reaches read: the parse, its entity ruler (the
# gazetteer's files) and the memoized start-up tables.
_PARSE = ("data/gazetteer/curated.yaml", "data/gazetteer/phoenix.json", "extract/wordnet.py",
          "gazetteer.py", "nlp/heldgil.py", "nlp/memoized.py", "nlp/memory.py", "nlp/pipeline.py",
          "nlp/rules.py")

MODELS = (
    Model("typer", "scripts/train_events.py", ("events/typer.npz",),
          ("data/plover/PLV_train.tsv", "data/plover/gpt_synthetic_events_2023-10-19_19.csv.zip"),
          _src(*_PARSE, "data/attribution/cue_lexicon.json", "data/events/lexicon.json",
               "evaluate/events.py", "extract/cues.py", "extract/events/triggers.py",
               "extract/events/typer.py"), fast=True),
    Model("factuality", "scripts/train_factuality.py", ("events/factuality.npz",),
          ("data/factuality/uw",),
          _src(*_PARSE, "data/attribution/cue_lexicon.json", "data/events/lexicon.json",
               "evaluate/events.py", "evaluate/factuality.py", "extract/cues.py",
               "extract/events/epistemic.py", "extract/events/factuality.py",
               "extract/events/triggers.py", "extract/events/typer.py"), fast=True),
    Model("attribution", "scripts/train_attribution.py",
          ("attribution/cue_filter.npz", "attribution/content_end.npz"), ("data/polnear/train",),
          # drafting, speakers, propositions ... shape its drafts and the scores it selects on.
          _src(*_PARSE, "clean/boilerplate.py", "data/attribution/cue_lexicon.json",
               "evaluate/attribution.py", "extract/attribution/contentend.py",
               "extract/attribution/cuefilter.py", "extract/attribution/drafts.py",
               "extract/attribution/extractor.py", "extract/attribution/kinds.py",
               "extract/attribution/propositions.py", "extract/attribution/quotemarks.py",
               "extract/attribution/references.py", "extract/attribution/relays.py",
               "extract/attribution/speakers.py", "extract/attribution/split.py",
               "extract/attribution/stance.py", "extract/cues.py", "extract/places.py",
               "nlp/doctext.py")),
    Model("mentions", "scripts/train_event_mentions.py", ("events/mentions.npz",), ("data/ecbplus",),
          _src(*_PARSE, "evaluate/ecbplus/align.py", "evaluate/ecbplus/corpus.py",
               "evaluate/ecbplus/eventcoref.py", "evaluate/ecbplus/mentions.py", "merge/events.py")),
    Model("coref", "scripts/train_event_coref.py", ("events/mentions_coref.npz",), ("data/ecbplus",),
          _src(*_PARSE, "data/events/mentions.npz", "evaluate/conll.py", "evaluate/ecbplus/align.py",
               "evaluate/ecbplus/corpus.py", "evaluate/ecbplus/eventcoref.py", "evaluate/ecbplus/mentions.py",
               "merge/events.py")),
)


# The ground floor (docs/architecture.md): record types, settings, the registry, caches and weight
# reading; no feature or rule comes from them, so changing them asks for no retraining.
GROUND_FLOOR = frozenset(SRC + name for name in (
    "model.py", "errors.py", "config.py", "registry.py", "cache.py", "weights.py"))


def module_file(module: str) -> Path | None:
    """The source file of a `reportedly` module (its package's __init__.py), None when there is none."""
    path = ROOT / "src" / Path(*module.split("."))
    for candidate in (path / "__init__.py", path.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def imported_modules(script: str) -> set[str]:
    """The repository paths of the `reportedly` modules a file imports, directly or through them.

    Read with `ast` (the code is not run); a package's __init__.py is not followed: importing
    `reportedly.extract.cues` runs `reportedly.extract`, but what that package gathers is not read
    by the script.
    """
    found: set[str] = set()
    todo = [ROOT / script]
    while todo:
        tree = ast.parse(todo.pop().read_text("utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # "from reportedly.extract import wordnet" names a module, "from reportedly.extract.cues
                # import X" a name in one: both forms are tried, a name that is no file is skipped below
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            for name in names:
                path = module_file(name) if name.split(".")[0] == "reportedly" else None
                if path is None or path.name == "__init__.py":
                    continue
                relative = path.relative_to(ROOT).as_posix()
                if relative not in found:
                    found.add(relative)
                    todo.append(path)
    return found


def package_data(modules: set[str]) -> set[str]:
    """The package data files the given modules name (a `"data/..."` string naming a file or folder).

    A folder counts as its files less its notes (*.md). The shipped weight files are left out: each
    has its own record, and a model that reads another's weights lists them by hand (coref reads
    the mention detector's).
    """
    outputs = {SRC + "data/" + output for model in MODELS for output in model.outputs}
    found: set[str] = set()
    for module in modules:
        for node in ast.walk(ast.parse((ROOT / module).read_text("utf-8"))):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and node.value.startswith("data/")):
                continue
            path = ROOT / SRC / node.value
            files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            found.update(p.relative_to(ROOT).as_posix() for p in files if p.is_file() and p.suffix != ".md")
    return found - outputs


def inputs_read(model: Model) -> set[str]:
    """What the model's training reads from the repository: modules past the ground floor, data files."""
    modules = imported_modules(model.script) - GROUND_FLOOR
    return modules | package_data(modules | {model.script})


def sha256(path: Path) -> str:
    """The SHA-256 of a file, or of a folder's files (relative names and contents, sorted)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for item in files:
        digest.update(str(item.relative_to(path) if path.is_dir() else item.name).encode())
        digest.update(hashlib.sha256(item.read_bytes()).digest())
    return digest.hexdigest()


def provenance(model: Model, shared: Path) -> dict[str, object]:
    """What the model's weights are built from, hashed: script, code, data."""
    return {
        "script": {model.script: sha256(ROOT / model.script)},
        "code": {name: sha256(ROOT / name) for name in model.code},
        "data": {"../shared/" + name: sha256(shared / name) for name in model.data},
    }


def record_path(output: str) -> Path:
    return DATA / (output.removesuffix(".npz") + ".provenance.json")


def stale(model: Model, shared: Path) -> list[str]:
    """Why a model's records no longer describe its inputs or its shipped files (empty when they do)."""
    now = provenance(model, shared)
    problems = []
    for output in model.outputs:
        path = record_path(output)
        if not path.is_file():
            problems.append(f"{output}: no provenance record ({path.name})")
            continue
        recorded = json.loads(path.read_text("utf-8"))
        for key in ("script", "code", "data"):
            for name, digest in now[key].items():  # type: ignore[attr-defined]
                if name not in recorded.get(key, {}):
                    problems.append(f"{output}: {name} is read but not in the record (make reproduce)")
                elif recorded[key][name] != digest:
                    problems.append(f"{output}: {name} changed since it was trained (make reproduce)")
        if recorded.get("weights") != sha256(DATA / output):
            problems.append(f"{output}: the shipped file is not the one recorded")
    return problems


def arrays(path: Path) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(path.read_bytes()), allow_pickle=False) as npz:
        return {key: npz[key] for key in npz.files}


def differences(shipped: Path, retrained: Path) -> list[str]:
    """The arrays of two weight files that differ beyond TOLERANCE (numbers) or at all (text)."""
    a, b = arrays(shipped), arrays(retrained)
    out = [f"{key}: only in one file" for key in sorted(set(a) ^ set(b))]
    for key in sorted(set(a) & set(b)):
        x, y = a[key], b[key]
        if x.shape != y.shape:
            out.append(f"{key}: shape {x.shape} vs {y.shape}")
        elif x.dtype.kind in "fiu" and y.dtype.kind in "fiu":
            x64, y64 = x.astype(np.float64), y.astype(np.float64)
            if not np.allclose(x64, y64, rtol=TOLERANCE, atol=TOLERANCE):
                out.append(f"{key}: max abs difference {float(np.abs(x64 - y64).max()):.4g}")
        elif not np.array_equal(x, y):
            out.append(f"{key}: contents differ")
    return out


def retrain(model: Model, shared: Path, into: Path, cache: Path | None) -> None:
    for output in model.outputs:
        (into / output).parent.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, str(ROOT / model.script)]
    args += ["--shared", str(shared)] if model.name in ("typer", "factuality") else []
    # PolNeAR's training script takes the corpus folder (it reads its train split); the others their data.
    data = shared / model.data[0]
    data = data.parent if model.name == "attribution" else data
    args += ["--data", str(data)] if model.name not in ("typer", "factuality") else []
    args += ["--cache", str(cache / model.name)] if cache else []
    subprocess.run(args, check=True, env=training_env(into), cwd=ROOT, stdout=sys.stderr)


def training_env(into: Path) -> dict[str, str]:
    """The training's environment: weights written into `into`, and this checkout's package first.

    The records hash this checkout's modules, so the script must import them, not whatever copy of
    `reportedly` the interpreter has installed (another checkout's, in a shared virtualenv).
    """
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "REPORTEDLY_WEIGHTS_DIR": str(into), "PYTHONPATH": path}


def update(model: Model, shared: Path, into: Path) -> None:
    """Install the retrained files and write their provenance records."""
    for output in model.outputs:
        shutil.copyfile(into / output, DATA / output)
        record = {"weights": sha256(DATA / output), "tolerance": TOLERANCE, **provenance(model, shared)}
        record_path(output).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", "utf-8")


def uses(path: str) -> list[str]:
    """The models whose hashed inputs (script, code) include a repository path or a folder above it."""
    prefix = path.rstrip("/") + "/"
    return [model.name for model in MODELS
            if any(name == path or name.startswith(prefix) for name in (model.script, *model.code))]


def main() -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--fast", action="store_true", help="only the models CI reproduces")
    parser.add_argument("--only", action="append", default=[], help="a model by name (repeatable)")
    parser.add_argument("--cache", type=Path, default=None, help="folder for parsed DocBins")
    parser.add_argument("--update", action="store_true", help="install the retrained files and records")
    parser.add_argument("--check-records", action="store_true",
                        help="only check the records, no training: which models are stale, and why")
    parser.add_argument("--uses", metavar="PATH", help="only list the models that hash PATH "
                        "(e.g. src/reportedly/nlp/rules.py): the ones to retrain after editing it")
    args = parser.parse_args()
    if args.uses:
        print("\n".join(uses(args.uses)))
        return 0
    chosen = [m for m in MODELS if (not args.fast or m.fast) and (not args.only or m.name in args.only)]
    failed = 0
    for model in chosen:
        problems = stale(model, args.shared)
        if not args.check_records:
            with tempfile.TemporaryDirectory(prefix=f"reproduce-{model.name}-") as tmp:
                retrain(model, args.shared, Path(tmp), args.cache)
                changed = [f"{o}: {d}" for o in model.outputs for d in differences(DATA / o, Path(tmp) / o)]
                problems += changed
                if args.update:
                    # What the retraining changed (beyond TOLERANCE) in the files it now replaces.
                    for line in changed:
                        print(f"{model.name}: retrained {line}")
                    update(model, args.shared, Path(tmp))
                    problems = []
        for line in problems:
            print(f"{model.name}: {line}")
        done = "updated" if args.update else "records match" if args.check_records else "reproduced"
        print(f"{model.name}: {'DIFFERS' if problems else done}"
              + ("" if args.check_records else f" (tolerance {TOLERANCE})"))
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
