"""The relay graph of a ledger event laid out for an inline SVG: origins -> relays -> articles.

Each source of an event is a path: the independent origin its report traces back to
(`merge.claims.origin_of`), the relays it travelled through, nearest to the speaker first and the
publishing agency last, then the article that printed it (and its syndicated copies). Paths that
share a node join there, so an anonymous source first quoted by Tolo News and relayed by ANI and
Pajhwok is one origin with one edge to Tolo News and two out of it. The layout is data, computed
on the server; the template draws it (no script), escaping every label.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportedly.api.highlight import article_href, entity_href
from reportedly.api.network import cut_label
from reportedly.merge.status import SIDES

# Drawing width in SVG user units; the page scales it to the column width.
WIDTH = 760
# Vertical room for one node and its label, and the margin above the first row (column headings).
ROW = 46
TOP = 44
# Horizontal margin left and right of the outer columns (their labels are centred on the node).
SIDE = 90
# Longest label drawn, in characters (the full text is the node's tooltip).
MAX_LABEL = 26
# Node radius in user units.
RADIUS = 7
# The side each stance takes (merge/status.py: for, against, neither), for an origin's colour.
SIDE_OF = {stance: side for side, stances in SIDES for stance in stances}


@dataclass(frozen=True, slots=True)
class GraphNode:
    """One origin, relay or article: a circle with a label and a link where there is a page."""

    id: str
    kind: str  # origin | relay | article
    name: str  # the full name or title
    label: str  # the name as drawn, cut to MAX_LABEL characters
    title: str  # the tooltip
    href: str | None
    side: str  # the origin's side (for, against, neither, mixed); "" for relays and articles
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """An arrow from one node to the next one a report travelled to."""

    source: str
    target: str
    x1: float
    y1: float
    x2: float
    y2: float
    title: str


@dataclass(frozen=True, slots=True)
class Column:
    """A column heading: origins, relays (one column per step) or articles."""

    label: str
    x: float


@dataclass(frozen=True, slots=True)
class RelayGraph:
    """Everything the template needs to draw the relay graph."""

    width: int
    height: int
    columns: tuple[Column, ...]
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]


def _relay_key(text: str) -> str:
    return "relay:" + " ".join(text.lower().split())


def paths(sources: Sequence[Mapping[str, Any]]) -> list[list[tuple[str, str]]]:
    """Each source's path as (node id, kind) pairs: origin, its relays in order, its article(s) last.

    A source printed by several articles (syndicated copies) gives one path per article.
    """
    out = []
    for s in sources:
        origin = "origin:" + (s.get("origin") or s["speaker"]["name"])
        relays = []
        for r in s.get("via") or ():
            key = _relay_key(r)
            if key not in relays:  # a relay named twice in one chain is one step
                relays.append(key)
        head = [(origin, "origin")] + [(r, "relay") for r in relays]
        for article in [s["article"], *(s.get("copies") or ())]:
            out.append([*head, ("article:" + article, "article")])
    return out


def layout(
    sources: Sequence[Mapping[str, Any]],
    titles: Mapping[str, str | None],
    origin_names: Mapping[str, str],
) -> RelayGraph:
    """Lay out the relay graph of one ledger event.

    Args:
        sources: the event's sources as JSON-ready dicts (`ClaimSource` through `to_dict`).
        titles: article id -> title, for the article nodes' labels (the id where missing).
        origin_names: origin -> a readable name, for origins that are no source's speaker (an
            organization its spokesman speaks for); the others take their first speaker's name.

    Returns:
        nodes in columns (origins left, each relay at the furthest step it takes in any path,
        articles right) and one edge per distinct step.
    """
    routes = paths(sources)
    depth: dict[str, int] = {}
    kinds: dict[str, str] = {}
    for route in routes:
        for step, (node, kind) in enumerate(route):
            kinds[node] = kind
            if kind == "relay":
                depth[node] = max(depth.get(node, 1), step)
    last = max(depth.values(), default=0) + 1
    for node, kind in kinds.items():
        depth[node] = 0 if kind == "origin" else (last if kind == "article" else depth[node])
    columns = sorted(set(depth.values()))
    gap = (WIDTH - 2 * SIDE) / max(len(columns) - 1, 1)
    x_of = {c: SIDE + gap * n if len(columns) > 1 else WIDTH / 2 for n, c in enumerate(columns)}
    rows: dict[int, list[str]] = {}
    for node in kinds:  # first appearance order, so paths read top to bottom
        rows.setdefault(depth[node], []).append(node)
    height = TOP + ROW * max((len(r) for r in rows.values()), default=1)
    where = {
        node: (round(x_of[depth[node]], 1), float(TOP + ROW * n + ROW // 3))
        for col in rows.values()
        for n, node in enumerate(col)
    }
    nodes = tuple(_node(node, kinds[node], where[node], sources, titles, origin_names) for node in kinds)
    edges: dict[tuple[str, str], GraphEdge] = {}
    label = {n.id: n.name for n in nodes}
    for route in routes:
        for (a, _), (b, _) in zip(route, route[1:], strict=False):
            if (a, b) not in edges:
                (x1, y1), (x2, y2) = where[a], where[b]
                edges[(a, b)] = GraphEdge(a, b, x1, y1, x2, y2, f"{label[a]} → {label[b]}")
    headings = ["Origins"] + ["Relays"] * (len(columns) - 2) + ["Articles"]
    cols = tuple(Column(h, round(x_of[c], 1)) for h, c in zip(headings, columns, strict=False))
    return RelayGraph(WIDTH, height, cols, nodes, tuple(edges.values()))


def _node(
    node: str,
    kind: str,
    at: tuple[float, float],
    sources: Sequence[Mapping[str, Any]],
    titles: Mapping[str, str | None],
    origin_names: Mapping[str, str],
) -> GraphNode:
    key = node.split(":", 1)[1]
    x, y = at
    if kind == "article":
        title = titles.get(key) or key
        return GraphNode(node, kind, title, cut_label(title, MAX_LABEL), title, article_href(key), "", x, y)
    if kind == "relay":
        text = next(r for s in sources for r in (s.get("via") or ()) if _relay_key(r) == node)
        return GraphNode(node, kind, text, cut_label(text, MAX_LABEL), f"relay: {text}", None, "", x, y)
    mine = [s for s in sources if (s.get("origin") or s["speaker"]["name"]) == key]
    named = next((s["speaker"] for s in mine if s["speaker"].get("entity") == key), None)
    name = origin_names.get(key) or (named or mine[0]["speaker"])["name"]
    speakers = sorted({s["speaker"]["name"] for s in mine} - {name})
    sides = {SIDE_OF.get(s["stance"], "neither") for s in mine}
    side = sides.pop() if len(sides) == 1 else "mixed"
    title = f"origin {name} ({side})" + (f", reported as {'; '.join(speakers)}" if speakers else "")
    entity = named["entity"] if named is not None else (key if key in origin_names else None)
    href = entity_href(entity) if entity else None
    return GraphNode(node, kind, name, cut_label(name, MAX_LABEL), title, href, side, x, y)
