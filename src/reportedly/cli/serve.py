"""`reportedly serve`: the web UI and JSON API over a ledger database (read-only)."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from reportedly.cli import app


@app.command("serve")
def serve_cmd(
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
    from reportedly.store.database import describe

    err = Console(stderr=True)
    token = token or os.environ.get(TOKEN_ENV) or None
    try:
        check_bind(host, token)
        web = make_app(db, token=token)
    except (UnsafeBind, StoreError) as exc:
        err.print(Text(f"error: {exc}", style="red"), soft_wrap=True)
        raise typer.Exit(code=2) from None
    shown = f"[{host}]" if ":" in host else host
    err.print(
        Text(
            f"serving {describe(db)} on http://{shown}:{port}/ "
            f"(read-only{', token required' if token else ''})"
        )
    )
    uvicorn.run(web, host=host, port=port, log_level="warning")
