"""`reportedly serve`: the web UI and JSON API over a ledger database (read-only)."""

from __future__ import annotations

import json
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


def _shown(text: str) -> str:
    """Text for the terminal: control characters (an escape sequence in a file name) escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _read_token(token: str | None, token_file: Path | None, err: Console) -> str | None:
    """The token from --token-file, --token or the environment, in that order.

    Raises:
        typer.BadParameter: the file cannot be read.
    """
    from reportedly.api.app import TOKEN_ENV

    if token_file is not None:
        try:
            return token_file.read_text(encoding="utf-8").strip("\r\n")
        except (OSError, UnicodeDecodeError) as exc:
            raise typer.BadParameter(f"cannot read {_shown(str(token_file))}: {exc}") from None
    if token is not None:
        err.print(
            Text(
                "warning: --token shows in the process list (ps); prefer --token-file FILE or "
                f"the {TOKEN_ENV} environment variable",
                style="yellow",
            )
        )
        return token
    return os.environ.get(TOKEN_ENV) or None


@app.command("serve")
def serve_cmd(  # noqa: PLR0913 (one option per setting)
    db: Annotated[
        str,
        typer.Option(
            "--db",
            help="The ledger database (a SQLite file or postgresql://user@host:port/dbname), read-only.",
        ),
    ] = "reportedly.db",
    host: Annotated[
        str, typer.Option(help="Address to listen on; anything but loopback needs a token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            help="Require this token on every request (Authorization: Bearer, or ?token=). Visible "
            "in the process list: prefer --token-file or the REPORTEDLY_TOKEN environment variable."
        ),
    ] = None,
    token_file: Annotated[
        Path | None,
        typer.Option("--token-file", help="Read the token from this file (its first line).", metavar="FILE"),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A Host name to answer besides loopback names (repeatable; *.example.org for "
            "subdomains). Other Host headers get 400 (DNS rebinding).",
            metavar="NAME",
        ),
    ] = None,
    secure_cookie: Annotated[
        bool,
        typer.Option(
            "--secure-cookie",
            help="Mark the token cookie Secure even on plain http (TLS ends at a proxy that does "
            "not send X-Forwarded-Proto).",
        ),
    ] = False,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Server processes (uvicorn workers).", metavar="N")
    ] = 1,
) -> None:
    """Serve the claim ledger as web pages and a JSON API (under /api), read-only.

    Example:

        reportedly serve --db reportedly.db        # then open http://127.0.0.1:8000/claims
    """
    import uvicorn

    from reportedly.api.app import SERVE_ENV, UnsafeBind, WeakToken, check_bind, is_loopback, make_app
    from reportedly.errors import StoreError
    from reportedly.store.database import describe

    err = Console(stderr=True)
    hosts = list(allowed_host or [])
    if not is_loopback(host) and host not in ("0.0.0.0", "::"):  # noqa: S104 (not a bind, a test)
        hosts.append(host)  # the address it listens on is a name clients may use
    try:
        secret = _read_token(token, token_file, err)
        check_bind(host, secret)
        web = make_app(db, token=secret, allowed_hosts=hosts, secure_cookie=secure_cookie)
    except (UnsafeBind, WeakToken, StoreError) as exc:
        err.print(Text(f"error: {_shown(str(exc))}", style="red"), soft_wrap=True)
        raise typer.Exit(code=2) from None
    try:
        sock = bind(host, port)  # before announcing anything: a busy port fails here, cleanly
    except OSError as exc:
        err.print(Text(f"error: cannot listen on {host} port {port}: {exc.strerror or exc} "
                       "(is another server running? choose another with --port)", style="red"))
        raise typer.Exit(code=2) from None
    shown = f"[{host}]" if ":" in host else host
    err.print(
        Text(
            f"serving {_shown(describe(db))} on http://{_shown(shown)}:{port}/ (read-only"
            f"{', token required' if secret else ''}{f', {workers} workers' if workers > 1 else ''})"
        )
    )
    if workers == 1:
        uvicorn.Server(uvicorn.Config(web, log_level="warning")).run(sockets=[sock])
        return
    # Worker processes build their own app (`app_from_env`) from these settings.
    settings = {"db": str(db), "token": secret, "allowed_hosts": hosts, "secure_cookie": secure_cookie}
    os.environ[SERVE_ENV] = json.dumps(settings)
    uvicorn.run(
        "reportedly.api.app:app_from_env",
        factory=True,
        fd=sock.fileno(),  # the socket bound above: the workers share it
        workers=workers,
        log_level="warning",
    )


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
