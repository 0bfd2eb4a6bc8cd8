"""Groups of actors that act or are reported together (Louvain community detection).

Examples
--------
>>> import networkx as nx
>>> G = nx.barbell_graph(3, 0)           # two triangles {0, 1, 2} and {3, 4, 5} joined by 2-3
>>> actor_communities(G)
[{0, 1, 2}, {3, 4, 5}]
>>> community_index(actor_communities(G))[4]
1
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .centrality import call_backend

__all__ = ["actor_communities", "community_index"]


def actor_communities(
    G: nx.Graph,
    *,
    weight: str = "weight",
    resolution: float = 1.0,
    seed: int = 0,
    backend: str | None = None,
) -> list[set]:
    """Louvain communities, the largest first (ties: the one whose smallest node sorts first).

    Parameters
    ----------
    G : networkx.Graph
        Usually the ``actors`` view; links weigh the number of articles supporting them.
    resolution : float
        Above 1, smaller communities; below 1, larger ones.
    seed : int
        Louvain visits nodes in a random order; a fixed seed gives the same communities every run.
    backend : str, optional
        A networkx backend to run on (see :mod:`kg.analysis.centrality`).

    Returns
    -------
    list of set
        Every node is in exactly one community; community ``i`` of ``kg:community i``.
    """
    if len(G) == 0:
        return []
    found = call_backend(
        nx.community.louvain_communities, G, weight=weight, resolution=resolution, seed=seed, backend=backend
    )
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(map(str, c))))


def community_index(communities: list[set]) -> dict[Any, int]:
    """Each node's community number (its position in ``communities``)."""
    return {node: i for i, members in enumerate(communities) for node in members}
