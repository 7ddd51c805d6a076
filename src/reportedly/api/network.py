"""The counterpart network of an entity laid out for an inline SVG, computed on the server.

The layout is data (coordinates, labels, links); the template draws it, escaping every label.
One ring around the entity: counterparts sharing more events sit at the top and get thicker edges.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportedly.api.highlight import entity_href
from reportedly.api.queries import Counterpart

# Drawing size in SVG user units; the page scales it to the column width.
WIDTH, HEIGHT = 640, 420
# Ring radius: leaves room for labels inside the drawing.
RADIUS = 150
# Thickest edge in user units; the thinnest is 1.
MAX_STROKE = 8.0
# Longest label drawn, in characters: longer names are cut (the full name is the node's tooltip).
MAX_LABEL = 24


@dataclass(frozen=True, slots=True)
class Node:
    """A circle with a label."""

    id: str
    label: str
    title: str
    href: str
    x: float
    y: float
    r: float
    anchor: str  # SVG text-anchor: start | middle | end
    lx: float
    ly: float
    kind: str  # center | PERSON | ORG | GPE ...


@dataclass(frozen=True, slots=True)
class Edge:
    """A line from the entity to a counterpart."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    title: str


@dataclass(frozen=True, slots=True)
class Network:
    """Everything the template needs to draw the network."""

    width: int
    height: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def cut_label(text: str, limit: int = MAX_LABEL) -> str:
    """`text` as drawn: cut to `limit` characters, an ellipsis marking the cut (the tooltip has it all)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def layout(center_id: str, center_name: str, others: list[Counterpart]) -> Network:
    """Place the entity at the center and its counterparts on a ring, clockwise from the top.

    Args:
        center_id: the entity's ledger id.
        center_name: its name.
        others: its counterparts, most shared events first.

    Returns:
        the network's nodes and edges in SVG coordinates.
    """
    cx, cy = WIDTH / 2, HEIGHT / 2
    most = max((c.events for c in others), default=1)
    nodes = [
        Node(
            center_id,
            cut_label(center_name),
            center_name,
            entity_href(center_id),
            cx,
            cy,
            14,
            "middle",
            cx,
            cy + 30,
            "center",
        )
    ]
    edges = []
    for i, c in enumerate(others):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(others), 1)
        x, y = cx + RADIUS * math.cos(angle), cy + RADIUS * math.sin(angle)
        dx = math.cos(angle)
        anchor = "middle" if abs(dx) < 0.3 else ("start" if dx > 0 else "end")
        lx, ly = x + 14 * dx, y + 14 * math.sin(angle) + 4
        title = f"{c.name}: {c.events} shared event{'s' if c.events != 1 else ''}"
        nodes.append(
            Node(
                c.id,
                cut_label(c.name),
                title,
                entity_href(c.id),
                round(x, 1),
                round(y, 1),
                6 + 4 * c.events / most,
                anchor,
                round(lx, 1),
                round(ly, 1),
                c.type,
            )
        )
        edges.append(
            Edge(cx, cy, round(x, 1), round(y, 1), round(1 + (MAX_STROKE - 1) * c.events / most, 1), title)
        )
    return Network(WIDTH, HEIGHT, tuple(nodes), tuple(edges))
