"""Node positions computed before the page is written, so a browser never has to lay out a large graph.

Small graphs get networkx's ``spring_layout`` (Fruchterman-Reingold, seeded: the same graph gives the
same picture); above ``SPRING_LIMIT`` nodes, where networkx needs minutes, igraph's grid-accelerated
Fruchterman-Reingold (C code, about one second for 5,000 nodes) starting from seeded positions.

Examples
--------
>>> import networkx as nx
>>> pos = layout(nx.path_graph(3))
>>> sorted(pos) == [0, 1, 2] and all(isinstance(x, float) for xy in pos.values() for x in xy)
True
>>> layout(nx.path_graph(3)) == pos
True
>>> len(layout(nx.Graph([(1, 2), (3, 4)])))
4
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np

__all__ = ["SPRING_LIMIT", "layout"]

SPRING_LIMIT = 400
"""Above this many nodes, the layout is igraph's grid Fruchterman-Reingold instead of networkx's."""

EDGE_LENGTH = 170.0
"""Typical distance between neighbours, in page pixels (vis-network's default node size is 25)."""


def layout(G: nx.Graph, *, seed: int = 7) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node of ``G``, in page pixels.

    Each connected component is laid out on its own, scaled so that its median edge is
    ``EDGE_LENGTH`` pixels long, and the components are packed in rows, largest first (a single
    force layout would fling the small components far away from the large one).

    Parameters
    ----------
    G : networkx.Graph
        Any graph (directed and multi-graphs are laid out as their undirected simple graph).
    seed : int
        Seed of the initial positions: the same graph and seed give the same layout.

    Returns
    -------
    dict
        ``{node: (x, y)}``.
    """
    simple = nx.Graph(G)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    order = {v: i for i, v in enumerate(simple)}
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(order[v] for v in c)))
    boxes = []
    for component in components:
        nodes = sorted(component, key=order.__getitem__)
        coords = _component(simple.subgraph(nodes), nodes, seed)
        boxes.append((nodes, coords - coords.min(axis=0), np.ptp(coords, axis=0)))
    return _pack(boxes)


def _component(G: nx.Graph, nodes: list, seed: int) -> np.ndarray:
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n <= SPRING_LIMIT:
        raw = nx.spring_layout(G, iterations=100, seed=seed)
        coords = np.array([raw[v] for v in nodes], dtype=float)
    else:
        coords = _igraph_layout(G, nodes, seed)
    index = {v: i for i, v in enumerate(nodes)}
    ends = np.array([(index[u], index[v]) for u, v in G.edges()])
    typical = float(np.median(np.linalg.norm(coords[ends[:, 0]] - coords[ends[:, 1]], axis=1)))
    return coords * (EDGE_LENGTH / typical if typical > 0 else 1.0)


def _igraph_layout(G: nx.Graph, nodes: list, seed: int) -> np.ndarray:
    import igraph as ig

    index = {v: i for i, v in enumerate(nodes)}
    graph = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()])
    start = np.random.default_rng(seed).uniform(-1, 1, size=(len(nodes), 2)) * math.sqrt(len(nodes))
    result = graph.layout_fruchterman_reingold(seed=start.tolist(), niter=500, grid="grid")
    return np.array(result.coords, dtype=float)


def _pack(boxes: list[tuple[list, np.ndarray, np.ndarray]]) -> dict[Hashable, tuple[float, float]]:
    """Shelf packing: components left to right in rows about as wide as the whole is tall."""
    gap = EDGE_LENGTH * 0.8
    area = sum((w + gap) * (h + gap) for _, _, (w, h) in boxes)
    row_width = max(max((w for _, _, (w, _h) in boxes), default=0.0), math.sqrt(area) * 1.3)
    positions: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for nodes, coords, (w, h) in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for v, (cx, cy) in zip(nodes, coords, strict=True):
            positions[v] = (round(float(x + cx), 1), round(float(y + cy), 1))
        x += w + gap
        row_height = max(row_height, h)
    if positions:  # centre on (0, 0)
        xs, ys = zip(*positions.values(), strict=True)
        mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        positions = {v: (round(px - mx, 1), round(py - my, 1)) for v, (px, py) in positions.items()}
    return positions
