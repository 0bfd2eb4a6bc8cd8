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

from .. import resolve as names
from ..errors import KGError
from ..namespace import short_iri

__all__ = ["EgoMember", "Hop", "connection", "ego_members", "resolve", "suggest"]

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


def _names(G: nx.Graph) -> dict[str, tuple[str, list[str]]]:
    return {n: (d.get("label") or n, d.get("aliases") or []) for n, d in G.nodes(data=True)}


def suggest(G: nx.Graph, name: str, limit: int = 3) -> list[str]:
    """The names of nodes of ``G`` closest to ``name``, best first (:func:`kg.resolve.suggest`)."""
    return [n for _node, n in names.suggest(name, _names(G), limit)]


def resolve(G: nx.Graph, name: str) -> str:
    """The node of ``G`` that ``name`` names: an id, a label or an alias (:func:`kg.resolve.resolve`).

    Parameters
    ----------
    G : networkx.Graph
        A view from :func:`kg.analysis.to_networkx` (nodes with ``label`` and ``aliases``).
    name : str
        An id (``id:tokayev``), a label or an alias, in any case.

    Returns
    -------
    str
        The node (an IRI).

    Raises
    ------
    KGError
        E801 when nothing is called so (with the closest names), E802 when several nodes are,
        E707 when the name is an entity of the store that takes part in no link of this view.

    Examples
    --------
    >>> G = nx.Graph(view="actors")
    >>> G.add_node("https://kg.example.org/id/tokayev", label="Kassym-Jomart Tokayev", aliases=["Tokayev"])
    >>> G.add_node("https://kg.example.org/id/tajikistan", label="Tajikistan", aliases=["Tajik"])
    >>> resolve(G, "id:tokayev"), resolve(G, "TAJIK")
    ('https://kg.example.org/id/tokayev', 'https://kg.example.org/id/tajikistan')
    >>> resolve(G, "Tokaev")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: E801 unknown name 'Tokaev' in the actors view; closest: 'Tokayev', 'Tajikistan'
    """
    view = G.graph.get("view", "graph")
    nodes = _names(G)
    if not names.find(name, nodes, partial=False):
        # an entity of the store outside this view: a place, an operation in the actors view, an actor in no claim
        entities = {e: (label, aliases) for e, (label, _type, aliases) in (G.graph.get("entities") or {}).items()}
        outside = [e for e in names.find(name, entities, partial=False) if e not in G]
        if len(outside) == 1:
            entity = outside[0]
            type_ = G.graph["entities"][entity][1]
            if type_ in ("Place", "Document"):
                why = "places and documents are not nodes of any view"
            elif type_ in ("Operation", "Event") and view == "actors":
                why = "operations and events are nodes of the network and bipartite views (--view network)"
            else:
                why = "it takes part in no claim with another actor, operation or event"
            raise KGError("E707", name=name, id=short_iri(entity), type=type_, view=view, why=why)
    return names.resolve(name, nodes, where=f" in the {view} view", show="name")
