"""`reportedly serve` on a busy port fails cleanly before announcing it serves; on a free port it serves."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from reportedly.cli import app
from reportedly.store.database import connect
from reportedly.store.writer import store_batch
from tests.conftest import ROOT
from tests.test_ledger import _story


def _db(tmp_path: Path) -> Path:
    path = tmp_path / "l.db"
    store_batch(connect(path), _story(), [])
    return path


def test_serve_busy_port_fails_before_announcing(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--db", str(_db(tmp_path)), "--port", str(port)])
    text = " ".join(result.output.split())
    assert result.exit_code == 2, text
    assert f"cannot listen on 127.0.0.1 port {port}" in text and "--port" in text
    assert "serving" not in text


def test_serve_free_port_serves(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a free port, released for the server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "reportedly.cli", "serve", "--db", str(_db(tmp_path)), "--port", str(port)]
    server = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/claims", timeout=2) as reply:
                    assert reply.status == 200
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server never answered")
    finally:
        server.terminate()
        _out, err = server.communicate(timeout=10)
    assert f"serving {tmp_path / 'l.db'} on http://127.0.0.1:{port}/" in " ".join(err.split())
