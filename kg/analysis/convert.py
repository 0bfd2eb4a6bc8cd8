"""From the RDF graph to networkx graphs: one view per kind of question.

The graph is read with a few SPARQL SELECTs (one per property, joined here by claim), so a store
of a million triples converts in seconds. Every node is an IRI (``str``) with a ``label`` and a
``type``; every edge keeps the claims and articles it comes from.

Who takes part in a claim
-------------------------
The *participants* of a claim (or of a ``kg:Statement``) are the entities among

- its subject and its object (``rdf:subject``, ``rdf:object``) when they are entities,
- what it is about (``kg:about``),
- its speaker (``prov:wasAttributedTo``) when the speaker is named, that is not the outlet that
  published the article (an outlet reporting in its own voice reports; it does not act),

kept when they are actors (``kg:Person``, ``kg:Country``, ``kg:GovernmentBody``,
``kg:Organisation``, ``kg:ArmedGroup``, ``kg:MediaOutlet``, ``kg:Group``) or operations and
events (``kg:Operation``, ``kg:Event``). Places, quantities and dates are not nodes.

Views
-----
``network``
    Actors and operations/events; an edge joins every two participants of one claim. The view for
    paths: ``Tokayev -ordered- Operation Zhusan -agent- KNB``.
``actors``
    Actors only. Two actors are linked when they take part in the same claim, or in claims about
    the same operation or event (both are linked to it in ``network``); ``via`` lists those
    operations and events, ``predicates`` only the predicates of the claims they share. The view
    for centrality and communities.
``bipartite``
    The actor--operation/event edges of ``network`` (``bipartite`` node attribute 0 for actors,
    1 for operations and events).
``claims``
    Claim groups, claims, outlets and speakers (:func:`claim_source_graph`).

Edge attributes (all views but ``claims``): ``claims`` and ``articles`` (sorted IRIs),
``weight`` (the number of distinct articles among those claims: for an ``actors`` link through an
operation, the claims that tie either actor to it), ``predicates`` (how the claims link the two:
the claim's predicate as a local name, ``said`` when one of them is the claim's speaker,
``statement`` for a statement), and on actor--event edges ``roles`` (what the actor is in the
claims: ``agent``, ``partner``, ``carriedOut``, ``repatriated``, ``speaker``, ``about``, ...).

Examples
--------
>>> from rdflib import Dataset
>>> ds = Dataset()
>>> _ = ds.parse(data=EXAMPLE, format="turtle")
>>> G = to_networkx(ds, view="actors")
>>> sorted(G.nodes[n]["label"] for n in G)
['Kazakhstan', 'Tokayev']
>>> G.edges[str(ID.tokayev), str(ID.kazakhstan)]["weight"]
1
>>> to_networkx(ds, view="network").nodes[str(ID.zhusan)]
{'label': 'Operation Zhusan', 'type': 'Operation', 'kind': 'event', 'aliases': []}
"""

from __future__ import annotations

import itertools
import os
from collections import defaultdict

import networkx as nx

from ..errors import KGError
from ..graphdata import GraphData, Source, number, read_graph_data
from ..namespace import ID, local_name  # noqa: F401 - ID is used by the examples
from ..store import Store
from ..vocab import ACTOR_TYPES, EVENT_TYPES
from .options import VIEWS

__all__ = [
    "ACTOR_TYPES",
    "CLAIM_PARTS",
    "EVENT_TYPES",
    "NETWORK_PARTS",
    "VIEWS",
    "ClaimData",
    "GraphData",
    "actor_graph",
    "actor_operation_graph",
    "claim_source_graph",
    "local_name",
    "network_graph",
    "read_claim_data",
    "read_graph_data",
    "to_networkx",
]

NETWORK_PARTS = ("entities", "claims", "triples", "articles")
"""What the ``actors``, ``bipartite`` and ``network`` views read (:func:`kg.graphdata.read_graph_data`)."""
CLAIM_PARTS = ("claims", "triples", "status", "quotes", "quantities", "groups", "articles", "labels", "conflicts")
"""What the ``claims`` view reads."""

EXAMPLE = """
@prefix kg: <https://kg.example.org/ontology#> . @prefix id: <https://kg.example.org/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix schema: <https://schema.org/> .
id:tokayev a kg:Person ; rdfs:label "Tokayev" . id:kazakhstan a kg:Country ; rdfs:label "Kazakhstan" .
id:zhusan a kg:Operation ; rdfs:label "Operation Zhusan" . id:afp a kg:MediaOutlet ; rdfs:label "AFP" .
id:article\\/a1 schema:publisher id:afp .
id:claim\\/a1\\/c1 a kg:Claim ; rdf:subject id:zhusan ; rdf:predicate kg:destination ; rdf:object id:kazakhstan ;
    prov:wasAttributedTo id:tokayev ; prov:wasDerivedFrom id:article\\/a1 .
"""
"""A one-claim graph in Turtle, for examples: Tokayev (speaker) says Kazakhstan was the destination of Zhusan."""

