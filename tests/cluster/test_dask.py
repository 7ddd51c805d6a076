"""`ingest --scheduler` / `analyze --scheduler`: the analysis on a real Dask cluster (see conftest.py).

Through the cluster, ingest leaves the ledger a local ingest leaves; a worker killed mid-batch loses
and doubles nothing; an article that fails on the cluster is recorded as failed and the rest is stored.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import reportedly
from reportedly import runner, runner_dask
from reportedly.clean import dedup
from reportedly.cli import app
from reportedly.config import Settings
from reportedly.errors import ClusterError
from reportedly.model import to_dict
from reportedly.pipeline import ingest
from tests.cluster import tasks
from tests.cluster.conftest import Cluster, running_cluster
from tests.conftest import ROOT

PEOPLE = ("Ahmad Massoud", "Abdul Ghani Baradar", "Zamir Kabulov", "Amir Khan Muttaqi")
# Seconds a test waits for its first marker before giving up.
MARKER_WAIT_S = 120


def _samples() -> list[str]:
    """The sample corpus `make run` ingests: statuses, a dispute, a syndicated copy."""
    return sorted(str(p) for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".jsonl"))


def _corpus(folder: Path, n: int, poison: int | None = None) -> list[str]:
    folder.mkdir()
    for i in range(n):
        a, b = PEOPLE[i % 4], PEOPLE[(i + 1) % 4]
        tail = f" {tasks.POISON}" if i == poison else ""
        body = f"KABUL (ANI): {a} met {b} in Moscow on day {i}, a source told Tolo News.{tail}"
        (folder / f"{i:03d}.txt").write_text(f"Story number {i}\n\n{body}\n", encoding="utf-8")
    return [str(folder)]


def _ledger(db: Path) -> dict[str, Any]:
    """Everything the ledger shows: claims (events, statuses, sources), entities, articles, failures."""
    with reportedly.open(db) as ledger:
        return {
            "claims": [to_dict(c) for c in ledger.claims()],
            "entities": [to_dict(e) for e in ledger.entities()],
            "articles": [to_dict(a) for a in ledger.articles()],  # in the order they were stored
            "failures": [(f.path, f.error, f.attempts) for f in ledger.failures()],
        }


def _no_local_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, analyzing in this process fails the test: the cluster must do it."""

    def refuse(*_: Any) -> Any:
        raise AssertionError("the analysis ran in the client, not on the cluster")

    monkeypatch.setattr(runner, "_analyze_batch", refuse)


