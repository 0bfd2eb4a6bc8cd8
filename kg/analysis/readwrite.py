"""Analysis results out: GraphML and GEXF files for Gephi, and RDF back into the store.

A file for Gephi opens drawn: every node carries its colour (by type, a claim by its status), a size
(by its number of links) and a position (:func:`kg.viz.layout`, computed once, seeded), as GEXF
``viz:`` elements (GEXF 1.2) or as the ``r``, ``g``, ``b``, ``size``, ``x``, ``y`` attributes Gephi's
GraphML importer reads. An edge says how many claims make it (``claims``), names one of them
(``claim``) and gives its quote (``quote``), instead of listing every claim.

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
>>> G.add_node("a", type="Person")
>>> c1, c2 = "https://kg.example.org/id/claim/a1/c1", "https://kg.example.org/id/claim/a1/c2"
>>> G.add_edge("a", "b", claims=[c2, c1], weight=2, via=[])
>>> H = gephi_graph(G, quotes={c1: "We met."})
>>> H.edges["a", "b"]
{'claims': 2, 'weight': 2, 'via': '', 'claim': 'id:claim/a1/c1', 'quote': 'We met.', 'viz': {'thickness': 2.0}}
>>> H.nodes["a"]["viz"]["color"], H.nodes["a"]["viz"]["size"]
({'r': 78, 'g': 121, 'b': 167, 'a': 1.0}, 40.0)
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Hashable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import XSD, Literal, URIRef

from ..errors import KGError
from ..io import atomic_open
from ..namespace import GRAPH, KG, short_iri
from ..store import Store, default_store_url, replace_graph
from ..viz.layout import layout
from ..viz.style import EDGE_STYLES, STATUS_STYLES, node_style
from .options import EXPORT_FORMATS

__all__ = [
    "ANALYSIS_GRAPH",
    "EXPORT_FORMATS",
    "GEXF_VERSION",
    "analysis_triples",
    "gephi_graph",
    "node_colour",
    "write_analysis",
    "write_network",
]

ANALYSIS_GRAPH = GRAPH.analysis
GEXF_VERSION = "1.2draft"
"""The GEXF written: 1.2, what Gephi reads (networkx's 1.3 writer declares a wrong XML Schema namespace)."""
MIN_SIZE, MAX_SIZE = 10.0, 40.0
"""Node sizes in Gephi: the least linked node gets the first, the most linked the second."""
_SEPARATOR = " | "
# claims-view nodes have a kind but no entity type: the colour of the type they stand for
_KIND_TYPES = {"outlet": "MediaOutlet", "speaker": "Person"}
_GROUP_COLOUR = "#555555"


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


def node_colour(data: Mapping[str, Any]) -> str:
    """The colour of a node of a view, as ``#rrggbb``: the colour of its type in the HTML views
    (:data:`kg.viz.style.NODE_STYLES`); in the claims view, a claim's status colour, an outlet's and
    a speaker's type colour, and dark grey for a claim group.

    Examples
    --------
    >>> node_colour({"type": "Country"}), node_colour({"kind": "claim", "status": "conflicting"})
    ('#f28e2b', '#d62728')
    """
    kind = data.get("kind")
    if kind == "claim" and data.get("status") in STATUS_STYLES:
        return STATUS_STYLES[data["status"]]["color"]
    if kind == "group":
        return _GROUP_COLOUR
    return node_style(data.get("type") or _KIND_TYPES.get(kind, "Other"))["color"]


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def _edge_data(data: dict, quotes: Mapping[str, str]) -> dict:
    """An edge's attributes with its list of claims replaced by a count, one claim and its quote."""
    claims = data.get("claims")
    if not isinstance(claims, list | tuple | set | frozenset):
        return dict(data)
    claims = sorted(claims)
    shown = next((c for c in claims if quotes.get(c)), claims[0] if claims else None)
    out = {k: (len(claims) if k == "claims" else v) for k, v in data.items()}
    out["claim"] = short_iri(shown) if shown else None
    out["quote"] = quotes.get(shown) if shown else None
    return out


def gephi_graph(
    G: nx.Graph,
    *,
    quotes: Mapping[str, str] | None = None,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
) -> nx.Graph:
    """A copy of ``G`` that GraphML and GEXF can hold, with Gephi's ``viz`` drawing attributes.

    Lists become strings joined by ``" | "``; ``None`` values are left out; an attribute that mixes
    integers and floats becomes a float everywhere, any other mix a string. An edge's ``claims``
    becomes their number, with ``claim`` (the first, by id, that has a quote) and ``quote``.
    Each node gets ``viz`` (networkx's GEXF convention): ``color`` (:func:`node_colour`), ``size``
    (from :data:`MIN_SIZE` to :data:`MAX_SIZE` by its number of links) and ``position``; each edge
    ``viz`` ``thickness`` (its ``weight``), and conflicts between claims the conflict colour.

    Parameters
    ----------
    G : networkx.Graph
        A view, with whatever attributes were added (centralities, community).
    quotes : mapping, optional
        ``{claim IRI: quote}``, for the quote an edge shows.
    positions : mapping, optional
        ``{node: (x, y)}``; default :func:`kg.viz.layout` of ``G`` (seeded: the same graph, the same places).

    Returns
    -------
    networkx.Graph
    """
    quotes = quotes or {}
    if positions is None:
        positions = layout(G) if len(G) else {}
    H = nx.Graph()
    H.graph.update({k: _plain(v) for k, v in G.graph.items() if k != "entities" and not isinstance(v, dict)})
    node_types = _legal(d for _, d in G.nodes(data=True))
    edges = [(u, v, _edge_data(d, quotes)) for u, v, d in G.edges(data=True)]
    edge_types = _legal(d for _, _, d in edges)
    degrees = dict(G.degree())
    most = max(degrees.values(), default=0) or 1
    for node, data in G.nodes(data=True):
        attrs = {k: _cast(v, node_types[k]) for k, v in data.items() if v is not None and k != "viz"}
        viz: dict[str, Any] = {
            "color": {**_rgb(node_colour(data)), "a": 1.0},
            "size": round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * degrees[node] / most, 3),
        }
        if node in positions:
            x, y = positions[node]
            viz["position"] = {"x": round(float(x), 3), "y": round(float(-y), 3), "z": 0.0}  # y grows upwards
        H.add_node(node, **attrs, viz=viz)
    for u, v, data in edges:
        attrs = {k: _cast(x, edge_types[k]) for k, x in data.items() if x is not None and k != "viz"}
        viz = {"thickness": float(data.get("weight", 1))}
        if data.get("relation") == "conflicts":
            viz["color"] = {**_rgb(EDGE_STYLES["conflict"]["color"]), "a": 1.0}
        H.add_edge(u, v, **attrs, viz=viz)
    return H