_NODE_TYPES = frozenset(ACTOR_TYPES + EVENT_TYPES)

ClaimData = GraphData
"""The claims view reads the same :class:`kg.graphdata.GraphData` (with :data:`CLAIM_PARTS`)."""


def _read(source, parts: tuple[str, ...]) -> GraphData:
    if isinstance(source, GraphData):
        source.require(*parts)
        return source
    return read_graph_data(source, parts)


def read_claim_data(source: Source = None) -> GraphData:
    """Read claim groups, their claims, values, outlets and speakers (:data:`CLAIM_PARTS`).

    Parameters
    ----------
    source : str, Store, rdflib Graph or Dataset, or CONSTRUCT Results, optional
        A store URL or an open store (default ``$KG_STORE`` or ``.kg``), or RDF already in memory.
    """
    return read_graph_data(source, CLAIM_PARTS)


def _items(data: GraphData) -> list[tuple]:
    """Claims and statements with a speaker and an article: ``(claim, article, s, p, o, about, speaker)``."""
    return [
        (c.iri, c.article, c.subject, c.predicate, c.object, c.about, c.speaker)
        for c in data.claims
        if c.speaker and c.article
    ]


def _node_types(data: GraphData) -> dict[str, bool]:
    """The entities that can be nodes: ``iri -> is an actor``."""
    return {e.iri: e.type in ACTOR_TYPES for e in data.entities.values() if e.type in _NODE_TYPES}


# --- the views -------------------------------------------------------------------------------------


def _links(data: GraphData) -> dict[tuple[str, str], list[set]]:
    """Every pair of participants of one claim: ``(u, v) -> [claims, articles, predicates, roles]``."""
    actor = _node_types(data)
    publishers = {a: x.outlet for a, x in data.articles.items()}
    links: dict[tuple[str, str], list[set]] = {}
    for claim, article, s, p, o, about, speaker in _items(data):
        predicate = local_name(p) if p else "statement"
        parts: dict[str, str] = {}
        if s in actor:
            parts[s] = predicate
        if o in actor:
            parts.setdefault(o, predicate)
        if about in actor:
            parts.setdefault(about, "about")
        if speaker in actor and speaker != publishers.get(article):
            parts.setdefault(speaker, "speaker")
        if len(parts) < 2:
            continue
        for u, v in itertools.combinations(sorted(parts), 2):
            link = links.get((u, v))
            if link is None:
                link = links[(u, v)] = [set(), set(), set(), set()]
            link[0].add(claim)
            link[1].add(article)
            link[2].add("said" if "speaker" in (parts[u], parts[v]) else predicate)
            if actor[u] != actor[v]:
                link[3].add(parts[u] if actor[u] else parts[v])
    return links


def _participants(data: GraphData) -> set[str]:
    """Entities that take part in at least one claim (isolated ones included)."""
    actor = _node_types(data)
    publishers = {a: x.outlet for a, x in data.articles.items()}
    nodes: set[str] = set()
    for _claim, article, s, _p, o, about, speaker in _items(data):
        nodes.update(x for x in (s, o, about) if x in actor)
        if speaker in actor and speaker != publishers.get(article):
            nodes.add(speaker)
    return nodes


def _add_nodes(G: nx.Graph, data: GraphData, nodes, *, bipartite: bool = False) -> None:
    for node in sorted(nodes):
        entity = data.entities[node]
        type_, label = entity.type, entity.label
        attrs = {"label": label, "type": type_, "kind": "actor" if type_ in ACTOR_TYPES else "event"}
        attrs["aliases"] = sorted(set(entity.aliases) - {label})
        if bipartite:
            attrs["bipartite"] = 0 if type_ in ACTOR_TYPES else 1
        G.add_node(node, **attrs)


def _edge(link: list[set], *, roles: bool) -> dict:
    attrs = {
        "claims": sorted(link[0]),
        "articles": sorted(link[1]),
        "weight": len(link[1]),
        "predicates": sorted(link[2]),
    }
    if roles:
        attrs["roles"] = sorted(link[3])
    return attrs


def _data(source) -> GraphData:
    return _read(source, NETWORK_PARTS)


