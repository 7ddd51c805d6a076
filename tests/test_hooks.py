"""The pre-commit hook (scripts/hooks/pre-commit, `make hooks`): a commit that leaves the golden test red
is refused, judged on the staged tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HOOK = ROOT / "scripts" / "hooks" / "pre-commit"
GREEN = "def test_golden() -> None:\n    assert True\n"
RED = "def test_golden() -> None:\n    assert False\n"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is needed to test the pre-commit hook")
    repo = tmp_path / "clone"
    (repo / "tests").mkdir(parents=True)
    (repo / "src").mkdir()
    (repo / "docs").mkdir()
    (repo / "tests" / "test_golden.py").write_text(GREEN, "utf-8")
    _git(repo, "init", "-q")
    return repo


def _hook(repo: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON": sys.executable, "TMPDIR": str(repo.parent)}
    return subprocess.run([str(HOOK)], cwd=repo, env=env, capture_output=True, text=True, timeout=120)


def test_hook_refuses_a_red_golden_test(repo: Path) -> None:
    (repo / "src" / "extractor.py").write_text("X = 1\n", "utf-8")
    (repo / "tests" / "test_golden.py").write_text(RED, "utf-8")
    _git(repo, "add", "-A")
    result = _hook(repo)
    assert result.returncode == 1, result.stderr
    assert "test_golden.py fails" in result.stderr


def test_hook_passes_a_green_golden_test(repo: Path) -> None:
    (repo / "src" / "extractor.py").write_text("X = 1\n", "utf-8")
    _git(repo, "add", "-A")
    assert _hook(repo).returncode == 0
    assert not [p for p in repo.parent.glob("golden-hook.*") if p.is_dir()]  # the staged copy is removed


def test_hook_judges_the_staged_tree_not_the_work_tree(repo: Path) -> None:
    """A red golden test staged, then fixed only in the work tree: the commit would still be red."""
    (repo / "tests" / "test_golden.py").write_text(RED, "utf-8")
    _git(repo, "add", "-A")
    (repo / "tests" / "test_golden.py").write_text(GREEN, "utf-8")
    assert _hook(repo).returncode == 1


def test_hook_skips_changes_goldens_do_not_depend_on(repo: Path) -> None:
    (repo / "tests" / "test_golden.py").write_text(RED, "utf-8")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--no-verify", "-m", "red")
    (repo / "docs" / "notes.md").write_text("notes\n", "utf-8")
    _git(repo, "add", "-A")
    assert _hook(repo).returncode == 0
    assert not list(repo.parent.glob("golden-hook.*"))
