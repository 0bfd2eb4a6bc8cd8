"""How two actors connect, and who surrounds one actor.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_edge("tokayev", "zhusan", weight=3)
>>> G.add_edge("zhusan", "knb", weight=2)
>>> G.add_edge("tokayev", "afp", weight=1)
>>> G.add_edge("afp", "knb", weight=1)
>>> [(hop.source, hop.target) for hop in connection(G, "tokayev", "knb")]
[('tokayev', 'zhusan'), ('zhusan', 'knb')]
>>> [(m.node, m.distance, m.via) for m in ego_members(G, "tokayev", depth=2)]
[('zhusan', 1, 'tokayev'), ('afp', 1, 'tokayev'), ('knb', 2, 'zhusan')]
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..errors import KGError

__all__ = ["EgoMember", "Hop", "connection", "ego_members"]

MAX_PATHS = 500
"""How many shortest paths are compared to choose the best-supported one."""


@dataclass
class Hop:
    """One step of a path: the edge from ``source`` to ``target`` and its attributes."""

    source: Any
    target: Any
    data: dict = field(default_factory=dict)


def _label(G: nx.Graph, node: Any) -> str:
    return str(G.nodes[node].get("label", node))


def connection(G: nx.Graph, source: Any, target: Any, *, weight: str = "weight") -> list[Hop]:
    """The shortest path from ``source`` to ``target`` (fewest hops), as hops with their evidence.

    Among several shortest paths, the one whose links are supported by the most articles (the sum
    of ``weight``) is chosen; ties by the labels along the path.

    Parameters
    ----------
    G : networkx.Graph
        A view (``network`` shows operations and events along the way).
    source, target : node
        Where to start and end (see :func:`kg.analysis.resolve` for names).
    weight : str
        The edge attribute counting the articles behind a link.

    Returns
    -------
    list of Hop
        One per link, in order; empty when ``source`` is ``target``.

    Raises
    ------
    KGError
        E703 when no path joins them.
    """
    if source == target:
        return []
    if not nx.has_path(G, source, target):
        raise KGError("E703", source=_label(G, source), target=_label(G, target), view=G.graph.get("view", "graph"))
    paths = itertools.islice(nx.all_shortest_paths(G, source, target), MAX_PATHS)

    def support(path: list) -> tuple:
        total = sum(G.edges[u, v].get(weight, 1) for u, v in itertools.pairwise(path))
        return (-total, [_label(G, n).casefold() for n in path])

    best = min(paths, key=support)
    return [Hop(u, v, dict(G.edges[u, v])) for u, v in itertools.pairwise(best)]


@dataclass
class EgoMember:
    """A node within ``depth`` hops of the centre: how far, and through which neighbour."""

    node: Any
    distance: int
    via: Any
    """The neighbour one hop closer to the centre (the best-supported one)."""
    data: dict = field(default_factory=dict)
    """The attributes of the link from ``via``."""


def ego_members(G: nx.Graph, centre: Any, depth: int = 1, *, weight: str = "weight") -> list[EgoMember]:
    """Every node within ``depth`` hops of ``centre``, nearest first, then by link support.

    The same nodes as ``nx.ego_graph(G, centre, radius=depth)``, each with the link it is reached by.

    Parameters
    ----------
    G : networkx.Graph
    centre : node
    depth : int
        How many links away.
    weight : str
        The edge attribute counting the articles behind a link (to choose among closer neighbours).

    Returns
    -------
    list of EgoMember
    """
    distance = nx.single_source_shortest_path_length(G, centre, cutoff=depth)
    members = []
    for node, d in distance.items():
        if node == centre:
            continue
        closer = [n for n in G[node] if distance.get(n) == d - 1]
        via = min(closer, key=lambda n: (-G.edges[node, n].get(weight, 1), _label(G, n).casefold()))
        members.append(EgoMember(node, d, via, dict(G.edges[node, via])))
    members.sort(key=lambda m: (m.distance, -m.data.get(weight, 1), _label(G, m.node).casefold()))
    return members
