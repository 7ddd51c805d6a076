"""The web UI in a real browser: Playwright driving Debian's chromium against a live server.

`make test` installs chromium first (`make browser`); these tests skip, saying why, only when no
chromium is at CHROMIUM. Screenshots go to tests/screenshots/ (not committed).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.test_app import page_path
from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = ROOT / "tests" / "screenshots"
# Seconds to wait for the server thread to accept connections before failing.
SERVER_START_S = 15
# Milliseconds Playwright waits for a page or element (a slow shared CI machine, not the app's speed).
PAGE_TIMEOUT_MS = 15_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(ledger_db: str) -> Iterator[str]:
    """The app served by uvicorn in a thread on a free loopback port."""
    import uvicorn

    from reportedly.api.app import make_app

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(make_app(ledger_db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_S
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=SERVER_START_S)


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Any]:
    """A fresh headless chromium page; JavaScript errors and dialogs are collected on it."""
    if not CHROMIUM.exists():
        pytest.skip(f"no chromium at {CHROMIUM}: `make browser` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.set_default_timeout(PAGE_TIMEOUT_MS)
        tab.errors, tab.dialogs = [], []  # type: ignore[attr-defined]
        tab.on("pageerror", lambda err: tab.errors.append(str(err)))  # type: ignore[attr-defined]
        tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)  # type: ignore[attr-defined]
        tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
        yield tab
        browser.close()


def test_browser_every_page_loads(page: Any, base_url: str, ids: dict[str, str]) -> None:
    for kind in ("overview", "claims", "event", "entities", "entity", "article", "hostile", "search"):
        response = page.goto(base_url + page_path(kind, ids))
        assert response is not None and response.status == 200, kind
        assert page.locator("h1").first.inner_text().strip(), kind
        page.screenshot(path=str(SHOTS / f"{kind}.png"), full_page=True)
    assert page.errors == [] and page.dialogs == []


def test_browser_hostile_article_shows_markup_as_text(page: Any, base_url: str, ids: dict[str, str]) -> None:
    page.goto(base_url + page_path("hostile", ids))
    text = page.locator("#article-text").inner_text()
    assert "<script>alert(1)</script>" in text and 'href="javascript:alert(2)"' in text
    assert page.locator("a[href^='javascript' i]").count() == 0
    assert page.evaluate("document.querySelectorAll('script:not([src=\"/static/app.js\"]), img').length") == 0
    assert page.dialogs == []


def test_browser_claim_to_article_and_back(page: Any, base_url: str) -> None:
    page.goto(base_url + "/claims?status=disputed")
    claim = page.locator("article.claim").first
    against = claim.locator(".sources.against li").first
    link = against.locator("a.article-link")
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**{href}")
    assert page.locator("#article-text .trigger").count() > 0
    assert "denied" in page.locator("#article-text").inner_text()
    page.screenshot(path=str(SHOTS / "claim-to-article.png"))
    page.go_back()
    page.wait_for_url("**/claims?status=disputed")
    assert page.locator("article.claim").first.locator(".badge").inner_text().lower() == "disputed"
    claim.locator("a.event-link").click()
    page.wait_for_url("**/events/**")
    assert page.locator("ol.timeline li").count() >= 3


def test_browser_event_relay_graph_drawn_without_script(page: Any, base_url: str, ledger_db: str) -> None:
    """The Moscow meeting's relay graph is a picture with JavaScript off: origins left, articles right."""
    import reportedly

    with reportedly.open(ledger_db) as ledger:
        (claim,) = [
            c
            for c in ledger.claims(actor="Ahmad Massoud", type="CONSULT")
            if c.location and c.location.name == "Moscow"
        ]
    context = page.context.browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    tab.set_default_timeout(PAGE_TIMEOUT_MS)
    tab.goto(f"{base_url}/events/{claim.id}")
    svg = tab.locator("svg.relaygraph")
    box = svg.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    origins = svg.locator(".node-origin circle")
    articles = svg.locator(".node-article circle")
    assert origins.count() == claim.n_origins and articles.count() >= 3
    # every origin drawn left of every article
    left = max(origins.nth(i).bounding_box()["x"] for i in range(origins.count()))
    right = min(articles.nth(i).bounding_box()["x"] for i in range(articles.count()))
    assert left < right
    assert svg.locator("text", has_text="Tolo News").count() >= 1
    svg.screenshot(path=str(SHOTS / "relay-graph.png"))
    link = svg.locator("a.node-article").first
    href = link.get_attribute("href")
    link.click()
    tab.wait_for_url(f"**{href}")
    assert tab.locator("#article-text").count() == 1
    context.close()


def test_browser_parties_read_with_their_cameo_codes(page: Any, base_url: str, ledger_db: str) -> None:
    """A reader sees "Russia (RUSGOV)" among an event's parties, and the codes in the entity list."""
    import reportedly

    with reportedly.open(ledger_db) as ledger:
        claim = next(c for c in ledger.claims(limit=500) if any(a.cameo for a in c.actors))
        coded = [e for e in ledger.entities(limit=500) if e.cameo]
    page.goto(f"{base_url}/events/{claim.id}")
    parties = page.locator("p.participants").inner_text()
    for ref in (*claim.actors, *claim.recipients):
        assert (f"{ref.name} ({ref.cameo})" if ref.cameo else ref.name) in parties, parties
    page.screenshot(path=str(SHOTS / "event-cameo.png"))
    page.goto(f"{base_url}/entities?limit=500")
    headers = page.locator("table.list th").all_inner_texts()
    column = headers.index("CAMEO")
    assert headers[column + 1] == "Sector"
    for e in coded:
        row = page.locator("table.list tbody tr", has=page.locator(f"a[href='/entities/{e.id}']"))
        assert row.locator("td").nth(column).inner_text() == e.cameo
        assert row.locator("td").nth(column + 1).inner_text() == (e.sector or "")
    assert page.errors == []
