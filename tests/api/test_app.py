"""The web app over a real (small) ledger: pages, their JSON twins, errors, token, escaping."""

from __future__ import annotations

from typing import Any

import pytest
from markupsafe import escape

from tests.api.conftest import LOCAL
from tests.api.safety import problems, visible_text

PAGES = [
    "overview",
    "claims",
    "disputed",
    "event",
    "entities",
    "entity",
    "article",
    "hostile",
    "search",
    "search_xss",
]
ERROR_KEYS = {"ok", "error", "errors", "status"}
TOKEN = "s3cret-s3cret-s3cret"  # long enough (guard.MIN_TOKEN)


def page_path(kind: str, ids: dict[str, str]) -> str:
    return {
        "overview": "/",
        "claims": "/claims",
        "disputed": "/claims?status=disputed&type=&since=",
        "event": f"/events/{ids['event']}",
        "entities": "/entities?name=ban",
        "entity": f"/entities/{ids['entity']}",
        "article": f"/articles/{ids['article']}",
        "hostile": f"/articles/{ids['hostile']}",
        "search": "/search?q=Moscow",
        "search_xss": "/search?q=%3Cscript%3Ealert",
    }[kind]


def api_path(path: str) -> str:
    return "/api" + (path if path != "/" else "")


@pytest.mark.parametrize("kind", PAGES)
def test_app_every_page_and_its_json_twin(client: Any, ids: dict[str, str], kind: str) -> None:
    path = page_path(kind, ids)
    page = client.get(path)
    data = client.get(api_path(path))
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert data.status_code == 200 and data.json()["ok"] is True
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert problems(page.text) == []
    listing = data.json().get("items")
    if listing:  # the page shows what its twin returns
        first = listing[0]
        shown = first.get("summary") or first.get("name") or first.get("title")
        assert shown is None or str(escape(shown)) in page.text


def test_app_hostile_article_renders_as_text(client: Any, ids: dict[str, str]) -> None:
    path = f"/articles/{ids['hostile']}"
    html = client.get(path).text
    assert "<script>alert" not in html and "<img src=x" not in html and '<a href="javascript' not in html
    assert problems(html) == []
    shown = visible_text(html)  # the markup is there for the reader to see, as text
    for raw in (
        "<script>alert(1)</script>",
        '<a href="javascript:alert(2)">this link</a>',
        "<script>alert('title')</script>",
        "<img src=x onerror=alert('author')>",
        "javascript:alert('url')",
    ):
        assert raw in shown, raw
    data = client.get(api_path(path)).json()
    assert data["article"]["link"] is None  # a javascript: source URL is never a link


def test_app_segments_join_back_to_the_article_text(
    client: Any, ledger_db: str, ids: dict[str, str]
) -> None:
    import reportedly

    with reportedly.open(ledger_db) as ledger:
        text = ledger.article(ids["hostile"]).text  # type: ignore[union-attr]
    data = client.get(f"/api/articles/{ids['hostile']}").json()
    assert "".join(s["text"] for s in data["segments"]) == text
    assert any("trigger" in s["classes"] and s["href"] for s in data["segments"])


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/no-such-page", 404),
        ("GET", "/api/events/ev_missing", 404),
        ("GET", "/api/entities/en_missing", 404),
        ("GET", "/api/articles/a_missing", 404),
        ("GET", "/api/claims?limit=0", 422),
        ("GET", "/api/claims?limit=100000", 422),
        ("GET", "/api/claims?offset=-1", 422),
        ("GET", "/api/claims?since=yesterday", 422),
        ("POST", "/api/claims", 405),
        ("DELETE", "/api/events/x", 405),
    ],
)
def test_app_error_shape(client: Any, method: str, path: str, status: int) -> None:
    response = client.request(method, path)
    body = response.json()
    assert response.status_code == status
    assert set(body) == ERROR_KEYS and body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"] and isinstance(body["errors"], list)
    if status == 422:
        assert body["errors"] and {"loc", "msg", "type"} <= set(body["errors"][0])
    html = client.request(method, path.removeprefix("/api"))
    assert html.status_code == status and body["error"].split("'")[0] in html.text


