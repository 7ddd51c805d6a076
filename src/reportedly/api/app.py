"""The web UI and HTTP API: `make_app(db)` builds a read-only FastAPI app over a ledger database.

Every page has a JSON twin under /api built from the same view data (`reportedly.api.views`).
Every error, on any route, has one shape: `{"ok": false, "error", "errors", "status"}` (HTML pages
render the same object). With a token, every request must carry it: `Authorization: Bearer`, the
`token` query parameter (which also sets a same-site cookie so the pages' links keep working), or
that cookie.
"""

from __future__ import annotations

import functools
import hmac
import ipaddress
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

import reportedly
from reportedly.api import views
from reportedly.errors import ReportedlyError, StoreError
from reportedly.ledger.api import Opener

HERE = Path(__file__).resolve().parent
TOKEN_COOKIE = "reportedly_token"
TOKEN_ENV = "REPORTEDLY_TOKEN"  # read by `reportedly serve` only; the app takes the token as an argument
LOOPBACK_NAMES = ("localhost",)
# Scripts, styles and images from this server only; no inline script, no framing, no plugins.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
ERROR_NAMES = {
    401: "unauthorized",
    404: "not found",
    405: "method not allowed",
    422: "invalid request",
    500: "internal error",
    503: "database unavailable",
}

Limit = Annotated[int, Query(ge=1, le=views.MAX_PAGE, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip.")]
DATE_OR_EMPTY = r"^(\d{4}-\d{2}-\d{2})?$"


class UnsafeBind(ReportedlyError):
    """Serving on a non-loopback address without a token."""


def is_loopback(host: str) -> bool:
    """Whether `host` is a loopback address or name (only this machine can connect)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve beyond this machine without a token.

    Raises:
        UnsafeBind: `host` is not loopback and there is no token.
    """
    if not is_loopback(host) and not token:
        raise UnsafeBind(
            f"refusing to serve on {host} without a token: anyone who can reach it could read the "
            f"ledger. Pass --token SECRET (or set {TOKEN_ENV}), or serve on 127.0.0.1"
        )


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
    """The app's routes over one database file, opened read-only per request."""

    def __init__(self, db: str | Path, env: jinja2.Environment) -> None:
        self.db = db
        self.env = env
        self.open = Opener(db)  # SQLite: the file anew per request; PostgreSQL: a connection pool

    def call(self, view: Callable[..., dict[str, Any]], *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Run a view on a fresh read-only ledger connection (in the request's worker thread)."""
        with self.open() as ledger:  # read-only: never migrated, never written
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
            return JSONResponse(body, status_code=status, headers=headers)
        page = self.render(request, "error.html", {"error": body}, status)
        page.headers.update(headers or {})
        return page


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

        app.get("/api" + (path if path != "/" else ""), summary=summary, tags=["ledger"])(as_json)
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
        actor: Annotated[str | None, Query(description="Entity name, alias or id")] = None,
        type: Annotated[str | None, Query(description="PLOVER event type")] = None,  # noqa: A002
        status: Annotated[str | None, Query(description="Ledger status")] = None,
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
        request: Request, event_id: str, limit: Limit = views.DEFAULT_PAGE, offset: Offset = 0
    ) -> dict[str, Any]:
        return site.call(views.event, event_id, views.Page(limit, offset))

    @_pair(app, site, "/entities", "entities.html", "Entities, most mentioned first")
    def entities(
        request: Request,
        limit: Limit = views.DEFAULT_PAGE,
        offset: Offset = 0,
        name: Annotated[str | None, Query(description="Part of a name or alias")] = None,
    ) -> dict[str, Any]:
        return site.call(views.entities, views.Page(limit, offset), name=_blank(name))

    @_pair(app, site, "/entities/{entity_id}", "entity.html", "One entity: roles, events, counterparts")
    def entity(
        request: Request, entity_id: str, limit: Limit = views.DEFAULT_PAGE, offset: Offset = 0
    ) -> dict[str, Any]:
        return site.call(views.entity, entity_id, views.Page(limit, offset))

    @_pair(app, site, "/articles/{article_id}", "article.html", "One article with its annotations")
    def article(request: Request, article_id: str) -> dict[str, Any]:
        return site.call(views.article, article_id)

    @_pair(app, site, "/search", "search.html", "Full-text search of articles, and entities by name")
    def search(
        request: Request, q: str = "", limit: Limit = views.DEFAULT_PAGE, offset: Offset = 0
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
            {
                "loc": [str(p) for p in e.get("loc", ())],
                "msg": str(e.get("msg", "")),
                "type": str(e.get("type", "")),
            }
            for e in exc.errors()
        ]
        return site.error(request, 422, ERROR_NAMES[422], errors)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        return site.error(request, 500, ERROR_NAMES[500])


def _guard(app: FastAPI, site: _Site, token: str | None) -> None:
    expected = token.encode() if token else None

    def authorized(request: Request) -> tuple[bool, bool]:
        """(allowed, whether to set the cookie) for this request."""
        if expected is None:
            return True, False
        header = request.headers.get("authorization", "")
        given = [
            header[7:] if header.lower().startswith("bearer ") else "",
            request.query_params.get("token", ""),
            request.cookies.get(TOKEN_COOKIE, ""),
        ]
        ok = [bool(g) and hmac.compare_digest(g.encode(), expected) for g in given]
        return any(ok), ok[1]

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        allowed, set_cookie = authorized(request)
        if not allowed:
            response = site.error(
                request, 401, "a valid token is required: Authorization: Bearer TOKEN, or ?token="
            )
        else:
            response = await call_next(request)
            if set_cookie and token:
                response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        response.headers.update(SECURITY_HEADERS)
        return response


def make_app(db: str | Path, token: str | None = None) -> FastAPI:
    """The web UI and JSON API over a ledger database, read-only.

    Args:
        db: the database `reportedly ingest` wrote (a file or a PostgreSQL URL); opened read-only
            on every request (a PostgreSQL ledger through a pool of read-only connections).
        token: when set, every request must carry it (header, query parameter or cookie).

    Returns:
        the FastAPI app (serve it with uvicorn).

    Raises:
        StoreError: no ledger at `db`, or one this version cannot read (older: `reportedly migrate`).
    """
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
    _guard(app, site, token)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
