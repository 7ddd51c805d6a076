"""The server under hostile requests: headers on every reply, bounded and clean parameters, the
Host check (DNS rebinding), token strength and sources, cookie flags."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from reportedly.api import views
from reportedly.api.app import TOKEN_COOKIE, TOKEN_ENV, WeakToken, check_token, make_app
from reportedly.api.guard import SECURITY_HEADERS, host_name
from reportedly.cli import app as cli
from tests.api.conftest import LOCAL

ERROR_KEYS = {"ok", "error", "errors", "status"}
TOKEN = "0123456789abcdef-token"


def assert_error(response: Any, status: int) -> dict[str, Any]:
    """The reply is the documented error shape with this status and carries the security headers."""
    assert response.status_code == status, (response.status_code, response.text[:300])
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    body: dict[str, Any] = response.json()
    assert set(body) == ERROR_KEYS and body["ok"] is False and body["status"] == status
    return body


@pytest.fixture
def crashing(ledger_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """A client of an app whose overview view raises (an unexpected bug)."""

    def broken(ledger: Any) -> dict[str, Any]:
        raise AttributeError("'NoneType' object has no attribute 'startswith'")

    monkeypatch.setattr(views, "overview", broken)
    with TestClient(make_app(ledger_db), base_url=LOCAL, raise_server_exceptions=False) as c:
        yield c


def test_guard_500_carries_the_security_headers_and_the_error_shape(crashing: TestClient) -> None:
    body = assert_error(crashing.get("/api"), 500)
    assert body["error"] == "internal error" and "NoneType" not in str(body)  # no internals leak
    page = crashing.get("/", headers={"accept": "text/html"})
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    assert "NoneType" not in page.text


@pytest.mark.parametrize(
    "path",
    [
        "/api/claims?offset=9223372036854775808",  # 2**63: an SQLite overflow before
        "/api/claims?offset=99999999999999999999999",
        "/api/entities?offset=9223372036854775807",
        "/api/search?q=moscow&offset=18446744073709551616",
        "/api/events/x?offset=9223372036854775808",
    ],
)
def test_guard_huge_offsets_are_invalid(client: Any, path: str) -> None:
    body = assert_error(client.get(path), 422)
    assert body["errors"][0]["loc"] == ["query", "offset"]


@pytest.mark.parametrize(
    ("path", "loc"),
    [
        ("/api/search?q=mos%00cow", ["query", "q"]),
        ("/api/search?q=%1b%5b31m", ["query", "q"]),
        ("/api/entities?name=ban%00", ["query", "name"]),
        ("/api/claims?actor=%00", ["query", "actor"]),
        ("/api/claims?type=CONSULT%0a", ["query", "type"]),
        ("/api/claims?status=disputed%c2%9b", ["query", "status"]),  # a C1 control (CSI)
        ("/api/events/ev%00x", ["path", "event_id"]),
        ("/api/entities/en%07", ["path", "entity_id"]),
        ("/api/articles/a%7f", ["path", "article_id"]),
    ],
)
def test_guard_control_characters_are_invalid(client: Any, path: str, loc: list[str]) -> None:
    body = assert_error(client.get(path), 422)
    assert body["errors"] == [
        {"loc": loc, "msg": "control characters are not allowed", "type": "string_pattern_mismatch"}
    ]
    page = client.get(path.removeprefix("/api"))  # the page twin: the same status, as HTML
    assert page.status_code == 422 and "control characters are not allowed" in page.text


def test_guard_text_parameters_have_a_length_bound(client: Any) -> None:
    assert_error(client.get("/api/search?q=" + "moscow " * 100), 422)
    assert client.get("/api/search?q=" + "moscow " * 50).status_code == 200
    assert client.get("/api/search?q=Moscow%09talks").status_code == 422  # a tab is a control too


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:1234", "[::1]:8000", "[::1]"])
def test_guard_loopback_hosts_are_trusted(client: Any, host: str) -> None:
    assert client.get("/api", headers={"host": host}).status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost:x", "[::1", ""]
)
def test_guard_untrusted_hosts_are_refused(client: Any, host: str) -> None:
    body = assert_error(client.get("/api", headers={"host": host}), 400)
    assert "--allowed-host" in body["error"]
    redirect = client.get("/claims/", headers={"host": host}, follow_redirects=False)
    assert redirect.status_code == 400 and "location" not in redirect.headers  # nothing reflected


def test_guard_redirects_name_only_trusted_hosts(client: Any) -> None:
    redirect = client.get("/claims/", headers={"host": "localhost:8000"}, follow_redirects=False)
    assert redirect.status_code in (307, 308) and redirect.headers["location"].startswith(
        "http://localhost:8000/"
    )


def test_guard_allowed_hosts_for_a_deployment(ledger_db: Path) -> None:
    web = make_app(ledger_db, TOKEN, allowed_hosts=["reports.example.org", "*.news.example"])
    with TestClient(web, base_url="http://reports.example.org") as c:
        headers = {"authorization": f"Bearer {TOKEN}"}
        assert c.get("/api", headers=headers).status_code == 200
        assert c.get("/api", headers={**headers, "host": "a.news.example:443"}).status_code == 200
        assert c.get("/api", headers={**headers, "host": "news.example"}).status_code == 400
        assert c.get("/api", headers={**headers, "host": "evil.example"}).status_code == 400


def test_guard_host_name_parsing() -> None:
    assert host_name("Example.ORG:8000") == "example.org"
    assert host_name("localhost.") == "localhost"
    assert host_name("[::1]:80") == "::1"
    assert [host_name(h) for h in ("", ":80", "a:b", "[::1]x", "[]")] == [None] * 5


@pytest.mark.parametrize(
    "token", ["", " ", "s3cret", "a" * 15, "a" * 15 + " ", "tab\there-0123456789", "é" * 20]
)
def test_guard_weak_tokens_are_refused(ledger_db: Path, token: str) -> None:
    with pytest.raises(WeakToken, match="at least 16 printable ASCII characters"):
        check_token(token)
    with pytest.raises(WeakToken):
        make_app(ledger_db, token)


@pytest.mark.parametrize(
    ("base", "flag", "secure"),
    [
        ("http://127.0.0.1", False, False),
        ("https://127.0.0.1", False, True),
        ("http://127.0.0.1", True, True),
    ],
)
def test_guard_cookie_flags(ledger_db: Path, base: str, flag: bool, secure: bool) -> None:
    with TestClient(make_app(ledger_db, TOKEN, secure_cookie=flag), base_url=base) as c:
        cookie = c.get(f"/claims?token={TOKEN}").headers["set-cookie"].lower()
    assert cookie.startswith(TOKEN_COOKIE + "=") and "httponly" in cookie and "samesite=strict" in cookie
    assert ("; secure" in cookie) is secure


def test_guard_proxy_https_marks_the_cookie_secure(ledger_db: Path) -> None:
    """Behind a TLS proxy uvicorn trusts, X-Forwarded-Proto makes the scheme https."""
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    web = ProxyHeadersMiddleware(make_app(ledger_db, TOKEN), trusted_hosts="*")
    with TestClient(web, base_url=LOCAL) as c:
        plain = c.get(f"/claims?token={TOKEN}").headers["set-cookie"].lower()
        proxied = c.get(f"/claims?token={TOKEN}", headers={"x-forwarded-proto": "https"})
    assert "; secure" not in plain and "; secure" in proxied.headers["set-cookie"].lower()


def _serve(args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, dict[str, Any]]:
    """Run `reportedly serve` on a free port with uvicorn stubbed out (one worker serves through
    `uvicorn.Server.run` on the socket `serve` bound, several through `uvicorn.run`): exit code,
    output, what it would run."""
    import uvicorn

    ran: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda web, **kw: ran.update(web=web, **kw))
    monkeypatch.setattr(uvicorn.Server, "run", lambda server, sockets=None: ran.update(web=server.config.app))
    result = CliRunner().invoke(cli, ["serve", "--port", "0", *args])
    return result.exit_code, " ".join(result.output.split()), ran


def test_serve_reads_the_token_from_a_file(
    ledger_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    secret = tmp_path / "token"
    secret.write_text(TOKEN + "\n", encoding="utf-8")
    code, output, ran = _serve(["--db", str(ledger_db), "--token-file", str(secret)], monkeypatch)
    assert code == 0 and "token required" in output and "warning" not in output
    with TestClient(ran["web"], base_url=LOCAL) as c:
        assert c.get("/api").status_code == 401
        assert c.get("/api", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_serve_warns_about_a_token_on_the_command_line(
    ledger_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output, _ = _serve(["--db", str(ledger_db), "--token", TOKEN], monkeypatch)
    assert code == 0 and "warning: --token shows in the process list" in output


def test_serve_refuses_a_weak_token(ledger_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, " ")
    code, output, ran = _serve(["--db", str(ledger_db)], monkeypatch)
    assert code == 2 and "at least 16 printable ASCII characters" in output and not ran


def test_serve_workers_run_the_app_factory(ledger_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportedly.api.app import SERVE_ENV, app_from_env

    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    monkeypatch.delenv(SERVE_ENV, raising=False)
    args = ["--db", str(ledger_db), "--workers", "2", "--allowed-host", "reports.example.org"]
    code, _, ran = _serve(args, monkeypatch)
    assert code == 0 and ran["web"] == "reportedly.api.app:app_from_env" and ran["workers"] == 2
    with TestClient(app_from_env(), base_url="http://reports.example.org") as c:  # what a worker runs
        assert c.get("/api", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_serve_escapes_control_characters_in_what_it_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output, _ = _serve(["--db", str(tmp_path / "x\x1b[31m.db")], monkeypatch)
    assert code == 2 and "\x1b" not in output and "\\x1b[31m" in output
