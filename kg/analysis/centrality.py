"""Who is central in the actor network: degree, betweenness and PageRank.

Plain networkx calls, so an installed networkx backend (nx-parallel on CPUs, nx-cugraph on a GPU)
runs them when selected: ``backend="parallel"``, ``nx.config.backend_priority = ["parallel"]``
or ``NETWORKX_BACKEND_PRIORITY=parallel``. Without one, networkx itself runs them.

Examples
--------
>>> import networkx as nx
>>> star = nx.star_graph(4)          # node 0 linked to 1, 2, 3, 4
>>> scores = actor_centrality(star)
>>> scores["degree"][0], scores["betweenness"][0], scores["degree"][1]
(1.0, 1.0, 0.25)
>>> max(scores["pagerank"], key=scores["pagerank"].get)
0
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx

from ..errors import KGError
from .options import MEASURES

__all__ = ["MEASURES", "actor_centrality", "call_backend", "ranking"]


def call_backend(function: Callable[..., Any], *args: Any, backend: str | None = None, **kwargs: Any) -> Any:
    """Call a networkx algorithm, with ``backend=`` when one is named; a missing backend is a KGError.

    >>> call_backend(nx.degree_centrality, nx.path_graph(3), backend="networkx")
    {0: 0.5, 1: 1.0, 2: 0.5}
    """
    if backend is not None:
        kwargs["backend"] = backend
    try:
        return function(*args, **kwargs)
    except ImportError as exc:
        raise KGError("E705", backend=backend, detail=str(exc)) from None
    except NotImplementedError as exc:
        raise KGError(
            "E705", backend=backend, detail=str(exc) or f"it does not implement {function.__name__}"
        ) from None


def actor_centrality(
    G: nx.Graph,
    *,
    weight: str = "weight",
    backend: str | None = None,
    k: int | None = None,
    seed: int = 0,
) -> dict[str, dict[Any, float]]:
    """Degree, betweenness and PageRank of every node.

    Parameters
    ----------
    G : networkx.Graph
        Usually the ``actors`` view (:func:`kg.analysis.actor_graph`).
    weight : str
        The edge attribute PageRank weighs links by (the number of articles supporting them).
        Degree and betweenness count links and hops, whatever their weight.
    backend : str, optional
        A networkx backend to run the algorithms on (``"networkx"``, ``"parallel"``, ``"cugraph"``).
    k : int, optional
        Estimate betweenness from ``k`` sampled source nodes instead of all (for large graphs).
    seed : int
        The sampling seed when ``k`` is given.

    Returns
    -------
    dict
        ``{"degree": {node: value}, "betweenness": {...}, "pagerank": {...}}``; degree and
        betweenness are normalised (0 to 1), PageRank sums to 1.
    """
    sample = k if k is not None and k < len(G) else None
    return {
        "degree": call_backend(nx.degree_centrality, G, backend=backend),
        "betweenness": call_backend(
            nx.betweenness_centrality, G, k=sample, seed=seed if sample else None, backend=backend
        ),
        "pagerank": call_backend(nx.pagerank, G, weight=weight, backend=backend) if len(G) else {},
    }


def ranking(scores: dict[str, dict[Any, float]], by: str = "pagerank", labels: dict | None = None) -> list:
    """Nodes from the most to the least central by one measure; ties by label.

    >>> ranking({"degree": {"a": 0.5, "b": 1.0, "c": 0.5}}, by="degree")
    ['b', 'a', 'c']
    """
    if by not in scores:
        raise KGError("E709", name=by, choices=", ".join(scores))
    values = scores[by]
    labels = labels or {}
    return sorted(values, key=lambda n: (-values[n], str(labels.get(n, n)).casefold(), str(n)))