def test_app_token_checked_on_every_request(ledger_db: str) -> None:
    from fastapi.testclient import TestClient

    from reportedly.api.app import TOKEN_COOKIE, make_app

    with TestClient(make_app(ledger_db, token=TOKEN), base_url=LOCAL) as c:
        for path in ("/", "/api/claims", "/static/style.css", "/api/openapi.json", "/api/no-such-page"):
            denied = c.get(path)
            assert denied.status_code == 401, path
            assert set(denied.json() if path.startswith("/api") else ERROR_KEYS) == ERROR_KEYS
        assert c.get("/api/claims", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/claims", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        assert c.get("/api/claims?token=wrong").status_code == 401
        first = c.get(f"/claims?token={TOKEN}")
        assert first.status_code == 200 and TOKEN_COOKIE in first.cookies
        assert c.get("/claims").status_code == 200  # the cookie carries the token on
        assert "token=" not in first.text  # links never repeat the token


def test_app_serves_only_get(client: Any) -> None:
    routes = [r for r in client.app.routes if getattr(r, "methods", None)]
    assert routes and all(set(r.methods) <= {"GET", "HEAD"} for r in routes)


def test_app_reads_through_a_read_only_connection(ledger_db: str) -> None:
    from reportedly.api.app import _env, _Site

    def write(ledger: Any) -> dict[str, Any]:
        from reportedly.api.queries import connection

        connection(ledger).execute("DELETE FROM articles")
        return {}

    from reportedly.errors import StoreError

    site = _Site(ledger_db, _env())
    try:
        with pytest.raises(StoreError, match="readonly|read-only|query_only|query"):
            site.call(write)
    finally:
        site.open.close()  # a PostgreSQL ledger's connection pool


def test_app_paginates_with_totals(client: Any) -> None:
    everything = client.get("/api/claims?limit=500").json()
    total = everything["total"]
    assert total == len(everything["items"]) >= 3
    first, second = (client.get(f"/api/claims?limit=2&offset={o}").json() for o in (0, 2))
    assert first["total"] == second["total"] == total
    assert [c["id"] for c in first["items"] + second["items"]] == [c["id"] for c in everything["items"][:4]]
    assert (first["next"], first["prev"], second["prev"]) == (2, None, 0)
    page = client.get("/claims?limit=2&offset=2&status=&token=x").text  # both links, filters kept, no token
    assert 'href="/claims?limit=2&amp;offset=0&amp;status="' in page
    assert 'href="/claims?limit=2&amp;offset=4&amp;status="' in page


def test_app_caps_the_claims_total(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past `COUNT_CAP` the claims total is a lower bound, said so ("2+"), with the next page linked;
    below it the count is exact, and a deep page counts past itself."""
    from reportedly.api import queries

    everything = client.get("/api/claims?limit=500").json()
    assert everything["total_exact"] is True and everything["total"] >= 3
    monkeypatch.setattr(queries, "COUNT_CAP", 2)
    first = client.get("/api/claims?limit=1").json()
    assert (first["total"], first["total_exact"], first["next"]) == (2, False, 1)
    assert [c["id"] for c in first["items"]] == [c["id"] for c in everything["items"][:1]]
    html = client.get("/claims?limit=1").text
    assert "of <span" in html and "2+</span>" in html
    last = client.get(f"/api/claims?limit=1&offset={everything['total'] - 1}").json()
    assert (last["total"], last["total_exact"], last["next"]) == (everything["total"], True, None)


def test_app_counts_search_matches_from_the_ranked_window(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search's match count is the ranked window's size, with no count of its own: every match
    while the window is not full (exact), and a lower bound when it is ("1+ articles match",
    `matches_exact` false) unless a count capped one past the window finds no more (a window holding
    exactly every match is exact); the hits and pages are those of the window either way."""
    from reportedly.ledger import search as fulltext

    everything = client.get("/api/search?q=Moscow&limit=500").json()
    assert everything["matches_exact"] is True and everything["matches"] >= 2
    assert everything["total"] == everything["matches"] == len(everything["items"])
    counted: list[str] = []
    count_matches = fulltext.count_matches
    monkeypatch.setattr(fulltext, "count_matches", lambda *a, **k: counted.append("count") or 0)
    again = client.get("/api/search?q=Moscow&limit=500").json()
    assert again == everything and not counted  # no count query on the page
    monkeypatch.setattr(fulltext, "count_matches", count_matches)
    monkeypatch.setattr(fulltext, "RANK_WINDOW", everything["matches"])  # full, and nothing beyond it
    full = client.get("/api/search?q=Moscow&limit=500").json()
    assert (full["matches"], full["matches_exact"]) == (everything["matches"], True)
    monkeypatch.setattr(fulltext, "RANK_WINDOW", 1)
    first = client.get("/api/search?q=Moscow&limit=1").json()
    assert (first["matches"], first["matches_exact"], first["total"], first["next"]) == (1, False, 1, None)
    # the window of one is the match stored last, which the full ranking holds too
    assert first["items"][0]["article"] in {h["article"] for h in everything["items"]}
    html = client.get("/search?q=Moscow&limit=1").text
    assert "1+</span> articles match; the 1 stored last are ranked" in html
    monkeypatch.undo()
    assert "articles match" not in client.get("/search?q=Moscow&limit=500").text  # exact: no note


def test_app_search_pages_twenty_hits_unless_asked(client: Any) -> None:
    """The search page shows 20 hits by default (its snippets are its cost), the other listings 50;
    an explicit `limit` is honoured on the page and in the API."""
    from reportedly.api import views

    assert client.get("/api/search?q=Moscow").json()["limit"] == views.SEARCH_PAGE == 20
    assert client.get("/api/claims").json()["limit"] == views.DEFAULT_PAGE == 50
    one = client.get("/api/search?q=Moscow&limit=1").json()
    assert (one["limit"], len(one["items"])) == (1, 1) and one["next"] == (1 if one["total"] > 1 else None)
    assert client.get("/api/search?q=Moscow&limit=500").json()["limit"] == 500


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"status": "disputed"},
        {"status": "DISPUTED", "since": "2022-01-01"},
        {"type": "CONSULT"},
        {"type": "consult"},
        {"actor": "Taliban"},
        {"actor": "rp:ahmad-massoud"},
        {"actor": "massoud"},
        {"since": "2021-12-08"},
        {"actor": "nobody at all"},
    ],
)
def test_queries_count_and_page_match_ledger_claims(ledger_db: str, filters: dict[str, str]) -> None:
    import reportedly
    from reportedly.api.queries import claims_page, connection, count_events, event_filter
    from reportedly.errors import InvalidArgument

    with reportedly.open(ledger_db) as ledger:
        if filters.get("actor") == "nobody at all":  # the API refuses an unknown actor; the web lists none
            with pytest.raises(InvalidArgument, match="no entity named"):
                ledger.claims(**filters)  # type: ignore[arg-type]
            everything = []
        else:
            everything = ledger.claims(**filters, limit=10**6)  # type: ignore[arg-type]
        assert count_events(ledger, **filters) == len(everything)  # type: ignore[arg-type]
        assert everything or filters.get("actor") == "nobody at all"  # the filters do select something
        for offset, limit in ((0, 3), (2, 5), (len(everything), 3)):
            page = claims_page(ledger, limit=limit, offset=offset, **filters)  # type: ignore[arg-type]
            assert page == everything[offset : offset + limit]
        continue_plan = connection(ledger).dialect == "sqlite"  # SQLite's plan text is checked here
        where, args = event_filter(
            ledger, **{"actor": None, "type": None, "status": None, "since": None, **filters}
        )
        plan = continue_plan and " ".join(
            r[3]
            for r in connection(ledger).execute(
                f"EXPLAIN QUERY PLAN SELECT count(*) FROM events WHERE {where}", args
            )
        )
        assert not plan or "SCAN events" not in plan or not ({"type", "status"} & set(filters)), (
            plan
        )  # filters use indexes


