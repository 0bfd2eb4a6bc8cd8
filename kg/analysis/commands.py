"""One function per ``kg analyze`` command: read the store, analyse, return a :class:`Table`.

The command line only parses options and formats the table these return; a notebook can call
them the same way (``analyze_centrality(store=".kg", top=5).rows``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from ..errors import KGError
from ..graphdata import GraphData, opened_store, read_graph_data
from ..namespace import local_name, short_iri
from ..store import Store
from .centrality import MEASURES, actor_centrality, ranking
from .claims import claim_support
from .communities import actor_communities, community_index
from .convert import CLAIM_PARTS, NETWORK_PARTS, VIEWS, to_networkx
from .paths import check_date, claim_dates, connections, ego_members, resolve
from .readwrite import write_analysis, write_network
from .tables import Table
from .timeline import PARTS as TIMELINE_PARTS
from .timeline import timeline

__all__ = [
    "BETWEENNESS_SAMPLE",
    "analyze_centrality",
    "analyze_claims",
    "analyze_communities",
    "analyze_ego",
    "analyze_path",
    "analyze_timeline",
    "export_network",
]

BETWEENNESS_SAMPLE = 1000
"""Above this many nodes, betweenness is estimated from this many sampled sources (seeded)."""

StoreArg = str | os.PathLike | Store | None
_OnPhase = Callable[[str], None] | None


def _phase(on_phase: _OnPhase, name: str) -> None:
    if on_phase is not None:
        on_phase(name)


def _read(store: StoreArg | GraphData, parts: tuple[str, ...], on_phase: _OnPhase) -> GraphData:
    if isinstance(store, GraphData):
        return store
    _phase(on_phase, "read the graph from the store")
    return read_graph_data(store, parts)


def _graph(store: StoreArg | GraphData, view: str, *, links: bool = True, on_phase: _OnPhase = None) -> nx.Graph:
    if view not in VIEWS:
        raise KGError("E704", view=view, choices=", ".join(VIEWS))
    data = _read(store, CLAIM_PARTS if view == "claims" else NETWORK_PARTS, on_phase)
    _phase(on_phase, f"build the {view} view")
    G = to_networkx(data, view=view)
    if len(G) == 0:
        raise KGError("E700", view=view, detail="no actor, operation or event takes part in a claim")
    if links and G.number_of_edges() == 0:
        raise KGError("E700", view=view, detail=f"none of its {len(G)} nodes are linked")
    return G


def _label(G: nx.Graph, node) -> str:
    return str(G.nodes[node].get("label", node))


def _union(G: nx.Graph, node, attr: str) -> set:
    found: set = set()
    for _, _, values in G.edges(node, data=attr, default=()):
        found.update(values)
    return found


def _check_write(write: bool, view: str) -> None:
    if write and view != "actors":
        raise KGError("E710", view=view)


def analyze_centrality(
    store: StoreArg = None,
    *,
    top: int | None = 10,
    by: str = "pagerank",
    view: str = "actors",
    backend: str | None = None,
    write: bool = False,
    on_phase: _OnPhase = None,
) -> Table:
    """Who matters: degree, betweenness and PageRank, the most central first.

    Parameters
    ----------
    store : str or Store, optional
        The store (default ``$KG_STORE`` or ``.kg``).
    top : int, optional
        How many rows (all when ``None``).
    by : {"pagerank", "degree", "betweenness"}
        The measure to rank by.
    view : str
        The view to analyse (``actors``; ``network`` or ``bipartite`` include operations).
    backend : str, optional
        A networkx backend to run the algorithms on.
    write : bool
        Also store every node's values in ``graph:analysis`` (actors view only).
    on_phase : callable, optional
        Called with the name of each step as it starts (reading, building the view, computing,
        writing): a progress display (:func:`kg.io.progress_phases`) shows it. So do the other
        ``analyze_*`` functions and :func:`export_network`.

    Returns
    -------
    Table
        Columns ``rank, label, type, degree, betweenness, pagerank, links, articles, id``: ``links`` is
        the number of neighbours, ``articles`` the distinct articles behind its links.
    """
    if by not in MEASURES:
        raise KGError("E709", name=by, choices=", ".join(MEASURES))
    _check_write(write, view)
    G = _graph(store, view, on_phase=on_phase)
    k = BETWEENNESS_SAMPLE if len(G) > BETWEENNESS_SAMPLE else None
    _phase(on_phase, f"degree, betweenness and PageRank of {len(G):,} nodes and {G.number_of_edges():,} links")
    scores = actor_centrality(G, backend=backend, k=k)
    labels = {n: _label(G, n) for n in G}
    order = ranking(scores, by, labels)
    rows = []
    for rank, node in enumerate(order[:top] if top else order, start=1):
        rows.append(
            {
                "rank": rank,
                "label": labels[node],
                "type": G.nodes[node].get("type"),
                **{m: scores[m][node] for m in MEASURES},
                "links": G.degree(node),
                "articles": len(_union(G, node, "articles")),
                "id": short_iri(node),
            }
        )
    note = None
    if k:
        note = f"betweenness estimated from {k} sampled sources of {len(G)} nodes"
    if write:
        _phase(on_phase, "write the centralities into graph:analysis")
        count = write_analysis(store, centrality=scores)
        note = (note + "; " if note else "") + f"wrote {count} triples into graph:analysis"
    columns = ["rank", "label", "type", "degree", "betweenness", "pagerank", "links", "articles", "id"]
    return Table(columns, rows, note)


def analyze_communities(
    store: StoreArg = None,
    *,
    view: str = "actors",
    resolution: float = 1.0,
    seed: int = 0,
    backend: str | None = None,
    write: bool = False,
    on_phase: _OnPhase = None,
) -> Table:
    """Groups of actors that act or are reported together (Louvain), the largest first.

    Parameters
    ----------
    store : str or Store, optional
        The store (default ``$KG_STORE`` or ``.kg``).
    view : str
        The view to analyse (``actors``; ``network`` or ``bipartite`` include operations).
    resolution : float
        Above 1, smaller communities; below 1, larger ones.
    seed : int
        The Louvain method's random seed (the same seed gives the same communities).
    backend : str, optional
        A networkx backend to run on.
    write : bool
        Also store every actor's community number in ``graph:analysis`` (actors view only).
    on_phase : callable, optional
        Called with the name of each step as it starts (as in :func:`analyze_centrality`).

    Returns
    -------
    Table
        Columns ``community, size, members, ids``; members are listed by how many articles support
        their links inside the community, most first.
    """
    _check_write(write, view)
    G = _graph(store, view, on_phase=on_phase)
    _phase(on_phase, f"Louvain communities of {len(G):,} nodes and {G.number_of_edges():,} links")
    communities = actor_communities(G, resolution=resolution, seed=seed, backend=backend)
    rows = []
    for i, members in enumerate(communities):
        inside = G.subgraph(members)
        strength = dict(inside.degree(weight="weight"))
        ordered = sorted(members, key=lambda n: (-strength[n], _label(G, n).casefold()))
        rows.append(
            {
                "community": i,
                "size": len(members),
                "members": [_label(G, n) for n in ordered],
                "ids": [short_iri(n) for n in ordered],
            }
        )
    note = None
    if write:
        _phase(on_phase, "write the communities into graph:analysis")
        count = write_analysis(store, communities=community_index(communities))
        note = f"wrote {count} triples into graph:analysis"
    return Table(["community", "size", "members", "ids"], rows, note)


_EVIDENCE = ("s", "p", "o", "about", "speaker", "quote", "outlet", "object_label")


def _evidence(store: StoreArg, claims: Iterable[str]) -> dict[str, dict]:
    """For each claim: its subject, predicate, object, about, speaker, quote and outlet."""
    claims = sorted(set(claims))
    if not claims:
        return {}
    values = " ".join(f"<{c}>" for c in claims)
    # a claim's quote is materialised (kg:quote); a statement's is read from its evidence
    sparql = (
        f"SELECT ?claim ?s ?p ?o ?about ?speaker ?quote ?outlet ?olabel WHERE {{ VALUES ?claim {{ {values} }} "
        "{ ?claim kg:quote ?quote } UNION { ?claim a kg:Statement ; kg:evidence/oa:hasSelector/oa:exact ?quote } "
        "?claim prov:wasAttributedTo ?speaker ; "
        "prov:wasDerivedFrom/schema:publisher ?pub . OPTIONAL { ?pub rdfs:label ?outlet } "
        "OPTIONAL { ?claim rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o OPTIONAL { ?o rdfs:label ?olabel } } "
        "OPTIONAL { ?claim kg:about ?about } }"
    )
    with opened_store(store) as opened:
        return {row[0]: dict(zip(_EVIDENCE, row[1:], strict=True)) for row in opened.select(sparql)}


def _best_claim(
    claims: list[str], evidence: dict[str, dict], u: str, v: str, dated: set[str] | None = None
) -> str | None:
    """The claim that shows the link best: one of the hop's date (when given), with both ends as subject and object."""

    def closeness(claim: str) -> tuple:
        e = evidence[claim]
        direct = {e["s"], e["o"]}
        near = 0 if {u, v} <= direct else 1 if {u, v} <= direct | {e["about"]} else 2
        return (0 if dated is None or claim in dated else 1, near, claim)

    known = [c for c in claims if c in evidence]
    return min(known, key=closeness) if known else None