def _client_sketches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From here on, the texts this process sketches for the copy check (texts too short to be a copy
    are left out: their sketch has no band keys, and nothing is saved by shipping it)."""
    made: list[str] = []
    real = dedup.sketch

    def counting(text: str, threshold: float = dedup.LSH_THRESHOLD) -> dedup.Sketch:
        found = real(text, threshold)
        if len(found.keys):
            made.append(text)
        return found

    monkeypatch.setattr(dedup, "sketch", counting)
    return made


def test_dask_ingest_same_ledger_as_local(
    dask_cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty, binary = tmp_path / "empty.txt", tmp_path / "binary.txt"
    empty.write_bytes(b"")
    binary.write_bytes(bytes(range(256)) * 4)
    inputs = [*_samples(), str(empty), str(binary)]
    settings = Settings(published="2022-02-01", batch_size=2)  # several batches, in flight at once
    local = ingest(inputs, settings.replace(db=tmp_path / "local.db"))
    _no_local_analysis(monkeypatch)
    sketched = _client_sketches(monkeypatch)
    remote = ingest(inputs, settings.replace(db=tmp_path / "dask.db", scheduler=dask_cluster.address))
    assert (local.stored, local.failed) == (7, 2)
    assert remote == local
    assert not sketched, "the client sketched articles for the copy check: the workers ship sketches"
    expected = _ledger(tmp_path / "local.db")
    assert any(c["status"] == "disputed" for c in expected["claims"])
    assert any(a["duplicate_of"] for a in expected["articles"])
    assert _ledger(tmp_path / "dask.db") == expected


def _first_marker(cluster: Cluster) -> Path:
    deadline = time.monotonic() + MARKER_WAIT_S
    while time.monotonic() < deadline:
        found = sorted(cluster.markers.iterdir(), key=lambda p: p.stat().st_mtime)
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError("no batch started on the cluster")


def test_dask_worker_killed_mid_batch_loses_and_doubles_nothing(
    dask_cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dask_cluster.wait_for_workers(2)
    dask_cluster.clear_markers()
    inputs = _corpus(tmp_path / "corpus", 8)
    settings = Settings(batch_size=2)
    local = ingest(inputs, settings.replace(db=tmp_path / "local.db"))
    _no_local_analysis(monkeypatch)
    monkeypatch.setattr(runner_dask, "analyze_batch", tasks.marking_batch)  # marks, pauses, analyzes
    with ThreadPoolExecutor(1) as pool:
        remote_settings = settings.replace(db=tmp_path / "dask.db", scheduler=dask_cluster.address)
        run = pool.submit(ingest, inputs, remote_settings)
        marker = _first_marker(dask_cluster)
        killed_pid, killed_batch = int(marker.name.split("-")[0]), marker.read_text()
        os.kill(killed_pid, signal.SIGKILL)  # a worker process of the cluster, paused in that batch
        remote = run.result(timeout=600)
    assert remote == local and (remote.stored, remote.failed) == (8, 0)
    assert _ledger(tmp_path / "dask.db") == _ledger(tmp_path / "local.db")
    runs = [(m.name.split("-")[0], m.read_text()) for m in dask_cluster.markers.iterdir()]
    reran = {pid for pid, batch in runs if batch == killed_batch and int(pid) != killed_pid}
    assert reran, "the killed worker's batch was not run again on another worker"
    conn = sqlite3.connect(tmp_path / "dask.db")
    assert conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (8, 8)


def test_dask_failing_article_recorded_failed(
    dask_cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = _corpus(tmp_path / "corpus", 6, poison=4)
    monkeypatch.setattr(runner_dask, "analyze_batch", tasks.raising_batch)
    report = ingest(inputs, Settings(batch_size=3, db=tmp_path / "l.db", scheduler=dask_cluster.address))
    assert (report.stored, report.failed) == (5, 1)
    ledger = _ledger(tmp_path / "l.db")
    assert ledger["failures"] == [
        (str(tmp_path / "corpus" / "004.txt"), "analysis failed: RuntimeError: poisoned article", 1)
    ]
    stored = sorted(Path(a["source"]["path"]).name for a in ledger["articles"])
    assert stored == ["000.txt", "001.txt", "002.txt", "003.txt", "005.txt"]  # the batch-mates too


@pytest.mark.slow
def test_dask_article_killing_its_worker_recorded_failed(
    dask_cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dask_cluster.wait_for_workers(2)
    inputs = _corpus(tmp_path / "corpus", 4, poison=1)
    monkeypatch.setattr(runner_dask, "analyze_batch", tasks.dying_batch)
    report = ingest(inputs, Settings(batch_size=2, db=tmp_path / "l.db", scheduler=dask_cluster.address))
    assert (report.stored, report.failed) == (3, 1)
    ((path, error, _),) = _ledger(tmp_path / "l.db")["failures"]
    assert path.endswith("001.txt")
    assert error.startswith("analysis failed: every Dask worker analyzing it died")


def test_dask_cli_ingest_and_analyze(
    dask_cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = _corpus(tmp_path / "corpus", 3)
    _no_local_analysis(monkeypatch)
    cli = CliRunner()
    db = tmp_path / "l.db"
    ingested = cli.invoke(app, ["ingest", *inputs, "--db", str(db), "--scheduler", dask_cluster.address])
    assert ingested.exit_code == 0, ingested.output
    assert "3 stored, 0 already stored, 0 failed" in ingested.output and "articles/s" in ingested.output
    analyzed = cli.invoke(app, ["analyze", *inputs, "--scheduler", dask_cluster.address])
    assert analyzed.exit_code == 0, analyzed.output
    records = [json.loads(line) for line in analyzed.stdout.splitlines() if line.startswith("{")]
    assert len(records) == 3 and all(r["entities"] for r in records)


def test_dask_cli_unreachable_scheduler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_dask, "CONNECT_TIMEOUT_S", 1)
    inputs = _corpus(tmp_path / "corpus", 1)
    args = ["ingest", *inputs, "--db", str(tmp_path / "l.db"), "--scheduler", "tcp://127.0.0.1:9"]
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 2
    assert "error: cannot reach the Dask scheduler at tcp://127.0.0.1:9" in out.output


def test_dask_workers_without_the_gazetteer_fail_at_once(dask_cluster: Cluster, tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "corpus", 2)
    gone = tmp_path / "gone.yaml"  # on this machine, so on the workers (as on another machine)
    settings = Settings(db=tmp_path / "l.db", scheduler=dask_cluster.address, gazetteers=(gone,))
    with pytest.raises(ClusterError, match="cannot load the analysis pipeline: .*gone.yaml"):
        ingest(inputs, settings)
    with reportedly.open(tmp_path / "l.db") as ledger:
        assert not list(ledger.articles()) and not ledger.failures()  # nothing recorded against the articles


def test_dask_workers_run_without_the_profiler(dask_cluster: Cluster, tmp_path: Path) -> None:
    ingest(_corpus(tmp_path / "corpus", 1), Settings(db=tmp_path / "l.db", scheduler=dask_cluster.address))
    with dask_cluster.client() as client:
        callbacks = client.run(lambda dask_worker: sorted(dask_worker.periodic_callbacks))
    assert callbacks and all(not set(runner_dask.PROFILER_CALLBACKS) & set(c) for c in callbacks.values())


@pytest.mark.slow
def test_dask_scheduler_lost_mid_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportedly import pipeline as store_ingest

    inputs = _corpus(tmp_path / "corpus", 48)  # three batches: the kill comes after the first is stored
    with running_cluster(tmp_path / "cluster", 1) as cluster:
        store_batch = store_ingest.store_batch

        def kill_scheduler_then_store(*args: Any) -> int:
            if cluster.scheduler.poll() is None:
                os.killpg(cluster.scheduler.pid, signal.SIGKILL)
            return store_batch(*args)

        monkeypatch.setattr(store_ingest, "store_batch", kill_scheduler_then_store)
        monkeypatch.setattr(store_ingest, "STORE_BATCH", 2)
        db = tmp_path / "l.db"
        out = CliRunner().invoke(app, ["ingest", *inputs, "--db", str(db), "--scheduler", cluster.address])
    assert out.exit_code == 2
    assert f"error: lost the Dask scheduler at {cluster.address}" in " ".join(out.output.split())
    stored = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < stored < 48
    again = ingest(inputs, Settings(db=db))  # the same command resumes (here without a cluster)
    assert (again.already_stored, again.stored) == (stored, 48 - stored)
