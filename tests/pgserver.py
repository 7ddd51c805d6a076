"""A throwaway PostgreSQL cluster for the tests, from Debian's binaries (`/usr/lib/postgresql/*/bin`).

It listens on 127.0.0.1 only, on a port free at start, with its socket and data in a temporary folder
that is removed when it stops. As root (CI runs as root) `initdb` and `pg_ctl` refuse to run, so they
run as the `postgres` user (`runuser -u postgres --`), which owns the folder.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

# Seconds pg_ctl waits for the server to accept connections.
START_TIMEOUT_S = 60


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None when none is installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    """A PostgreSQL cluster started for the tests; `stop` removes every trace of it."""

    def __init__(self) -> None:
        bin_dir = binaries()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)")
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="reportedly-pg-"))
        self.port = _free_port()
        self._as: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.root, user="postgres")
            self._as = ["runuser", "-u", "postgres", "--"]
        self.data = self.root / "data"
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self._as, *args], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            log = self.root / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed: {result.stderr.strip()} {tail}".strip())

    def start(self) -> Cluster:
        """initdb (byte-order locale, trust on loopback), then start the server."""
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "--no-locale", "-E", "UTF8",
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"),
            "-t", str(START_TIMEOUT_S), "-w", "start",
        )  # fmt: skip
        return self

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        try:
            if self.data.exists():
                self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def database(self, name: str, template: str = "template0") -> str:
        """Create a database (from `template`) and return its URL."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')  # names are the tests' own
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"
