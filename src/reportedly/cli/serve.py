"""`reportedly serve`: the web UI and JSON API over a ledger database (read-only)."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from reportedly.cli import app

# Pending connections the listening socket queues (uvicorn's default).
LISTEN_BACKLOG = 2048


@app.command("serve")
def serve_cmd(
    db: Annotated[Path, typer.Option("--db", help="The ledger database (SQLite), opened read-only.")] = Path(
        "reportedly.db"
    ),
    host: Annotated[
        str, typer.Option(help="Address to listen on; anything but loopback needs a token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            help="Require this token on every request (Authorization: Bearer, or ?token=). "
            "Default: the REPORTEDLY_TOKEN environment variable."
        ),
    ] = None,
) -> None:
    """Serve the claim ledger as web pages and a JSON API (under /api), read-only.

    Example:

        reportedly serve --db reportedly.db        # then open http://127.0.0.1:8000/claims
    """
    import uvicorn

    from reportedly.api.app import TOKEN_ENV, UnsafeBind, check_bind, make_app
    from reportedly.errors import StoreError

    err = Console(stderr=True)
    token = token or os.environ.get(TOKEN_ENV) or None
    try:
        check_bind(host, token)
        web = make_app(db, token=token)
    except (UnsafeBind, StoreError) as exc:
        err.print(Text(f"error: {exc}", style="red"))
        raise typer.Exit(code=2) from None
    try:
        sock = bind(host, port)  # before announcing anything: a busy port fails here, cleanly
    except OSError as exc:
        err.print(Text(f"error: cannot listen on {host} port {port}: {exc.strerror or exc} "
                       "(is another server running? choose another with --port)", style="red"))
        raise typer.Exit(code=2) from None
    shown = f"[{host}]" if ":" in host else host
    err.print(
        Text(f"serving {db} on http://{shown}:{port}/ (read-only{', token required' if token else ''})")
    )
    uvicorn.Server(uvicorn.Config(web, log_level="warning")).run(sockets=[sock])


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (uvicorn serves on it).

    Raises:
        OSError: the port is in use, or the address is not this machine's.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # not a live listener: TIME_WAIT only
        sock.bind((host, port))
        sock.listen(LISTEN_BACKLOG)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock
