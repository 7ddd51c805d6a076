"""`reportedly serve`: refuses to serve beyond loopback without a token; the network layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportedly.api.app import TOKEN_ENV, UnsafeBind, check_bind, is_loopback
from reportedly.api.network import HEIGHT, WIDTH, layout
from reportedly.api.queries import Counterpart
from reportedly.cli import app


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.5.0.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.4", False),
        ("example.org", False),
        ("", False),
    ],
)
def test_serve_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
    if loopback:
        check_bind(host, None)
    else:
        with pytest.raises(UnsafeBind, match="--token"):
            check_bind(host, None)
        check_bind(host, "s3cret-s3cret-s3cret")


def test_serve_cli_refuses_public_bind_without_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "without a token" in " ".join(result.output.split())


def test_serve_cli_refuses_a_missing_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, "s3cret-s3cret-s3cret")  # an environment token passes the bind check
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "no such database" in " ".join(result.output.split())


@pytest.mark.parametrize("n", [0, 1, 5, 16])
def test_network_layout_fits_the_drawing(n: int) -> None:
    others = [
        Counterpart(id=f"en_{i}", name=f"Entity number {i} with a long name", type="PERSON", events=i + 1)
        for i in range(n)
    ]
    net = layout("en_x", "Center", others)
    assert len(net.nodes) == n + 1 and len(net.edges) == n
    assert all(0 < node.x < WIDTH and 0 < node.y < HEIGHT for node in net.nodes)
    assert all(len(node.label) <= 24 for node in net.nodes)
    if n > 1:
        assert net.edges[-1].width > net.edges[0].width  # more shared events, thicker edge