def network_graph(source=None) -> nx.Graph:
    """Actors and operations/events, an edge between every two participants of one claim.

    Parameters
    ----------
    source : str, Store, GraphData, rdflib Graph or Dataset, optional
        Where to read the graph (see :func:`read_graph_data`).
    """
    data = _data(source)
    G = nx.Graph(view="network")
    _add_nodes(G, data, _participants(data))
    for (u, v), link in sorted(_links(data).items()):
        G.add_edge(u, v, **_edge(link, roles=G.nodes[u]["kind"] != G.nodes[v]["kind"]))
    G.graph["entities"] = _entity_names(data)
    return G


def actor_operation_graph(source=None) -> nx.Graph:
    """The bipartite actor--operation/event graph: who took part in, or spoke of, which operation.

    Parameters
    ----------
    source : str, Store, GraphData, rdflib Graph or Dataset, optional
        Where to read the graph (see :func:`read_graph_data`).

    Returns
    -------
    networkx.Graph
        Nodes with ``bipartite`` 0 (actors) or 1 (operations and events); edges with ``roles``.
    """
    data = _data(source)
    G = nx.Graph(view="bipartite")
    _add_nodes(G, data, _participants(data), bipartite=True)
    kinds = {n: G.nodes[n]["bipartite"] for n in G}
    for (u, v), link in sorted(_links(data).items()):
        if kinds[u] != kinds[v]:
            G.add_edge(u, v, **_edge(link, roles=True))
    G.graph["entities"] = _entity_names(data)
    return G


def actor_graph(source=None) -> nx.Graph:
    """Actors linked when they take part in one claim or in claims about one operation or event.

    Parameters
    ----------
    source : str, Store, GraphData, rdflib Graph or Dataset, optional
        Where to read the graph (see :func:`read_graph_data`).

    Returns
    -------
    networkx.Graph
        Edges with ``claims``, ``articles``, ``weight``, ``predicates`` and ``via``.

    Examples
    --------
    >>> from rdflib import Dataset
    >>> G = actor_graph(Dataset().parse(data=EXAMPLE, format="turtle"))
    >>> data = G.edges[str(ID.kazakhstan), str(ID.tokayev)]
    >>> data["predicates"], data["via"], data["articles"]
    (['said'], ['https://kg.example.org/id/zhusan'], ['https://kg.example.org/id/article/a1'])
    """
    data = _data(source)
    links = _links(data)
    is_actor = _node_types(data)
    direct: dict[tuple[str, str], list[set]] = {}
    members: dict[str, list[tuple[str, list[set]]]] = defaultdict(list)
    for (u, v), link in links.items():
        if is_actor[u] and is_actor[v]:
            direct[(u, v)] = link
        elif is_actor[u] != is_actor[v]:
            a, e = (u, v) if is_actor[u] else (v, u)
            members[e].append((a, link))
    # through operations and events: every two actors linked to the same one
    via: dict[tuple[str, str], set[str]] = defaultdict(set)
    merged: dict[tuple[str, str], list[set]] = {k: [set(x) for x in link] for k, link in direct.items()}
    for event, actors in members.items():
        actors.sort()
        for (a, la), (b, lb) in itertools.combinations(actors, 2):
            key = (a, b)
            link = merged.get(key)
            if link is None:
                link = merged[key] = [set(), set(), set(), set()]
            link[0].update(la[0], lb[0])
            link[1].update(la[1], lb[1])
            via[key].add(event)
    G = nx.Graph(view="actors")
    _add_nodes(G, data, {n for n in _participants(data) if is_actor[n]})
    for key, link in sorted(merged.items()):
        G.add_edge(*key, **_edge(link, roles=False), via=sorted(via.get(key, ())))
    G.graph["entities"] = _entity_names(data)
    return G


def _entity_names(data: GraphData) -> dict[str, tuple[str, str, list[str]]]:
    """Every entity of the store, in the graph's metadata, so names outside the view can be explained."""
    return {e.iri: (e.label, e.type, e.aliases) for e in data.entities.values()}


# --- claims ----------------------------------------------------------------------------------------


