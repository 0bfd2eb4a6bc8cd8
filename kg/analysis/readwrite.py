"""Analysis results out: GraphML and GEXF files for Gephi, and RDF back into the store.

RDF results live in the named graph ``graph:analysis`` (``https://kg.example.org/graph/analysis``):

.. code-block:: turtle

    id:tokayev kg:degree 0.5 ; kg:betweenness 0.21 ; kg:pagerank 0.08 ; kg:community 0 .
    graph:analysis kg:analysedAt "2025-01-01T12:00:00+00:00"^^xsd:dateTime .

Writing replaces that graph in one transaction; the values of measures not recomputed are kept
(``kg analyze communities --write`` keeps the centralities an earlier ``centrality --write`` left).
A rebuild (``kg build``) starts without it.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph(view="actors")
>>> G.add_edge("a", "b", claims=["c1", "c2"], weight=2, via=[])
>>> gephi_graph(G).edges["a", "b"]
{'claims': 'c1 | c2', 'weight': 2, 'via': ''}
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import XSD, Literal, URIRef

from ..errors import KGError
from ..io import atomic_open
from ..namespace import GRAPH, KG
from ..store import Store, default_store_url, replace_graph
from .options import EXPORT_FORMATS

__all__ = ["ANALYSIS_GRAPH", "EXPORT_FORMATS", "analysis_triples", "gephi_graph", "write_analysis", "write_network"]

ANALYSIS_GRAPH = GRAPH.analysis
_SEPARATOR = " | "


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        return _SEPARATOR.join(
            str(v) for v in (sorted(value, key=str) if isinstance(value, set | frozenset) else value)
        )
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _legal(items) -> dict[str, type]:
    """One type per attribute: GraphML and GEXF declare each attribute once."""
    kinds: dict[str, set[type]] = defaultdict(set)
    for data in items:
        for key, value in data.items():
            if value is not None:
                kinds[key].add(type(_plain(value)))
    legal = {}
    for key, seen in kinds.items():
        if len(seen) == 1:
            legal[key] = next(iter(seen))
        elif seen <= {int, float, bool}:
            legal[key] = float
        else:
            legal[key] = str
    return legal


def _cast(value: Any, kind: type) -> Any:
    value = _plain(value)
    return value if type(value) is kind else kind(value)


def gephi_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes GraphML and GEXF can hold: strings, numbers and booleans.

    Lists become strings joined by ``" | "``; ``None`` values are left out; an attribute that mixes
    integers and floats becomes a float everywhere, any other mix a string.
    """
    H = nx.Graph()
    H.graph.update({k: _plain(v) for k, v in G.graph.items() if k != "entities" and not isinstance(v, dict)})
    node_types = _legal(d for _, d in G.nodes(data=True))
    edge_types = _legal(d for _, _, d in G.edges(data=True))
    for node, data in G.nodes(data=True):
        H.add_node(node, **{k: _cast(v, node_types[k]) for k, v in data.items() if v is not None})
    for u, v, data in G.edges(data=True):
        H.add_edge(u, v, **{k: _cast(x, edge_types[k]) for k, x in data.items() if x is not None})
    return H


def write_network(G: nx.Graph, output: str | os.PathLike, format: str = "graphml") -> Path:
    """Write ``G`` as GraphML or GEXF (for Gephi), all or nothing.

    Parameters
    ----------
    G : networkx.Graph
        A view, with whatever node attributes were added (centralities, community).
    output : path
        The file to write.
    format : {"graphml", "gexf"}

    Returns
    -------
    Path
        The file written.
    """
    if format not in EXPORT_FORMATS:
        raise KGError("E303", name=format, choices=", ".join(EXPORT_FORMATS))
    path = Path(output)
    H = gephi_graph(G)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_open(path, "wb") as handle:
            if format == "graphml":
                nx.write_graphml(H, handle, encoding="utf-8")
            else:
                nx.write_gexf(H, handle, encoding="utf-8")
    except OSError as exc:
        raise KGError("E708", path=path, detail=exc.strerror or str(exc)) from None
    return path


def _decimal(value: float) -> Literal:
    return Literal(format(Decimal(repr(float(value))), "f"), datatype=XSD.decimal)


def analysis_triples(
    centrality: dict[str, dict[Any, float]] | None = None,
    communities: dict[Any, int] | None = None,
    when: dt.datetime | None = None,
) -> list[tuple]:
    """Results as RDF triples: ``kg:degree``, ``kg:betweenness``, ``kg:pagerank`` (``xsd:decimal``),
    ``kg:community`` (``xsd:integer``) per node, and ``kg:analysedAt`` on ``graph:analysis``.

    >>> triples = analysis_triples({"degree": {"https://kg.example.org/id/a": 0.5}}, {"https://kg.example.org/id/a": 0},
    ...                            when=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    >>> [(p.n3(), o.n3()) for _, p, o in triples][:2]
    [('<https://kg.example.org/ontology#degree>', '"0.5"^^<http://www.w3.org/2001/XMLSchema#decimal>'), ('<https://kg.example.org/ontology#community>', '"0"^^<http://www.w3.org/2001/XMLSchema#integer>')]
    """
    triples: list[tuple] = []
    for measure, values in (centrality or {}).items():
        predicate = KG[measure]
        triples.extend((URIRef(str(node)), predicate, _decimal(v)) for node, v in sorted(values.items()))
    triples.extend(
        (URIRef(str(node)), KG.community, Literal(i, datatype=XSD.integer))
        for node, i in sorted((communities or {}).items())
    )
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    triples.append((ANALYSIS_GRAPH, KG.analysedAt, Literal(when.isoformat(), datatype=XSD.dateTime)))
    return triples


def write_analysis(
    store: str | os.PathLike | Store | None = None,
    *,
    centrality: dict[str, dict[Any, float]] | None = None,
    communities: dict[Any, int] | None = None,
) -> int:
    """Write centralities and/or communities into ``graph:analysis``, replacing the previous values.

    Parameters
    ----------
    store : str or Store, optional
        The store to update (default ``$KG_STORE`` or ``.kg``): the embedded store or ``memory:``.
    centrality : dict, optional
        ``{"degree": {node: value}, ...}`` as :func:`kg.analysis.actor_centrality` returns.
    communities : dict, optional
        ``{node: community number}`` as :func:`kg.analysis.community_index` returns.

    Returns
    -------
    int
        The number of triples now in ``graph:analysis``.
    """
    from ..query import query

    url = store.url if isinstance(store, Store) else str(store if store is not None else default_store_url())
    replaced = {KG.analysedAt}
    replaced |= {KG[m] for m in (centrality or {})}
    if communities is not None:
        replaced.add(KG.community)
    previous = query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{ ?s ?p ?o }} }}", store=url)
    kept = [row for row in previous.rows if row[1] not in replaced]
    triples = kept + analysis_triples(centrality, communities)
    try:
        return replace_graph(url, ANALYSIS_GRAPH, triples)
    except NotImplementedError as exc:
        raise KGError("E706", url=url, detail=str(exc)) from None
