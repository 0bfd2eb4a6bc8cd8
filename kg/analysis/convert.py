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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import networkx as nx

from ..errors import KGError
from ..namespace import ID, PREFIXES  # noqa: F401 - ID is used by the examples
from ..store import OxigraphStore, Results, Store, open_store

__all__ = [
    "ACTOR_TYPES",
    "EVENT_TYPES",
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

ACTOR_TYPES = ("Person", "Country", "GovernmentBody", "Organisation", "ArmedGroup", "MediaOutlet", "Group")
EVENT_TYPES = ("Operation", "Event")
VIEWS = ("actors", "bipartite", "network", "claims")

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

OTHER_TYPES = ("Place", "Document")
"""Entities that are never nodes; read so that a name of one gets a clear error."""
_ENTITY_CLASSES = " ".join(f"kg:{t}" for t in ACTOR_TYPES + EVENT_TYPES + OTHER_TYPES)
_NODE_TYPES = frozenset(ACTOR_TYPES + EVENT_TYPES)


def local_name(iri: str) -> str:
    """The last part of an IRI: ``kg:agent`` -> ``agent``.

    >>> local_name("http://semanticweb.cs.vu.nl/2009/11/sem/hasTimeStamp")
    'hasTimeStamp'
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# --- reading ---------------------------------------------------------------------------------------


def _as_store(source) -> Store | None:
    """An rdflib Graph/Dataset or a CONSTRUCT result loaded into an in-memory Oxigraph store."""
    import pyoxigraph as ox
    from rdflib import Graph

    if isinstance(source, Results):
        if source.kind != "graph":
            raise TypeError("to_networkx needs a CONSTRUCT or DESCRIBE result, not a SELECT/ASK result")
        graph = Graph()
        for triple in source.triples:
            graph.add(triple)
        source = graph
    if isinstance(source, Graph):
        store = ox.Store()
        quads = source.context_aware
        data = source.serialize(format="nquads" if quads else "nt", encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES)
        return OxigraphStore(store, "memory:")
    return None


@contextmanager
def _opened(source) -> Iterator[Store]:
    if isinstance(source, GraphData | ClaimData):
        raise TypeError(f"this view is read from a store or RDF, not from {type(source).__name__}")
    if isinstance(source, Store):
        yield source
        return
    loaded = _as_store(source)
    if loaded is not None:
        yield loaded
        return
    store = open_store(source)
    try:
        yield store
    finally:
        store.close()


def _select(store: Store, sparql: str) -> list[tuple]:
    """SELECT rows as plain strings (IRIs and lexical forms), ``None`` for unbound."""
    if isinstance(store, OxigraphStore):
        # the embedded store: skip the rdflib terms, which cost more than the query at this scale
        try:
            solutions = store.ox.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        except (OSError, ValueError, RuntimeError) as exc:
            raise KGError("E305", detail=" ".join(str(exc).split())) from None
        return [tuple(None if t is None else t.value for t in solution) for solution in solutions]
    return [tuple(None if t is None else str(t) for t in row) for row in store.query(sparql).rows]


def _pairs(store: Store, predicate: str) -> list[tuple[str, str]]:
    return _select(store, f"SELECT ?s ?o WHERE {{ ?s {predicate} ?o }}")  # type: ignore[return-value]


@dataclass
class GraphData:
    """What the actor and operation views are made of, as read from a store.

    ``claims`` rows are ``(claim, article, subject, predicate, object, about, speaker)`` (``None``
    where absent; statements have no subject, predicate or object).
    """

    entities: dict[str, tuple[str, str]] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    claims: list[tuple] = field(default_factory=list)
    publishers: dict[str, str] = field(default_factory=dict)


def read_graph_data(source=None) -> GraphData:
    """Read entities, claims, statements and publishers from a store with a few SELECTs.

    Parameters
    ----------
    source : str, Store, rdflib Graph or Dataset, or CONSTRUCT Results, optional
        A store URL or an open store (default ``$KG_STORE`` or ``.kg``), or RDF already in memory.
    """
    with _opened(source) as store:
        entities: dict[str, tuple[str, str]] = {}
        rows = _select(
            store,
            f"SELECT ?e ?class ?label WHERE {{ VALUES ?class {{ {_ENTITY_CLASSES} }} ?e a ?class . "
            "OPTIONAL { ?e rdfs:label ?label } }",
        )
        # an entity of two classes (none in the seeds) counts as an actor, else an operation or event
        rank = {t: i for i, t in enumerate(ACTOR_TYPES + EVENT_TYPES + OTHER_TYPES)}
        for e, cls, label in sorted(rows, key=lambda r: (r[0], rank.get(local_name(r[1]), 99))):
            entities.setdefault(e, (local_name(cls), label or local_name(e)))
        aliases: dict[str, list[str]] = defaultdict(list)
        for e, alias in _pairs(store, "skos:altLabel"):
            if e in entities:
                aliases[e].append(alias)
        subject = dict(_pairs(store, "rdf:subject"))
        predicate = dict(_pairs(store, "rdf:predicate"))
        obj = dict(_pairs(store, "rdf:object"))
        about = dict(_pairs(store, "kg:about"))
        speaker = dict(_pairs(store, "prov:wasAttributedTo"))
        article = dict(_pairs(store, "prov:wasDerivedFrom"))
        publishers = dict(_pairs(store, "schema:publisher"))
    claims = [
        (c, article.get(c), subject.get(c), predicate.get(c), obj.get(c), about.get(c), s)
        for c, s in sorted(speaker.items())
        if c in article
    ]
    return GraphData(entities, dict(aliases), claims, publishers)


# --- the views -------------------------------------------------------------------------------------


def _links(data: GraphData) -> dict[tuple[str, str], list[set]]:
    """Every pair of participants of one claim: ``(u, v) -> [claims, articles, predicates, roles]``."""
    entities = data.entities
    actor = {e: t in ACTOR_TYPES for e, (t, _) in entities.items() if t in _NODE_TYPES}
    publishers = data.publishers
    links: dict[tuple[str, str], list[set]] = {}
    for claim, article, s, p, o, about, speaker in data.claims:
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
    actor = {e for e, (t, _) in data.entities.items() if t in _NODE_TYPES}
    publishers = data.publishers
    nodes: set[str] = set()
    for _claim, article, s, _p, o, about, speaker in data.claims:
        nodes.update(x for x in (s, o, about) if x in actor)
        if speaker in actor and speaker != publishers.get(article):
            nodes.add(speaker)
    return nodes


def _add_nodes(G: nx.Graph, data: GraphData, nodes, *, bipartite: bool = False) -> None:
    for node in sorted(nodes):
        type_, label = data.entities[node]
        attrs = {"label": label, "type": type_, "kind": "actor" if type_ in ACTOR_TYPES else "event"}
        attrs["aliases"] = sorted(set(data.aliases.get(node, ())) - {label})
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
    return source if isinstance(source, GraphData) else read_graph_data(source)


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
    is_actor = {e: t in ACTOR_TYPES for e, (t, _) in data.entities.items() if t in _NODE_TYPES}
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
    return {e: (label, t, data.aliases.get(e, [])) for e, (t, label) in data.entities.items()}


# --- claims ----------------------------------------------------------------------------------------


@dataclass
class ClaimData:
    """Claim groups and their members, as read from ``graph:crosssource`` and the articles."""

    groups: list[tuple] = field(default_factory=list)
    """``(group, topic, predicate, kind, counted, contested)``"""
    claims: list[tuple] = field(default_factory=list)
    """``(claim, group, status, outlet_count, object, article, speaker)``"""
    quantities: dict[str, dict[str, str]] = field(default_factory=dict)
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    publishers: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)


def read_claim_data(source=None) -> ClaimData:
    """Read claim groups, their claims, values, outlets and speakers with a few SELECTs.

    Parameters
    ----------
    source : str, Store, rdflib Graph or Dataset, or CONSTRUCT Results, optional
        A store URL or an open store (default ``$KG_STORE`` or ``.kg``), or RDF already in memory.
    """
    with _opened(source) as store:
        # one scan per property, joined here: on disk, a scan is far cheaper than a join
        topic = dict(_pairs(store, "kg:topic"))
        group_predicate = dict(_pairs(store, "kg:groupPredicate"))
        kind = dict(_pairs(store, "kg:kind"))
        counted = dict(_pairs(store, "kg:counted"))
        contested = dict(_pairs(store, "kg:contested"))
        group_of = _pairs(store, "kg:inGroup")
        status = dict(_pairs(store, "kg:status"))
        outlets = dict(_pairs(store, "kg:outletCount"))
        obj = dict(_pairs(store, "rdf:object"))
        article = dict(_pairs(store, "prov:wasDerivedFrom"))
        speaker = dict(_pairs(store, "prov:wasAttributedTo"))
        publishers = dict(_pairs(store, "schema:publisher"))
        conflicts = _pairs(store, "kg:conflictsWith")
        quantities: dict[str, dict[str, str]] = defaultdict(dict)
        for name in ("value", "lowerBound", "upperBound", "approximate"):
            for q, v in _pairs(store, f"kg:{name}"):
                quantities[q][name] = v
        labels = dict(_pairs(store, "rdfs:label"))
    claims = [
        (c, g, local_name(status.get(c, "")), outlets.get(c), obj.get(c), article.get(c), speaker.get(c))
        for c, g in sorted(group_of)
    ]
    # the groups claims belong to: timeline entries (kg:TimelineEntry, graph:listing-timeline) have a
    # topic and a predicate too, but no members
    members = {g for _, g in group_of}
    groups = [
        (g, t, group_predicate[g], kind.get(g), counted.get(g), contested.get(g))
        for g, t in sorted(topic.items())
        if g in group_predicate and g in members
    ]
    return ClaimData(groups, claims, dict(quantities), sorted(conflicts), publishers, labels)


def _number(text: str | None) -> float | int | None:
    if text is None:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def value_text(value, lower, upper, approximate: bool = False) -> str:
    """How a quantity reads in a table: ``47``, ``about 400``, ``24-99``, ``at least 201``.

    >>> value_text(47, 47, 47), value_text(400, 360, 440, True), value_text(None, 24, 99), value_text(None, 201, None)
    ('47', 'about 400', '24-99', 'at least 201')
    """
    if value is not None:
        return f"about {value}" if approximate else str(value)
    if lower is not None and upper is not None:
        return f"{lower}-{upper}"
    if lower is not None:
        return f"at least {lower}"
    if upper is not None:
        return f"at most {upper}"
    return "?"


def claim_source_graph(source=None) -> nx.Graph:
    """Claim groups, their claims, and the outlets and speakers behind each claim.

    Nodes have ``kind`` ``group`` (``topic``, ``predicate``, ``kind_counted``, ``contested``), ``claim``
    (``group``, ``value``, ``lower``, ``upper``, ``status``, ``outlet_count``, ``article``), ``outlet``
    or ``speaker``. Edges have ``relation``: ``member`` (group--claim), ``published`` (claim--outlet,
    with ``article``), ``said`` (claim--speaker; ``published said`` when the outlet speaks itself)
    and ``conflicts`` (claim--claim).

    Parameters
    ----------
    source : str, Store, ClaimData, rdflib Graph or Dataset, optional
        Where to read (see :func:`read_claim_data`).

    Returns
    -------
    networkx.Graph
        The ``claims`` view; :func:`kg.analysis.claim_support` summarises it.
    """
    data = source if isinstance(source, ClaimData) else read_claim_data(source)
    labels = data.labels
    G = nx.Graph(view="claims")
    for g, topic, predicate, kind, counted, contested in data.groups:
        kind_label = labels.get(kind, local_name(kind)) if kind else (counted or "")
        G.add_node(
            g,
            kind="group",
            topic=topic,
            topic_label=labels.get(topic, local_name(topic)),
            predicate=local_name(predicate),
            kind_counted=kind_label,
            contested=contested == "true",
            label=f"{labels.get(topic, local_name(topic))} / {local_name(predicate)}"
            + (f" / {kind_label}" if kind_label else ""),
        )
    outlets_seen = set(data.publishers.values())
    statuses = {"Conflicting": "conflicting", "Corroborated": "corroborated", "SingleSource": "single-source"}
    claim_nodes, edges, sources = [], [], {}
    for claim, group, status, outlet_count, obj, article, speaker in data.claims:
        if group not in G:
            continue
        q = data.quantities.get(obj or "")
        if q is not None:
            value = _number(q.get("value"))
            lower, upper = _number(q.get("lowerBound")), _number(q.get("upperBound"))
            text = value_text(value, lower, upper, q.get("approximate") == "true")
        else:
            lower = upper = None
            text = labels.get(obj or "", obj or "")
        attrs = {
            "kind": "claim",
            "group": group,
            "value": text,
            "lower": lower,
            "upper": upper,
            "status": statuses.get(status, status.lower()),
            "outlet_count": int(outlet_count) if outlet_count else 0,
            "article": article or "",
            "label": text,
        }
        claim_nodes.append((claim, attrs))
        edges.append((group, claim, {"relation": "member"}))
        outlet = data.publishers.get(article or "")
        if outlet:
            sources.setdefault(outlet, "outlet")
            if outlet == speaker:
                edges.append((claim, outlet, {"relation": "published said", "article": article}))
            else:
                edges.append((claim, outlet, {"relation": "published", "article": article}))
        if speaker and speaker != outlet:
            sources.setdefault(speaker, "outlet" if speaker in outlets_seen else "speaker")
            edges.append((claim, speaker, {"relation": "said"}))
    G.add_nodes_from(claim_nodes)
    G.add_nodes_from((s, {"kind": k, "label": labels.get(s, local_name(s))}) for s, k in sorted(sources.items()))
    G.add_edges_from(edges)
    G.add_edges_from((a, b, {"relation": "conflicts"}) for a, b in data.conflicts if a in G and b in G)
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
