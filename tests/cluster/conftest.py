"""A real Dask cluster for the tests: `dask scheduler` and `dask worker` (two worker processes, one thread
each) started as subprocesses from the project's virtualenv, on 127.0.0.1 and a port the scheduler picks.

The scheduler gives a batch up after one worker death while running it (`allowed-failures` 1 instead of
Dask's 3), so the test of an article that kills its worker is quicker; the runner's behaviour is the same.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.cluster.tasks import MARKERS_ENV
from tests.conftest import ROOT

DASK = Path(sys.executable).with_name("dask")
# Seconds for the scheduler to start, and for both workers to join with their pipeline loaded.
START_S = 60
WORKERS_S = 300


@dataclass
class Cluster:
    """The running cluster: its address, the folder where marking tasks leave markers, the scheduler."""

    address: str
    markers: Path
    scheduler: subprocess.Popen[bytes]

    def client(self) -> Any:
        from distributed import Client

        return Client(self.address, timeout=START_S, set_as_default=False)

    def wait_for_workers(self, n: int = 2) -> None:
        """Block until `n` workers are up (a killed one is restarted by its nanny)."""
        with self.client() as client:
            client.wait_for_workers(n, timeout=WORKERS_S)

    def clear_markers(self) -> None:
        for marker in self.markers.iterdir():
            marker.unlink()


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a process group this fixture started: SIGTERM, then SIGKILL after a grace period."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _start(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [str(DASK), *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
            start_new_session=True,  # its own process group: stopped whole, workers and nannies
        )


@contextmanager
def running_cluster(tmp: Path, n_workers: int) -> Iterator[Cluster]:
    """A scheduler and `n_workers` worker processes (one thread each), stopped on exit."""
    if not DASK.exists():
        pytest.fail(f"{DASK} not found: dask and distributed are project dependencies (make venv)")
    markers = tmp / "markers"
    markers.mkdir(parents=True)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),  # this checkout, and tests.cluster
        MARKERS_ENV: str(markers),
        "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1",
    }
    address_file = tmp / "scheduler.json"
    # Every listener on the loopback: --no-dashboard alone still serves HTTP (health, metrics) on 0.0.0.0.
    common = ["--host", "127.0.0.1", "--dashboard-address", "127.0.0.1:0"]
    scheduler_args = ["scheduler", "--port", "0", "--scheduler-file", str(address_file), *common]
    scheduler = _start(scheduler_args, tmp / "scheduler.log", env)
    workers: subprocess.Popen[bytes] | None = None
    try:
        deadline = time.monotonic() + START_S
        while not address_file.exists() and time.monotonic() < deadline and scheduler.poll() is None:
            time.sleep(0.1)
        if not address_file.exists():
            pytest.fail(f"the Dask scheduler did not start: {(tmp / 'scheduler.log').read_text()[-2000:]}")
        address = json.loads(address_file.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        worker_args = ["worker", address, "--nworkers", str(n_workers), "--nthreads", "1", *common]
        workers = _start([*worker_args, "--local-directory", str(tmp / "w")], tmp / "workers.log", env)
        cluster = Cluster(address=address, markers=markers, scheduler=scheduler)
        cluster.wait_for_workers(n_workers)
        yield cluster
    finally:
        if workers is not None:
            _stop(workers)
        _stop(scheduler)


@pytest.fixture(scope="session")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    with running_cluster(tmp_path_factory.mktemp("dask"), 2) as cluster:
        yield cluster
