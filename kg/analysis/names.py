"""Finding a node by the name a user types: its label, an alias, or its id.

Names are matched case-insensitively against labels (``rdfs:label``), aliases (``skos:altLabel``)
and ids (``tokayev``, ``id:tokayev`` or the full IRI). An unknown name is an error that suggests
the closest names (rapidfuzz).

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_node("https://kg.example.org/id/tokayev", label="Kassym-Jomart Tokayev", aliases=["Tokayev"])
>>> G.add_node("https://kg.example.org/id/tajikistan", label="Tajikistan", aliases=["Tajik"])
>>> resolve(G, "tokayev"), resolve(G, "TAJIK")
('https://kg.example.org/id/tokayev', 'https://kg.example.org/id/tajikistan')
>>> resolve(G, "Tokaev")
Traceback (most recent call last):
...
kg.errors.KGError: E701 unknown name 'Tokaev' in the graph view; closest: 'Tokayev', 'Kassym-Jomart Tokayev', 'Tajikistan'
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rapidfuzz import fuzz, process

from ..errors import KGError
from ..namespace import ID

__all__ = ["name_index", "resolve", "suggest"]


def _keys(node: str, label: str | None, aliases) -> set[str]:
    keys = {node.casefold()}
    if node.startswith(str(ID)):
        local = node[len(str(ID)) :]
        keys |= {local.casefold(), f"id:{local}".casefold()}
    if label:
        keys.add(label.casefold())
    keys.update(a.casefold() for a in aliases or ())
    return keys


def name_index(G: nx.Graph) -> dict[str, set[str]]:
    """Every name of every node (case-folded) -> the nodes it names."""
    index: dict[str, set[str]] = defaultdict(set)
    for node, data in G.nodes(data=True):
        for key in _keys(node, data.get("label"), data.get("aliases")):
            index[key].add(node)
    return index


def suggest(G: nx.Graph, name: str, limit: int = 3) -> list[str]:
    """The labels and aliases of ``G`` closest to ``name``, best first."""
    names = sorted({n for _, d in G.nodes(data=True) for n in [d.get("label"), *(d.get("aliases") or ())] if n})
    found = process.extract(name, names, scorer=fuzz.WRatio, processor=str.casefold, limit=limit)
    return [match for match, _score, _i in found]


def resolve(G: nx.Graph, name: str) -> str:
    """The node of ``G`` that ``name`` names.

    Parameters
    ----------
    G : networkx.Graph
        A view from :func:`kg.analysis.to_networkx` (nodes with ``label`` and ``aliases``).
    name : str
        A label, an alias or an id, in any case.

    Returns
    -------
    str
        The node (an IRI).

    Raises
    ------
    KGError
        E701 when nothing is called so (with the closest names), E702 when several nodes are,
        E707 when the name is an entity of the store that takes part in no link of this view.
    """
    key = name.strip().casefold()
    nodes = name_index(G).get(key, set())
    if len(nodes) == 1:
        return next(iter(nodes))
    view = G.graph.get("view", "graph")
    if len(nodes) > 1:
        candidates = ", ".join(f"{G.nodes[n].get('label', n)} ({_short(n)})" for n in sorted(nodes))
        raise KGError("E702", name=name, candidates=candidates)
    # an entity of the store outside this view: a place, an operation in the actors view, an actor in no claim
    for entity, (label, type_, aliases) in (G.graph.get("entities") or {}).items():
        if key in _keys(entity, label, aliases):
            if type_ in ("Place", "Document"):
                why = "places and documents are not nodes of any view"
            elif type_ in ("Operation", "Event") and view == "actors":
                why = "operations and events are nodes of the network and bipartite views (--view network)"
            else:
                why = "it takes part in no claim with another actor, operation or event"
            raise KGError("E707", name=name, id=_short(entity), type=type_, view=view, why=why)
    suggestions = ", ".join(repr(s) for s in suggest(G, name)) or "(the view has no nodes)"
    raise KGError("E701", name=name, view=view, suggestions=suggestions)


def _short(iri: str) -> str:
    return f"id:{iri[len(str(ID)) :]}" if iri.startswith(str(ID)) else iri