def test_app_openapi_lists_the_api(client: Any) -> None:
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert paths == {
        "/api",
        "/api/claims",
        "/api/events/{event_id}",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/articles/{article_id}",
        "/api/search",
    }


def test_app_ledger_shows_the_seed_moscow_meeting(client: Any) -> None:
    disputed = client.get("/api/claims?status=disputed&type=CONSULT").json()["items"]
    moscow = [c for c in disputed if (c["location"] or {}).get("name") == "Moscow"]
    assert len(moscow) == 1, [c["summary"] for c in disputed]
    groups = moscow[0]["groups"]
    speakers = {g: {s["speaker"]["name"] for s in groups[g]} for g in groups}
    assert any("National Resistance" in s for s in speakers["for"])
    assert any("Foreign Affairs" in s for s in speakers["against"])
    assert {"Taliban", "Bilal Karimi"} <= speakers["non_committal"]
    assert any("Tolo News" in s["via"] for g in groups.values() for s in g)
    html = client.get("/claims?status=disputed").text
    assert "Against" in html and "Tolo News" in html and "Bilal Karimi" in html


def test_app_contradictions_folded_into_lines(client: Any) -> None:
    claims = client.get("/api/claims?status=disputed").json()["items"]
    claim = next(c for c in claims if c["contradictions"])
    pairs = {(x["supports"]["name"], x["denies"]["name"]) for x in claim["contradictions"]}
    lines = claim["contradiction_groups"]
    folded = {(s, d) for line in lines for s in line["supports"] for d in line["denies"]}
    assert folded == pairs and len(lines) < len(pairs)  # the same pairs, fewer lines
    html = client.get("/claims?status=disputed").text
    assert html.count("<b>vs</b>") == sum(len(c["contradiction_groups"]) for c in claims)