def _claim_text(G: nx.Graph, e: dict) -> str:
    """``Subject predicate Object (said by Speaker)`` in labels."""
    entities = G.graph.get("entities", {})

    def name(iri: str | None) -> str:
        if iri is None:
            return ""
        return str(entities[iri][0]) if iri in entities else iri

    if e["p"] is None:
        said = f"statement about {name(e['about'])}" if e["about"] else "statement"
    else:
        said = f"{name(e['s'])} {local_name(e['p'])} {e['object_label'] or name(e['o'])}"
    return f"{said} (said by {name(e['speaker'])})"


_CANDIDATES = 50
"""Claims per link looked at to pick the quote shown."""


def analyze_path(
    store: StoreArg = None,
    source: str = "",
    target: str = "",
    *,
    view: str = "network",
    k: int = 1,
    in_time: bool = False,
    since: str | None = None,
    until: str | None = None,
    on_phase: _OnPhase = None,
) -> Table:
    """How two actors connect: the shortest paths, each link with its date, its claims and a quote.

    Parameters
    ----------
    source, target : str
        Names, aliases or ids (case-insensitive).
    view : {"network", "actors", "bipartite"}
        ``network`` goes through operations and events as nodes; ``actors`` only through actors
        (the ``via`` column then names the operations a link runs through).
    k : int
        How many paths, shortest first (:func:`kg.analysis.connections`).
    in_time : bool
        Only paths whose links never go back in time: each hop's date no earlier than the one before.
    since, until : str, optional
        Only links with a claim dated within these bounds (``YYYY[-MM[-DD]]``, inclusive).
    on_phase : callable, optional
        Called with the name of each step as it starts (as in :func:`analyze_centrality`).

    Returns
    -------
    Table
        One row per link: ``path, step, from, link, to, date, articles, claims, claim, quote, outlet,
        claim_id`` (the text table shows ``step, from, link, to, date, articles, quote, outlet``, and
        ``path`` when there are several): ``date`` is when the link holds (:func:`kg.analysis.claim_dates`:
        the date of the operation or event a claim is about, else when it was said), ``link`` what the
        claims make of it (predicates, or the actor's roles in an operation), ``claim`` one claim of
        that date that makes it (as ``subject predicate object (said by speaker)``), with its quote and outlet.
    """
    check_date(since, "since")
    check_date(until, "until")
    if view not in VIEWS:
        raise KGError("E704", view=view, choices=", ".join(VIEWS))
    data = _read(store, NETWORK_PARTS, on_phase)
    G = _graph(data, view, on_phase=on_phase)
    u, v = resolve(G, source), resolve(G, target)
    dates = claim_dates(data)
    shortest = "the shortest path" if k <= 1 else f"the {k} shortest paths"
    _phase(on_phase, f"find {shortest} from {_label(G, u)} to {_label(G, v)}")
    paths = connections(G, u, v, k=max(k, 1), dates=dates, in_time=in_time, since=since, until=until)
    candidates = [c for hops in paths for hop in hops for c in hop.data.get("claims", [])[:_CANDIDATES]]
    _phase(on_phase, f"read {len(set(candidates)):,} claims behind the links")
    evidence = _evidence(store, candidates)
    rows = []
    for number, hops in enumerate(paths, start=1):
        for step, hop in enumerate(hops, start=1):
            data_ = hop.data
            claims = data_.get("claims", [])
            dated = {c for c in claims if dates.get(c) == hop.date} if hop.date else None
            ranked = sorted(claims, key=lambda c: (dated is not None and c not in dated, c))[:_CANDIDATES]
            best = _best_claim(ranked, evidence, hop.source, hop.target, dated)
            shown = evidence[best] if best else dict.fromkeys(_EVIDENCE)
            link = data_.get("roles") or data_.get("predicates") or []
            entities = G.graph.get("entities", {})
            via = [_label(G, e) if e in G else str(entities.get(e, (e,))[0]) for e in data_.get("via", [])]
            rows.append(
                {
                    "path": number,
                    "step": step,
                    "from": _label(G, hop.source),
                    "link": list(link) + ([f"via {x}" for x in via] if via else []),
                    "to": _label(G, hop.target),
                    "date": hop.date,
                    "articles": data_.get("weight", 0),
                    "claims": len(claims),
                    "claim": _claim_text(G, shown) if best else None,
                    "quote": shown["quote"],
                    "outlet": shown["outlet"],
                    "claim_id": short_iri(best) if best else None,
                }
            )
    links = len(paths[0])
    note = f"{_label(G, u)} to {_label(G, v)}: {links} link{'' if links == 1 else 's'} in the {view} view"
    if len(paths) > 1:
        note = f"{_label(G, u)} to {_label(G, v)}: {len(paths)} paths of {links} to {len(paths[-1])} links in the {view} view"
    if in_time or since or until:
        window = f", links dated {since or '...'} to {until or '...'}" if since or until else ""
        note += f" ({'in time' if in_time else 'dated'}{window})"
    columns = ["path", "step", "from", "link", "to", "date", "articles", "claims", "claim", "quote", "outlet",
               "claim_id"]  # fmt: skip
    shown = ["step", "from", "link", "to", "date", "articles", "quote", "outlet"]
    return Table(columns, rows, note, shown=(["path", *shown] if len(paths) > 1 else shown))


