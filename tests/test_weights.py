"""Shipped weights read the one way: every model file loads, a missing one is named."""

from __future__ import annotations

import dataclasses
import os
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from reportedly.weights import feature_index, read_weights, require_weights
from tests.scripts import load_script

SHIPPED = sorted(
    f"data/{folder.name}/{item.name}"
    for folder in resources.files("reportedly").joinpath("data").iterdir()
    if folder.is_dir()
    for item in folder.iterdir()
    if item.name.endswith(".npz")
)


def test_weights_every_model_is_shipped() -> None:
    assert len(SHIPPED) >= 6, SHIPPED  # typer, factuality, cue filter, content end, mentions, coref


@pytest.mark.parametrize("name", SHIPPED)
def test_weights_shipped_files_load_with_a_vocabulary_or_weights(name: str) -> None:
    arrays = require_weights(name)
    assert arrays, name
    if "vocab" in arrays:
        index = feature_index(arrays["vocab"])
        assert sorted(index.values()) == list(range(len(index)))


def test_weights_missing_file() -> None:
    assert read_weights("data/events/nothing.npz") is None
    with pytest.raises(FileNotFoundError, match="data/events/nothing.npz"):
        require_weights("data/events/nothing.npz")


def _reproduce() -> Any:
    """scripts/reproduce.py as a module (it is a script, not part of the package)."""
    return load_script("reproduce")


def test_weights_every_shipped_file_has_a_training_script() -> None:
    covered = {f"data/{o}" for m in _reproduce().MODELS for o in m.outputs}
    assert covered == set(SHIPPED)


@pytest.mark.parametrize("model", [m.name for m in _reproduce().MODELS])
def test_weights_provenance_records_match_scripts_inputs_and_files(model: str, shared: Path) -> None:
    # A training script, the code its features come from, or its data under ../shared changed (or the
    # shipped file was replaced) without retraining: `make reproduce` (scripts/reproduce.py --update).
    reproduce = _reproduce()
    chosen = next(m for m in reproduce.MODELS if m.name == model)
    assert reproduce.stale(chosen, shared) == []