def _graphml_graph(H: nx.Graph) -> nx.Graph:
    """``viz`` as the flat attributes Gephi's GraphML importer reads: ``r g b size x y`` (edges: ``r g b``)."""
    F = nx.Graph()
    F.graph.update(H.graph)
    for node, data in H.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k != "viz"}
        viz = data.get("viz", {})
        attrs.update({k: viz["color"][k] for k in "rgb"} if "color" in viz else {})
        if "size" in viz:
            attrs["size"] = viz["size"]
        if "position" in viz:
            attrs["x"], attrs["y"] = viz["position"]["x"], viz["position"]["y"]
        F.add_node(node, **attrs)
    for u, v, data in H.edges(data=True):
        attrs = {k: x for k, x in data.items() if k != "viz"}
        viz = data.get("viz", {})
        attrs.update({k: viz["color"][k] for k in "rgb"} if "color" in viz else {})
        F.add_edge(u, v, **attrs)
    return F


def write_network(
    G: nx.Graph,
    output: str | os.PathLike,
    format: str = "graphml",
    *,
    quotes: Mapping[str, str] | None = None,
) -> Path:
    """Write ``G`` as GraphML or GEXF (for Gephi), drawn (see :func:`gephi_graph`), all or nothing.

    Parameters
    ----------
    G : networkx.Graph
        A view, with whatever node attributes were added (centralities, community).
    output : path
        The file to write.
    format : {"graphml", "gexf"}
        GEXF is written as version 1.2 (:data:`GEXF_VERSION`), with ``viz:`` colours, sizes and positions.
    quotes : mapping, optional
        ``{claim IRI: quote}``, for the quote each edge shows.

    Returns
    -------
    Path
        The file written.
    """
    if format not in EXPORT_FORMATS:
        raise KGError("E303", name=format, choices=", ".join(EXPORT_FORMATS))
    path = Path(output)
    H = gephi_graph(G, quotes=quotes)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_open(path, "wb") as handle:
            if format == "graphml":
                nx.write_graphml(_graphml_graph(H), handle, encoding="utf-8")
            else:
                nx.write_gexf(H, handle, encoding="utf-8", version=GEXF_VERSION)
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