def analyze_ego(
    store: StoreArg = None, centre: str = "", *, depth: int = 1, view: str = "actors", on_phase: _OnPhase = None
) -> Table:
    """Who surrounds an actor: everyone within ``depth`` links, nearest and best-supported first.

    Parameters
    ----------
    centre : str
        A name, alias or id (case-insensitive).
    depth : int
        How many links away.
    view : {"actors", "network", "bipartite"}
    on_phase : callable, optional
        Called with the name of each step as it starts (as in :func:`analyze_centrality`).

    Returns
    -------
    Table
        ``distance, label, type, from, link, articles, id``: ``from`` is the neighbour one link closer
        to the centre, ``link`` what links them (predicates, ``said``, roles, ``via`` operations and
        events) and ``articles`` how many articles support that link.
    """
    G = _graph(store, view, on_phase=on_phase)
    node = resolve(G, centre)
    _phase(on_phase, f"everyone within {depth} link{'' if depth == 1 else 's'} of {_label(G, node)}")
    rows = []
    entities = G.graph.get("entities", {})
    for m in ego_members(G, node, depth):
        link = list(m.data.get("roles") or m.data.get("predicates") or [])
        link += [f"via {_label(G, e) if e in G else entities.get(e, (e,))[0]}" for e in m.data.get("via", [])]
        rows.append(
            {
                "distance": m.distance,
                "label": _label(G, m.node),
                "type": G.nodes[m.node].get("type"),
                "from": _label(G, m.via),
                "link": link,
                "articles": m.data.get("weight", 0),
                "id": short_iri(m.node),
            }
        )
    note = f"{len(rows)} nodes within {depth} link{'' if depth == 1 else 's'} of {_label(G, node)} ({view} view)"
    return Table(["distance", "label", "type", "from", "link", "articles", "id"], rows, note)


