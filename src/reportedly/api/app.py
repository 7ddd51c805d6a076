"""The web UI and HTTP API: `make_app(db)` builds a read-only FastAPI app over a ledger database.

Every page has a JSON twin under /api built from the same view data (`reportedly.api.views`).
Every error, on any route, has one shape: `{"ok": false, "error", "errors", "status"}` (HTML pages
render the same object). Every request passes `reportedly.api.guard` first: a trusted Host, then
the token when there is one (`Authorization: Bearer`, the `token` query parameter, which also sets
a cookie so the pages' links keep working, or that cookie); every reply carries its headers.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

import reportedly
from reportedly.api import views
from reportedly.api.guard import (
    TOKEN_COOKIE,
    TOKEN_ENV,
    Gate,
    UnsafeBind,
    WeakToken,
    check_bind,
    check_token,
    is_loopback,
    secured,
)
from reportedly.errors import StoreError
from reportedly.ledger.api import Opener

HERE = FilePath(__file__).resolve().parent
SERVE_ENV = "REPORTEDLY_SERVE"  # `serve --workers N` hands its settings to the workers here
ERROR_NAMES = {
    400: "untrusted host",
    401: "unauthorized",
    404: "not found",
    405: "method not allowed",
    422: "invalid request",
    500: "internal error",
    503: "database unavailable",
}


class ErrorItem(BaseModel):
    """One invalid parameter: where it is, what is wrong, the kind of error."""

    loc: list[str]
    msg: str
    type: str


class ErrorBody(BaseModel):
    """The one error shape, on every route (documented in the OpenAPI schema)."""

    ok: Literal[False]
    error: str
    errors: list[ErrorItem]
    status: int


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": name} for code, name in ERROR_NAMES.items() if code != 405
}
# Text parameters: no control characters (NUL, ESC, C1), and a length no form field needs.
NO_CONTROL = r"^[^\x00-\x1f\x7f-\x9f]*$"
TEXT_MAX = 500
ID_MAX = 200
MAX_OFFSET = 1_000_000_000  # rows; SQLite's OFFSET is a 64-bit integer, a larger one is an error

Limit = Annotated[int, Query(ge=1, le=views.MAX_PAGE, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
DATE_OR_EMPTY = r"^(\d{4}-\d{2}-\d{2})?$"


def _text(description: str) -> Any:
    """A text query parameter: bounded, without control characters."""
    return Query(description=description, max_length=TEXT_MAX, pattern=NO_CONTROL)


Id = Annotated[str, Path(max_length=ID_MAX, pattern=NO_CONTROL, description="A ledger id.")]


def error_body(status: int, message: str, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The one error shape."""
    return {"ok": False, "error": message, "errors": errors or [], "status": status}


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return request.url.path.startswith("/api") or ("application/json" in accept and "text/html" not in accept)


