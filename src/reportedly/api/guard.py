"""The server's gate: which Host names it answers, the token, cookies and the security headers.

- Host: a browser tricked by DNS rebinding sends the attacker's name in `Host`; the server answers
  loopback names (`localhost`, `127.0.0.1`, `[::1]`, any port) and the names a deployment allows
  (`--allowed-host`), and refuses every other Host with 400 before routing, so nothing (a redirect
  included) ever reflects an untrusted Host.
- Token: at least `MIN_TOKEN` printable ASCII characters, no spaces; compared in constant time.
- Cookie: the token's cookie is HttpOnly, SameSite=Strict, and Secure whenever the request came
  over https (directly or through a proxy uvicorn trusts, `X-Forwarded-Proto`) or the server is
  told so (`secure_cookie`).
- Headers: `SECURITY_HEADERS` go on every reply, errors and 500s included.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from reportedly.errors import ReportedlyError

TOKEN_COOKIE = "reportedly_token"
TOKEN_ENV = "REPORTEDLY_TOKEN"  # read by `reportedly serve` only; the app takes the token as an argument
MIN_TOKEN = 16  # characters; `secrets.token_urlsafe(24)` gives 32
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


class UnsafeBind(ReportedlyError):
    """Serving on a non-loopback address without a token."""


class WeakToken(ReportedlyError):
    """A token too short, or with spaces or characters a header cannot carry."""


def is_loopback(host: str) -> bool:
    """Whether `host` is a loopback address or name (only this machine can connect)."""
    if host.lower().rstrip(".") in LOOPBACK_NAMES:
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
            f"ledger. Pass --token-file FILE (or set {TOKEN_ENV}), or serve on 127.0.0.1"
        )


def check_token(token: str) -> str:
    """The token, if it is strong enough to guard the ledger.

    Raises:
        WeakToken: shorter than `MIN_TOKEN`, or holding a space or anything but printable ASCII.
    """
    if len(token) < MIN_TOKEN or not all("!" <= c <= "~" for c in token):
        raise WeakToken(
            f"the token must be at least {MIN_TOKEN} printable ASCII characters without spaces "
            f"(this one has {len(token)}); make one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(24))'"
        )
    return token


def host_name(header: str) -> str | None:
    """The name in a Host header without its port, lower case ("[::1]:8000" -> "::1"), or None."""
    header = header.strip().lower()
    if header.startswith("["):
        name, bracket, rest = header[1:].partition("]")
        port_ok = not rest or (rest[0] == ":" and rest[1:].isdigit())
        return name if name and bracket and port_ok else None
    name, colon, port = header.partition(":")
    if (colon and not port.isdigit()) or not name:
        return None
    return name.rstrip(".")


def _allowed(name: str, pattern: str) -> bool:
    pattern = pattern.lower().strip("[]").rstrip(".")
    if pattern.startswith("*."):
        return name.endswith(pattern[1:]) and len(name) > len(pattern) - 1
    return name == pattern


@dataclass(frozen=True, slots=True)
class Gate:
    """What a request must pass: a trusted Host, then the token (when there is one)."""

    token: str | None = None
    allowed_hosts: tuple[str, ...] = ()  # names beyond loopback; "*.example.org" allows subdomains
    secure_cookie: bool = False  # always mark the cookie Secure (the server is behind TLS)

    @classmethod
    def of(cls, token: str | None, allowed_hosts: Iterable[str] = (), secure_cookie: bool = False) -> Gate:
        """A gate; the token is checked for strength first (`check_token`)."""
        return cls(check_token(token) if token is not None else None, tuple(allowed_hosts), secure_cookie)

    def trusts_host(self, request: Request) -> bool:
        """Whether the request's Host is loopback or allowed (a missing or malformed Host is not)."""
        name = host_name(request.headers.get("host", ""))
        if name is None:
            return False
        return is_loopback(name) or any(_allowed(name, p) for p in self.allowed_hosts)

    def authorized(self, request: Request) -> tuple[bool, bool]:
        """(allowed, whether to set the cookie) for this request."""
        if self.token is None:
            return True, False
        expected = self.token.encode()
        header = request.headers.get("authorization", "")
        given = [
            header[7:] if header.lower().startswith("bearer ") else "",
            request.query_params.get("token", ""),
            request.cookies.get(TOKEN_COOKIE, ""),
        ]
        ok = [bool(g) and hmac.compare_digest(g.encode(), expected) for g in given]
        return any(ok), ok[1]

    def set_cookie(self, request: Request, response: Response) -> None:
        """Hand the token over as a cookie, so the pages' links keep working without it."""
        assert self.token is not None
        secure = self.secure_cookie or request.url.scheme == "https"
        response.set_cookie(
            TOKEN_COOKIE, self.token, httponly=True, samesite="strict", secure=secure, path="/"
        )


def secured(response: Response) -> Response:
    """The response with the security headers."""
    response.headers.update(SECURITY_HEADERS)
    return response