def analyze_claims(
    store: StoreArg = None,
    *,
    contested: bool = False,
    single_source: bool = False,
    topic: str | None = None,
    on_phase: _OnPhase = None,
) -> Table:
    """Per claim group and value: the distinct outlets behind it, conflicts, single-source groups.

    Parameters
    ----------
    contested : bool
        Only groups where sources disagree.
    single_source : bool
        Only groups whose claims all come from one outlet.
    topic : str, optional
        Only groups whose topic's label contains this text, or whose topic id it is (case-insensitive).
    on_phase : callable, optional
        Called with the name of each step as it starts (as in :func:`analyze_centrality`).

    Returns
    -------
    Table
        One row per value: ``topic, predicate, kind, value, outlets_stating, outlet_names,
        outlets_agreeing, status, conflicts_with, verdict, speakers, group``. ``outlets_stating``
        counts the distinct outlets stating this value; ``outlets_agreeing`` those whose claims agree
        with it, overlapping values included (``kg:outletCount``); ``verdict`` is the group's: ``contested``, ``corroborated`` or
        ``single-source``. The text table leaves out ``speakers`` and ``group``.
    """
    G = _graph(store, "claims", links=False, on_phase=on_phase)
    _phase(on_phase, "weigh the outlets behind each value of each claim group")
    groups = claim_support(G)
    if not groups:
        raise KGError("E700", view="claims", detail="no claim groups")
    wanted = topic.casefold() if topic else None
    rows = []
    for g in groups:
        if contested and not g.contested:
            continue
        if single_source and not g.single_source:
            continue
        if wanted and not _topic_matches(g, wanted):
            continue
        for value in g.values:
            rows.append(
                {
                    "topic": g.topic_label,
                    "predicate": g.predicate,
                    "kind": g.kind,
                    "value": value.value,
                    "outlets_stating": len(value.outlets),
                    "outlet_names": value.outlet_labels,
                    "outlets_agreeing": value.agreeing_outlets,
                    "status": value.status,
                    "conflicts_with": value.conflicts_with,
                    "verdict": g.verdict,
                    "speakers": value.speakers,
                    "group": short_iri(g.group),
                }
            )
    columns = ["topic", "predicate", "kind", "value", "outlets_stating", "outlet_names", "outlets_agreeing", "status",
               "conflicts_with", "verdict", "speakers", "group"]  # fmt: skip
    contested_count = sum(g.contested for g in groups)
    single = sum(g.single_source for g in groups)
    note = f"{len(groups)} claim groups: {contested_count} contested, {single} single-source"
    return Table(columns, rows, note, shown=columns[:-2])


