"""`eval coref --data DIR` reads whichever ECB+ topic folders DIR holds, and says so when it holds none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.errors import InputError
from reportedly.evaluate.ecbplus.corpus import read_split, topic_folders

CSV = "ECBplus_coreference_sentences.csv"


def _copy_topic(shared: Path, tmp: Path, topic: int, as_topic: int) -> Path:
    src = shared / "data" / "ecbplus"
    (tmp / "ECB+").mkdir(parents=True, exist_ok=True)
    shutil.copytree(src / "ECB+" / str(topic), tmp / "ECB+" / str(as_topic))
    shutil.copy(src / CSV, tmp / CSV)
    return tmp


def test_coref_data_reads_a_topic_outside_1_to_35(shared: Path, tmp_path: Path) -> None:
    data = _copy_topic(shared, tmp_path, 3, 41)  # a held-out topic number (ECB+ 36-45)
    assert list(topic_folders(data)) == [41]
    docs = read_split(data, "all")
    assert len(docs) == len(list((data / "ECB+" / "41").glob("*.xml"))) > 0
    assert {d.topic for d in docs} == {41} and any(d.gold for d in docs)
    assert [d.name for d in read_split(data, "train")] == [d.name for d in docs]  # 41 is not a dev topic


def test_coref_data_without_topics_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no ECB\\+ documents for split all"):
        read_split(tmp_path, "all")


def test_coref_cli_empty_folder_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "coref", "--data", str(tmp_path), "--split", "all"])
    assert result.exit_code == 2
    assert "no ECB+ documents" in result.output and str(tmp_path) in result.output.replace("\n", "")


def test_coref_cli_dev_split_of_held_out_topics_exits_2(shared: Path, tmp_path: Path) -> None:
    data = _copy_topic(shared, tmp_path, 3, 41)
    result = CliRunner().invoke(app, ["eval", "coref", "--data", str(data), "--split", "dev"])
    assert result.exit_code == 2 and "topic folders found: 41" in result.output