def claim_source_graph(source=None) -> nx.Graph:
    """Claim groups, their claims, and the outlets and speakers behind each claim.

    Nodes have ``kind`` ``group`` (``topic``, ``predicate``, ``kind_counted``, ``contested``), ``claim``
    (``group``, ``value``, ``lower``, ``upper``, ``status``, ``outlet_count``, ``article``, and as a reader
    sees it: ``quote``, ``speaker`` and ``outlet`` by name, ``date`` when said, else published), ``outlet``
    or ``speaker``. Edges have ``relation``: ``member`` (group--claim), ``published`` (claim--outlet,
    with ``article``), ``said`` (claim--speaker; ``published said`` when the outlet speaks itself)
    and ``conflicts`` (claim--claim).

    Parameters
    ----------
    source : str, Store, GraphData, rdflib Graph or Dataset, optional
        Where to read (see :func:`read_claim_data`).

    Returns
    -------
    networkx.Graph
        The ``claims`` view; :func:`kg.analysis.claim_support` summarises it.
    """
    data = _read(source, CLAIM_PARTS)

    def label(iri: str) -> str:
        return data.labels.get(iri) or local_name(iri)

    members: dict[str, list] = defaultdict(list)
    for c in data.claims:
        if c.group:
            members[c.group].append(c)
    G = nx.Graph(view="claims")
    # the groups claims belong to: timeline entries (kg:TimelineEntry, graph:listing-timeline) have a
    # topic and a predicate too, but no members
    for g, group in sorted(data.groups.items()):
        if g not in members:
            continue
        kind_label = label(group.kind) if group.kind else (group.counted or "")
        G.add_node(
            g,
            kind="group",
            topic=group.topic,
            topic_label=label(group.topic),
            predicate=local_name(group.predicate),
            kind_counted=kind_label,
            contested=group.contested,
            label=f"{label(group.topic)} / {local_name(group.predicate)}" + (f" / {kind_label}" if kind_label else ""),
        )
    publishers = {a: x.outlet for a, x in data.articles.items() if x.outlet}
    outlets_seen = set(publishers.values())
    claim_nodes, edges, sources = [], [], {}
    for c in data.claims:
        if c.group not in G:
            continue
        q = data.quantities.get(c.object or "")
        if q is not None:
            text, lower, upper = q.text, number(q.lower), number(q.upper)
        else:
            text, lower, upper = data.labels.get(c.object or "", c.object or ""), None, None
        outlet = publishers.get(c.article or "")
        speaker = c.speaker
        article = data.articles.get(c.article or "")
        attrs = {
            "kind": "claim",
            "group": c.group,
            "value": text,
            "lower": lower,
            "upper": upper,
            "status": c.status or "",
            "outlet_count": c.outlet_count or 0,
            "article": c.article or "",
            "label": text,
            "quote": c.quote,
            "speaker": label(speaker) if speaker else "",
            "outlet": label(outlet) if outlet else "",
            "date": c.stated or (article.published if article else "") or "",
        }
        claim_nodes.append((c.iri, attrs))
        edges.append((c.group, c.iri, {"relation": "member"}))
        if outlet:
            sources.setdefault(outlet, "outlet")
            if outlet == speaker:
                edges.append((c.iri, outlet, {"relation": "published said", "article": c.article}))
            else:
                edges.append((c.iri, outlet, {"relation": "published", "article": c.article}))
        if speaker and speaker != outlet:
            sources.setdefault(speaker, "outlet" if speaker in outlets_seen else "speaker")
            edges.append((c.iri, speaker, {"relation": "said"}))
    G.add_nodes_from(claim_nodes)
    G.add_nodes_from((s, {"kind": k, "label": label(s)}) for s, k in sorted(sources.items()))
    G.add_edges_from(edges)
    G.add_edges_from((a, b, {"relation": "conflicts"}) for a, b in sorted(data.conflicts) if a in G and b in G)
    return G


# --- one entry point -------------------------------------------------------------------------------

_BUILDERS = {
    "actors": actor_graph,
    "bipartite": actor_operation_graph,
    "network": network_graph,
    "claims": claim_source_graph,
}


def to_networkx(source: str | os.PathLike | Store | GraphData | None = None, view: str = "actors") -> nx.Graph:
    """The graph in a store (or an rdflib graph, or a CONSTRUCT result) as a networkx view.

    Parameters
    ----------
    source : str, Store, rdflib Graph or Dataset, CONSTRUCT Results or GraphData, optional
        Where to read: a store URL or an open store (default ``$KG_STORE`` or ``.kg``), or RDF in memory.
    view : {"actors", "bipartite", "network", "claims"}
        Which view (see the module documentation).

    Returns
    -------
    networkx.Graph
        Nodes are IRIs with ``label`` and ``type``; ``G.graph["view"]`` names the view.

    Examples
    --------
    >>> from rdflib import Dataset
    >>> G = to_networkx(Dataset().parse(data=EXAMPLE, format="turtle"), view="bipartite")
    >>> sorted((G.nodes[u]["label"], G.nodes[v]["label"], d["roles"]) for u, v, d in G.edges(data=True))
    [('Kazakhstan', 'Operation Zhusan', ['destination']), ('Tokayev', 'Operation Zhusan', ['speaker'])]
    """
    if view not in _BUILDERS:
        raise KGError("E704", view=view, choices=", ".join(VIEWS))
    return _BUILDERS[view](source)