def test_weights_stale_record_is_reported(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reproduce = _reproduce()
    model = next(m for m in reproduce.MODELS if m.name == "typer")
    script = tmp_path / "scripts" / "train_events.py"
    script.parent.mkdir()
    script.write_text((reproduce.ROOT / model.script).read_text("utf-8") + "\n# changed\n", "utf-8")
    for name in model.code:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((reproduce.ROOT / name).read_bytes())
    monkeypatch.setattr(reproduce, "ROOT", tmp_path)
    assert any("train_events.py changed" in p for p in reproduce.stale(model, shared))


def test_weights_input_missing_from_the_record_is_reported(shared: Path) -> None:
    # A module the training now reads that the record never hashed is stale too, and says so.
    reproduce = _reproduce()
    typer = next(m for m in reproduce.MODELS if m.name == "typer")
    added = dataclasses.replace(typer, code=(*typer.code, "src/reportedly/model.py"))
    assert reproduce.stale(added, shared) == [
        "events/typer.npz: src/reportedly/model.py is read but not in the record (make reproduce)"]


def test_weights_numeric_differences_beyond_tolerance(tmp_path: Path) -> None:
    reproduce = _reproduce()
    a, b, c = tmp_path / "a.npz", tmp_path / "b.npz", tmp_path / "c.npz"
    np.savez(a, w=np.array([1.0, 2.0], dtype=np.float16), vocab=np.array('["x", "y"]'))
    np.savez(b, w=np.array([1.001, 2.0], dtype=np.float16), vocab=np.array('["x", "y"]'))
    np.savez(c, w=np.array([1.2, 2.0], dtype=np.float16), vocab=np.array('["x", "z"]'))
    assert reproduce.differences(a, b) == []
    assert [d.split(":")[0] for d in reproduce.differences(a, c)] == ["vocab", "w"]


@pytest.mark.parametrize("model", [m.name for m in _reproduce().MODELS])
def test_weights_records_hash_every_module_and_data_file_the_training_reads(model: str) -> None:
    # Every module the script imports, directly or through others, shapes the features or the scores
    # the training selects on (drafts, triggers, the parse's rules ...), and so does every package
    # data file they name: a change to any of them must ask for retraining.
    reproduce = _reproduce()
    chosen = next(m for m in reproduce.MODELS if m.name == model)
    read = reproduce.inputs_read(chosen)
    assert "src/reportedly/nlp/pipeline.py" in read  # every training parses with the pipeline
    assert read - set(chosen.code) == set()


@pytest.mark.parametrize(("model", "module"), [
    ("attribution", "extract/attribution/drafts.py"), ("typer", "nlp/rules.py"),
    ("factuality", "extract/cues.py"), ("mentions", "merge/events.py"), ("coref", "nlp/rules.py"),
])
def test_weights_records_hash_modules_reached_through_other_modules(model: str, module: str) -> None:
    reproduce = _reproduce()
    chosen = next(m for m in reproduce.MODELS if m.name == model)
    assert reproduce.SRC + module in chosen.code
    assert reproduce.SRC + module in reproduce.inputs_read(chosen)


def test_weights_uses_names_every_model_that_hashes_a_path() -> None:
    reproduce = _reproduce()
    assert reproduce.uses("src/reportedly/nlp/pipeline.py") == [m.name for m in reproduce.MODELS]
    assert reproduce.uses("src/reportedly/extract/events") == ["typer", "factuality"]
    assert reproduce.uses("scripts/train_attribution.py") == ["attribution"]
    assert reproduce.uses("src/reportedly/export") == []
    assert reproduce.uses("src/reportedly/store") == []  # coref scores clusters with evaluate/conll.py alone


def test_weights_training_imports_the_checkout_it_hashes(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # Without PYTHONPATH a shared virtualenv's installed `reportedly` (another checkout) would be
    # trained while this checkout's modules are hashed.
    reproduce = _reproduce()
    monkeypatch.setenv("PYTHONPATH", "/elsewhere")
    env = reproduce.training_env(tmp_path)
    assert env["PYTHONPATH"].split(os.pathsep) == [str(reproduce.ROOT / "src"), "/elsewhere"]
    assert env["REPORTEDLY_WEIGHTS_DIR"] == str(tmp_path)


def _checkout(root: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> Any:
    """scripts/reproduce.py reading a checkout at `root` made of these files (path: text)."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    reproduce = _reproduce()
    monkeypatch.setattr(reproduce, "ROOT", root)
    return reproduce


def test_weights_package_data_names_data_files_but_not_weights(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    reproduce = _checkout(tmp_path, monkeypatch, {
        "src/reportedly/extract/a.py": 'TABLE = "data/x/table.json"\nW = "data/events/typer.npz"\n'
                                       'F = "data/folder"\nGONE = "data/missing.json"\n',
        "src/reportedly/data/x/table.json": "{}",
        "src/reportedly/data/events/typer.npz": "",
        "src/reportedly/data/folder/one.yaml": "",
        "src/reportedly/data/folder/README.md": "",
    })
    assert reproduce.package_data({"src/reportedly/extract/a.py"}) == {
        "src/reportedly/data/x/table.json", "src/reportedly/data/folder/one.yaml"}


def test_weights_imported_modules_follow_imports_past_the_first_file(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    reproduce = _checkout(tmp_path, monkeypatch, {
        "scripts/train.py": "from reportedly.extract import a\n",
        "src/reportedly/extract/__init__.py": "from reportedly.extract import unread\n",
        "src/reportedly/extract/a.py": "import reportedly.extract.b\n",
        "src/reportedly/extract/b.py": "from reportedly.model import Span\n",
        "src/reportedly/extract/unread.py": "",
        "src/reportedly/model.py": "",
    })
    assert reproduce.imported_modules("scripts/train.py") == {
        "src/reportedly/extract/a.py", "src/reportedly/extract/b.py", "src/reportedly/model.py"}