def test_app_entities_show_stored_counts(client: Any, ledger_db: str) -> None:
    from tests.store.builders import recount_entities

    items = client.get("/api/entities?limit=500").json()["items"]
    from reportedly.store.database import connect

    conn = connect(ledger_db, readonly=True)
    try:
        recount = recount_entities(conn)
    finally:
        conn.close()
    assert {e["id"]: (e["articles"], e["mentions"], e["events"]) for e in items} == recount
    html = client.get("/entities").text
    assert '<th class="num">Mentions</th>' in html and "/claims?actor=" in html
    top = items[0]
    page = client.get(top["href"]).text
    assert f"named {top['mentions']} time(s), in {top['events']} ledger event(s)" in page


def test_app_article_dateline_names_the_agency_once(client: Any, ledger_db: str) -> None:
    import re

    import reportedly

    with reportedly.open(ledger_db) as ledger:
        dated = [a for a in ledger.articles() if a.dateline and a.dateline.agency]
    assert dated
    for art in dated:
        meta = re.search(r'<p class="meta">(.*?)</p>', client.get(f"/articles/{art.id}").text, re.S)
        assert meta is not None
        agency = str(escape(art.dateline.agency))
        assert meta.group(1).count(agency) == max(1, art.dateline.text.count(art.dateline.agency))


def test_app_shows_cameo_codes_and_sectors(client: Any) -> None:
    """The entity list, an entity's page and an event's parties show the CAMEO codes the JSON carries."""
    from reportedly.api.views import SECTOR_NAMES

    items = client.get("/api/entities?limit=500").json()["items"]
    coded = [e for e in items if e["cameo"]]
    assert coded, "the samples' actors carry CAMEO codes (issue 13)"
    listing = client.get("/entities?limit=500").text
    for e in coded:
        assert f'<td class="cameo">{escape(e["cameo"])}</td>' in listing, e["name"]
    top = next(e for e in coded if e["sector"] in SECTOR_NAMES)
    page = client.get(top["href"]).text
    assert f'CAMEO <span class="cameo">{escape(top["cameo"])}</span>' in page
    assert f'title="CAMEO sector: {SECTOR_NAMES[top["sector"]]}">{top["sector"]}</abbr>' in page
    codes = {e["id"]: e["cameo"] for e in items}
    claims = client.get("/api/claims?limit=500").json()["items"]
    parties = [(c, a) for c in claims for a in (*c["actors"], *c["recipients"])]
    assert parties and all(a["cameo"] == codes[a["id"]] for _c, a in parties)  # the entity's own code
    claim, party = next((c, a) for c, a in parties if a["cameo"])
    code = f'<span class="cameo" title="CAMEO actor code">({escape(party["cameo"])})</span>'
    shown = f'{escape(party["name"])}</a> {code}'
    assert shown in client.get(claim["href"]).text
    assert client.get(api_path(claim["href"])).json()["claim"]["actors"] == claim["actors"]


def test_app_cameo_codes_render_as_text(ledger_db: str, tmp_path: Any) -> None:
    """A code with markup in it (a hand-edited ledger) is shown as text on every page that shows codes."""
    import shutil

    from fastapi.testclient import TestClient

    import reportedly
    from reportedly.api.app import make_app
    from reportedly.store.database import connect, is_url

    if is_url(ledger_db):
        pytest.skip("edits a copy of the ledger file; the PostgreSQL ledger is shared by the session")
    db = tmp_path / "ledger.db"
    shutil.copyfile(ledger_db, db)
    with reportedly.open(db) as ledger:
        claim = next(c for c in ledger.claims(limit=500) if c.actors)
    bad = "<img src=x onerror=alert(1)>"
    conn = connect(db)
    with conn.transaction():
        conn.execute("UPDATE entities SET cameo = ?, sector = ? WHERE id = ?", (bad, bad, claim.actors[0].id))
    conn.close()
    with TestClient(make_app(db), base_url=LOCAL) as test_client:
        for path in ("/entities?limit=500", f"/entities/{claim.actors[0].id}", f"/events/{claim.id}"):
            html = test_client.get(path).text
            assert problems(html) == [] and "<img" not in html, path
            assert bad in visible_text(html), path