def _topic_matches(group, wanted: str) -> bool:
    ids = {group.topic.casefold(), short_iri(group.topic).casefold(), local_name(group.topic).casefold()}
    return wanted in ids or wanted in group.topic_label.casefold()


def analyze_timeline(store: StoreArg = None, *, on_phase: _OnPhase = None) -> Table:
    """Operations, events and named speakers' statements in date order (see :mod:`kg.analysis.timeline`).

    Parameters
    ----------
    on_phase : callable, optional
        Called with the name of each step as it starts (as in :func:`analyze_centrality`).

    Returns
    -------
    Table
        ``date, kind, label, detail, outlets_stating, outlet_names, claims, status, id``;
        ``outlets_stating`` counts the distinct outlets that give the date.
    """
    data = _read(store, TIMELINE_PARTS, on_phase)
    _phase(on_phase, f"put the dates of {len(data.claims):,} claims in order")
    entries = timeline(data)
    if not entries:
        raise KGError("E700", view="timeline", detail="no dated operation, event or statement")
    rows = [
        {
            "date": e.date,
            "kind": e.kind,
            "label": e.label,
            "detail": e.detail,
            "outlets_stating": len(e.outlets),
            "outlet_names": e.outlets,
            "claims": len(e.claims),
            "status": e.status,
            "id": short_iri(e.node),
        }
        for e in entries
    ]
    columns = ["date", "kind", "label", "detail", "outlets_stating", "outlet_names", "claims", "status", "id"]
    return Table(columns, rows)


