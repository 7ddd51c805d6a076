"""The relay graph of a ledger event: the layout on hand-made sources, and the event page drawing it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import reportedly
from reportedly.api.relaygraph import MAX_LABEL, WIDTH, layout
from tests.api.safety import problems


def _source(speaker: str, via: list[str], article: str, **extra: Any) -> dict[str, Any]:
    kind = extra.pop("kind", "anonymous")
    return {
        "speaker": {"name": speaker, "kind": kind, "entity": extra.pop("entity", None)},
        "via": via,
        "article": article,
        "copies": extra.pop("copies", []),
        "stance": extra.pop("stance", "assert"),
        "origin": extra.pop("origin", ""),
    }


# An anonymous NRF source first quoted by Tolo News, relayed by ANI and Pajhwok (one with a copy),
# and the NRF's spokesman on record, whose origin is the organization.
ANON = "anonymous:nrf@tolo news"
SOURCES = [
    _source("a source close to the NRF", ["Tolo News"], "tolo", origin=ANON),
    _source("a source close to the NRF", ["Tolo News", "ANI"], "ani", origin=ANON, copies=["ani-copy"]),
    _source("a source close to the NRF", ["Tolo News", "Pajhwok"], "pajhwok", origin=ANON),
    _source("Ali Nazary", [], "pajhwok", kind="person", entity="en_nazary", origin="en_nrf", stance="deny"),
]


def test_relaygraph_one_origin_however_many_relays() -> None:
    graph = layout(SOURCES, {"tolo": "Tolo News story"}, {"en_nrf": "National Resistance Front"})
    by_kind: dict[str, list[str]] = {}
    for n in graph.nodes:
        by_kind.setdefault(n.kind, []).append(n.name)
    assert by_kind["origin"] == ["a source close to the NRF", "National Resistance Front"]
    assert by_kind["relay"] == ["Tolo News", "ANI", "Pajhwok"]
    assert sorted(by_kind["article"]) == ["Tolo News story", "ani", "ani-copy", "pajhwok"]
    steps = {(e.source.split(":", 1)[1], e.target.split(":", 1)[1]) for e in graph.edges}
    assert len(steps) == len(graph.edges)  # one edge per distinct step
    assert {(ANON, "tolo news"), ("tolo news", "ani"), ("ani", "ani-copy"), ("en_nrf", "pajhwok")} <= steps
    assert (ANON, "ani") not in steps  # ANI heard it from Tolo News, not from the source


def test_relaygraph_columns_run_left_to_right() -> None:
    graph = layout(SOURCES, {}, {"en_nrf": "National Resistance Front"})
    x = {n.id: n.x for n in graph.nodes}
    assert all(x[e.source] < x[e.target] for e in graph.edges)
    assert [c.label for c in graph.columns] == ["Origins", "Relays", "Relays", "Articles"]
    nrf = next(n for n in graph.nodes if n.kind == "origin" and n.side == "against")
    assert nrf.href == "/entities/en_nrf" and "Ali Nazary" in nrf.title


@pytest.mark.parametrize("n", [0, 1, 7, 30])
def test_relaygraph_fits_the_drawing(n: int) -> None:
    sources = [
        _source(f"speaker number {i} with a rather long name", [f"Relay {i % 3}"], f"a{i}") for i in range(n)
    ]
    graph = layout(sources, {}, {})
    assert len(graph.nodes) == (0 if n == 0 else n + min(n, 3) + n)
    assert all(0 < node.x < WIDTH and 0 < node.y < graph.height for node in graph.nodes)
    assert all(len(node.label) <= MAX_LABEL for node in graph.nodes)


@pytest.fixture(scope="module")
def moscow_id(ledger_db: Path) -> str:
    with reportedly.open(ledger_db) as ledger:
        claims = ledger.claims(actor="Ahmad Massoud", type="CONSULT")
    (claim,) = [c for c in claims if c.location and c.location.name == "Moscow"]
    return claim.id


def test_relaygraph_event_page_draws_the_moscow_meeting(client: Any, moscow_id: str) -> None:
    data = client.get(f"/api/events/{moscow_id}").json()
    graph, claim = data["relay_graph"], data["claim"]
    origins = [n for n in graph["nodes"] if n["kind"] == "origin"]
    assert len(origins) == len({s["origin"] for s in claim["sources"]})
    relays = {n["name"] for n in graph["nodes"] if n["kind"] == "relay"}
    assert {"Tolo News", "ANI"} <= relays
    articles = {n["id"].split(":", 1)[1] for n in graph["nodes"] if n["kind"] == "article"}
    assert articles == {a for s in claim["sources"] for a in [s["article"], *s["copies"]]}
    html = client.get(f"/events/{moscow_id}").text
    assert html.count('class="node node-origin') == len(origins)
    assert '<svg class="relaygraph"' in html and problems(html) == []


def test_relaygraph_hostile_title_drawn_as_text(client: Any, ids: dict[str, str]) -> None:
    events = client.get(f"/api/articles/{ids['hostile']}").json()["events"]
    ledger_events = {e["ledger"] for e in events if e["ledger"]}
    assert ledger_events  # the hostile article's meeting is a ledger event: its title is an article node
    for event_id in ledger_events:
        graph = client.get(f"/api/events/{event_id}").json()["relay_graph"]
        assert any("<script>" in n["name"] for n in graph["nodes"] if n["kind"] == "article")
        page = client.get(f"/events/{event_id}").text
        assert problems(page) == [] and "<script>alert('title')" not in page
        assert "&lt;script&gt;alert(" in page