class _Env(jinja2.Environment):
    """Templates read view data, plain dicts: `x.key` looks the key up first. (Jinja tries the
    attribute first, and a failed attribute lookup per field was a third of a long page's render.)"""

    def getattr(self, obj: Any, attribute: str) -> Any:  # noqa: A003 (Jinja's hook)
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def _env() -> jinja2.Environment:
    env = _Env(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["via"] = lambda via: " › ".join(via)
    env.filters["sector_name"] = lambda code: views.SECTOR_NAMES.get(code or "", code)
    return env


def _page_url(request: Request, **changes: Any) -> str:
    """This page's path and query with some parameters changed (the token left out)."""
    params = {k: v for k, v in request.query_params.items() if k != "token"}
    params.update({k: str(v) for k, v in changes.items()})
    return request.url.path + ("?" + urlencode(params) if params else "")


def _blank(value: str | None) -> str | None:
    """An empty form field means no filter."""
    return value.strip() or None if value is not None else None


class _Site:
    """The app's routes over one ledger, read-only.

    Reading goes through `ledger.api.Opener`: a SQLite file on one read-only connection per
    request thread (reopened when the file was replaced or a read failed), a PostgreSQL ledger on
    connections lent by a pool. Nothing is ever migrated or written.
    """

    def __init__(self, db: str | FilePath, env: jinja2.Environment) -> None:
        self.db = db
        self.env = env
        self.open = Opener(db)

    def call(self, view: Callable[..., dict[str, Any]], *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Run a view on a read-only ledger connection (in the request's worker thread)."""
        with self.open() as ledger:
            return view(ledger, *args, **kwargs)

    def render(
        self, request: Request, template: str, data: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        """A page from its view data."""
        here = _page_url(request)
        api_url = "/api" + (here if not here.startswith("/?") and here != "/" else here[1:])
        html = self.env.get_template(template).render(
            **data, path=request.url.path, api_url=api_url, page_url=functools.partial(_page_url, request)
        )
        return HTMLResponse(html, status_code=status)

    def error(
        self, request: Request, status: int, message: str, errors: list[dict[str, Any]] | None = None
    ) -> Response:
        """The error shape, as JSON for the API (or a JSON client) and as a page otherwise."""
        body = error_body(status, message, errors)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        if _wants_json(request):
            return secured(JSONResponse(body, status_code=status, headers=headers))
        page = self.render(request, "error.html", {"error": body}, status)
        page.headers.update(headers or {})
        return secured(page)


def _pair(
    app: FastAPI, site: _Site, path: str, template: str, summary: str
) -> Callable[[Callable[..., Any]], Any]:
    """Register a view-data function twice: as JSON under /api and as an HTML page."""

    def register(fn: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        @functools.wraps(fn)
        def as_json(*args: Any, **kwargs: Any) -> dict[str, Any]:
            return {"ok": True, **fn(*args, **kwargs)}

        @functools.wraps(fn)
        def as_html(*args: Any, **kwargs: Any) -> HTMLResponse:
            return site.render(kwargs["request"], template, fn(*args, **kwargs))

        api_path = "/api" + (path if path != "/" else "")
        app.get(api_path, summary=summary, tags=["ledger"], responses=ERROR_RESPONSES)(as_json)
        app.get(path, response_class=HTMLResponse, response_model=None, include_in_schema=False)(as_html)
        return fn

    return register


def _routes(app: FastAPI, site: _Site) -> None:  # noqa: C901 (one small function per page)
    @_pair(app, site, "/", "overview.html", "Counts, latest disputed claims, recent articles")
    def overview(request: Request) -> dict[str, Any]:
        return site.call(views.overview)

    @_pair(app, site, "/claims", "claims.html", "The claim ledger, filtered and paginated")
    def claims(
        request: Request,
        limit: Limit = views.DEFAULT_PAGE,
        offset: Offset = 0,
        actor: Annotated[str | None, _text("Entity name, alias or id")] = None,
        type: Annotated[str | None, _text("PLOVER event type")] = None,  # noqa: A002
        status: Annotated[str | None, _text("Ledger status")] = None,
        since: Annotated[str | None, Query(pattern=DATE_OR_EMPTY, description="YYYY-MM-DD")] = None,
    ) -> dict[str, Any]:
        return site.call(
            views.claims,
            views.Page(limit, offset),
            actor=_blank(actor),
            type=_blank(type),
            status=_blank(status),
            since=_blank(since),
        )

    @_pair(app, site, "/events/{event_id}", "event.html", "One ledger event: timeline and mentions")
    def event(
        request: Request, event_id: Id, limit: Limit = views.DEFAULT_PAGE, offset: Offset = 0
    ) -> dict[str, Any]:
        return site.call(views.event, event_id, views.Page(limit, offset))

    @_pair(app, site, "/entities", "entities.html", "Entities, most mentioned first")
    def entities(
        request: Request,
        limit: Limit = views.DEFAULT_PAGE,
        offset: Offset = 0,
        name: Annotated[str | None, _text("Part of a name or alias")] = None,
    ) -> dict[str, Any]:
        return site.call(views.entities, views.Page(limit, offset), name=_blank(name))

    @_pair(app, site, "/entities/{entity_id}", "entity.html", "One entity: roles, events, counterparts")
    def entity(
        request: Request, entity_id: Id, limit: Limit = views.DEFAULT_PAGE, offset: Offset = 0
    ) -> dict[str, Any]:
        return site.call(views.entity, entity_id, views.Page(limit, offset))

    @_pair(app, site, "/articles/{article_id}", "article.html", "One article with its annotations")
    def article(request: Request, article_id: Id) -> dict[str, Any]:
        return site.call(views.article, article_id)

    @_pair(app, site, "/search", "search.html", "Full-text search of articles, and entities by name")
    def search(
        request: Request,
        q: Annotated[str, _text("Words to find")] = "",
        limit: Limit = views.SEARCH_PAGE,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        return site.call(views.search, q, views.Page(limit, offset))


def _handlers(app: FastAPI, site: _Site) -> None:
    @app.exception_handler(views.NotFound)
    async def not_found(request: Request, exc: views.NotFound) -> Response:
        return site.error(request, 404, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return site.error(request, 503, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return site.error(request, exc.status_code, ERROR_NAMES.get(exc.status_code, str(exc.detail)))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": _message(e), "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        return site.error(request, 422, ERROR_NAMES[422], errors)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        return site.error(request, 500, ERROR_NAMES[500])


def _message(error: Any) -> str:
    """A validation error's message; a control character is named as such, not as a regex."""
    pattern = (error.get("ctx") or {}).get("pattern")
    if error.get("type") == "string_pattern_mismatch" and pattern == NO_CONTROL:
        return "control characters are not allowed"
    return str(error.get("msg", ""))


def _guard(app: FastAPI, site: _Site, gate: Gate) -> None:
    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if not gate.trusts_host(request):
            return site.error(
                request, 400, "untrusted Host header: serve with --allowed-host NAME to answer this name"
            )
        allowed, set_cookie = gate.authorized(request)
        if not allowed:
            return site.error(
                request, 401, "a valid token is required: Authorization: Bearer TOKEN, or ?token="
            )
        response = await call_next(request)
        if set_cookie:
            gate.set_cookie(request, response)
        return secured(response)


def make_app(
    db: str | FilePath,
    token: str | None = None,
    *,
    allowed_hosts: Iterable[str] = (),
    secure_cookie: bool = False,
) -> FastAPI:
    """The web UI and JSON API over a ledger database, read-only.

    Args:
        db: the database `reportedly ingest` wrote (a file or a PostgreSQL URL); opened read-only
            (a PostgreSQL ledger through a pool of read-only connections).
        token: when set, every request must carry it (header, query parameter or cookie); at least
            `guard.MIN_TOKEN` printable characters without spaces.
        allowed_hosts: Host names answered beyond loopback ("reports.example.org", "*.example.org").
        secure_cookie: mark the token's cookie Secure even on plain http (the server is behind TLS).

    Returns:
        the FastAPI app (serve it with uvicorn).

    Raises:
        StoreError: no ledger at `db`, or one this version cannot read (older: `reportedly migrate`).
        WeakToken: the token is too weak.
    """
    gate = Gate.of(token, allowed_hosts, secure_cookie)
    app = FastAPI(
        title="reportedly",
        version=reportedly.__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        description="The claim ledger, read-only. Every page of the web UI has its twin here.",
    )
    site = _Site(db, _env())
    app.router.on_shutdown.append(site.open.close)
    _routes(app, site)
    _handlers(app, site)
    _guard(app, site, gate)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


def app_from_env() -> FastAPI:
    """The app `reportedly serve --workers N` runs in each worker process, from the settings the
    command leaves in the `SERVE_ENV` environment variable (JSON: db, token, allowed_hosts,
    secure_cookie)."""
    settings = json.loads(os.environ[SERVE_ENV])
    return make_app(
        settings["db"],
        settings["token"],
        allowed_hosts=settings["allowed_hosts"],
        secure_cookie=settings["secure_cookie"],
    )


__all__ = [
    "SERVE_ENV",
    "app_from_env",
    "TOKEN_COOKIE",
    "TOKEN_ENV",
    "UnsafeBind",
    "WeakToken",
    "check_bind",
    "check_token",
    "error_body",
    "is_loopback",
    "make_app",
]