_STATEMENT_QUOTES = "SELECT ?s ?q WHERE { ?s a kg:Statement ; kg:evidence/oa:hasSelector/oa:exact ?q }"


def export_network(
    store: StoreArg = None,
    *,
    view: str = "actors",
    format: str = "graphml",
    output: str | os.PathLike = "",
    backend: str | None = None,
    on_phase: _OnPhase = None,
) -> Path:
    """Write a view as GraphML or GEXF for Gephi, with labels, types, centralities and communities.

    Nodes of the ``actors``, ``network`` and ``bipartite`` views get ``degree``, ``betweenness``,
    ``pagerank`` and ``community``; edges keep ``weight``, ``articles`` and ``predicates`` (lists
    joined by ``" | "``), and say how many ``claims`` make them, with one ``claim`` and its ``quote``.
    Claim nodes of the ``claims`` view carry their ``quote``, ``speaker``, ``outlet``, ``date`` and
    ``status``. The file opens drawn: colours, sizes and positions (:func:`kg.analysis.gephi_graph`).

    Parameters
    ----------
    view : {"actors", "network", "bipartite", "claims"}
    format : {"graphml", "gexf"}
    output : path
        The file to write (replaced only once complete).
    backend : str, optional
        A networkx backend for the centralities and communities.
    on_phase : callable, optional
        Called with the name of each step as it starts (as in :func:`analyze_centrality`).

    Returns
    -------
    Path
        The file written.
    """
    if view not in VIEWS:
        raise KGError("E704", view=view, choices=", ".join(VIEWS))
    if not str(output):
        raise KGError("E708", path="(no file)", detail="give the file to write with -o/--output")
    # one read: the view, and the quotes its edges show (a statement's is its evidence's text)
    _phase(on_phase, "read the graph from the store")
    with opened_store(store) as opened:
        data = read_graph_data(opened, CLAIM_PARTS if view == "claims" else (*NETWORK_PARTS, "quotes"))
        quotes = dict(opened.select(_STATEMENT_QUOTES)) if view != "claims" else {}
    quotes.update((c.iri, c.quote) for c in data.claims if c.quote)
    G = _graph(data, view, links=False, on_phase=on_phase)
    if view != "claims" and G.number_of_edges():
        _phase(on_phase, f"centralities and communities of {len(G):,} nodes and {G.number_of_edges():,} links")
        k = BETWEENNESS_SAMPLE if len(G) > BETWEENNESS_SAMPLE else None
        scores = actor_centrality(G, backend=backend, k=k)
        index = community_index(actor_communities(G, backend=backend))
        for node, attrs in G.nodes(data=True):
            for measure in MEASURES:
                attrs[measure] = scores[measure][node]
            attrs["community"] = index[node]
    _phase(on_phase, f"lay out {len(G):,} nodes and write them as {format} to {output}")
    return write_network(G, output, format, quotes=quotes)
