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

Paths in time: each link's claims have dates (:func:`claim_dates`); a time-respecting path never
steps back in time, so the 2019 link cannot lead on to a 2015 one.

>>> G.edges["tokayev", "zhusan"]["claims"], G.edges["zhusan", "knb"]["claims"] = ["c1"], ["c2"]
>>> G.edges["tokayev", "afp"]["claims"], G.edges["afp", "knb"]["claims"] = ["c3"], ["c4"]
>>> dates = {"c1": "2019-01", "c2": "2015", "c3": "2019-02", "c4": "2019-05-10"}
>>> [[(h.source, h.target, h.date) for h in path] for path in connections(G, "tokayev", "knb", dates=dates, in_time=True)]
[[('tokayev', 'afp', '2019-02'), ('afp', 'knb', '2019-05-10')]]
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .. import resolve as names
from ..errors import KGError
from ..graphdata import GraphData
from ..namespace import SEM, short_iri
from ..vocab import date_period

__all__ = [
    "MAX_PATHS",
    "EgoMember",
    "Hop",
    "check_date",
    "claim_dates",
    "connection",
    "connections",
    "ego_members",
    "resolve",
    "suggest",
]

MAX_PATHS = 500
"""How many simple paths, shortest first, are looked at to find the best-supported (and time-respecting) ones."""

_EVENT_DATES = (str(SEM.hasTimeStamp), str(SEM.hasBeginTimeStamp))


@dataclass
class Hop:
    """One step of a path: the edge from ``source`` to ``target``, its attributes and its date."""

    source: Any
    target: Any
    data: dict = field(default_factory=dict)
    date: str | None = None
    """When the link holds (``YYYY[-MM[-DD]]``): the date of one of its claims (:func:`claim_dates`),
    in a time-respecting path the earliest not before the previous hop's; ``None`` when undated."""


def check_date(value: str | None, option: str) -> str | None:
    """``value`` if it is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or ``None``); else E712 naming ``--option``."""
    if value is None:
        return None
    try:
        date_period(value)
    except ValueError:
        raise KGError("E712", option=option, value=value) from None
    return value


def _period(value: str):
    try:
        return date_period(value)
    except ValueError:
        return None


def claim_dates(data: GraphData) -> dict[str, str]:
    """When each claim's link holds, as ``YYYY[-MM[-DD]]``.

    A claim (not a statement) about an operation or event with a date (as subject, object or what
    it is about) holds at that event's earliest date (``sem:hasTimeStamp``, ``sem:hasBeginTimeStamp``):
    "the KNB carried out Operation Zhusan" in January 2019. Any other claim, and every statement,
    holds when it was said (``kg:statedOn``), else when its article was published.

    Parameters
    ----------
    data : GraphData
        Read with ``claims``, ``triples`` and ``articles``.

    Returns
    -------
    dict
        ``{claim IRI: date}``; claims with no date are left out.
    """
    events: dict[str, str] = {}
    for c in data.claims:
        if c.predicate in _EVENT_DATES and c.subject and c.object and not c.object_is_iri and _period(c.object):
            events[c.subject] = min(events.get(c.subject, c.object), c.object)
    dates = {}
    for c in data.claims:
        article = data.articles.get(c.article or "")
        when = c.stated or (article.published if article else None)
        if c.type == "Claim":
            found = [events[x] for x in (c.subject, c.object, c.about) if x in events]
            when = min(found) if found else when
        if when and _period(when):
            dates[c.iri] = when
    return dates


def _not_before(a: str, b: str) -> bool:
    """``a`` can be no earlier than ``b``: partial dates overlap or ``a`` comes after (2019 vs 2019-05: yes)."""
    return date_period(a)[1] >= date_period(b)[0]


def _label(G: nx.Graph, node: Any) -> str:
    return str(G.nodes[node].get("label", node))


def connection(G: nx.Graph, source: Any, target: Any, *, weight: str = "weight") -> list[Hop]:
    """The shortest path from ``source`` to ``target`` (fewest hops), as hops with their evidence.

    Among several shortest paths, the one whose links are supported by the most articles (the sum
    of ``weight``) is chosen; ties by the labels along the path. :func:`connections` gives more
    paths, and paths in time.

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
    return connections(G, source, target, weight=weight)[0]


def connections(
    G: nx.Graph,
    source: Any,
    target: Any,
    *,
    k: int = 1,
    dates: dict[str, str] | None = None,
    in_time: bool = False,
    since: str | None = None,
    until: str | None = None,
    weight: str = "weight",
) -> list[list[Hop]]:
    """The ``k`` shortest paths from ``source`` to ``target``, optionally in time, as hops with dates.

    Paths come shortest first (``networkx.shortest_simple_paths``), among paths of one length the
    best-supported first (the sum of ``weight``), then by the labels along them. Each hop carries
    a date: that of one of the claims behind its link (``dates``, from :func:`claim_dates`).

    Parameters
    ----------
    G : networkx.Graph
        A view whose edges list their ``claims``.
    source, target : node
    k : int
        How many paths.
    dates : dict, optional
        ``{claim: YYYY[-MM[-DD]]}``; without it hops have no date.
    in_time : bool
        Only time-respecting paths: each hop's date no earlier than the previous hop's (partial
        dates compare by the days they cover: ``2019`` is not earlier than ``2019-05``). A hop with
        no dated claim does not constrain the path.
    since, until : str, optional
        Only links with a claim dated within these bounds (``YYYY[-MM[-DD]]``, inclusive).
    weight : str
        The edge attribute counting the articles behind a link.

    Returns
    -------
    list of list of Hop
        At most ``k`` paths (``[[]]`` when ``source`` is ``target``); among the first
        :data:`MAX_PATHS` simple paths.

    Raises
    ------
    KGError
        E703 when no path joins them; E711 when none does within the dates asked for.
    """
    if source == target:
        return [[]]
    view = G.graph.get("view", "graph")
    if not nx.has_path(G, source, target):
        raise KGError("E703", source=_label(G, source), target=_label(G, target), view=view)
    dates = dates or {}
    first, last = (date_period(since)[0] if since else None), (date_period(until)[1] if until else None)

    def within(day: str) -> bool:
        period = date_period(day)
        return (first is None or period[1] >= first) and (last is None or period[0] <= last)

    links: dict[frozenset, list[str]] = {}
    for u, v, data in G.edges(data=True):
        links[frozenset((u, v))] = sorted({dates[c] for c in data.get("claims", ()) if c in dates and within(dates[c])})
    H = G
    if since or until:
        H = G.edge_subgraph([(u, v) for u, v in G.edges if links[frozenset((u, v))]])
    window = f"between {since or 'the start'} and {until or 'the end'}" if since or until else ""
    if source not in H or target not in H or not nx.has_path(H, source, target):
        why = f"through links dated {window}"
        raise KGError("E711", source=_label(G, source), target=_label(G, target), view=view, why=why)

    def timed(path: list) -> list[str | None] | None:
        chosen, previous = [], None
        for u, v in itertools.pairwise(path):
            days = links[frozenset((u, v))]
            if in_time and previous is not None:
                days = [d for d in days if _not_before(d, previous)]
                if not days and links[frozenset((u, v))]:
                    return None  # every date of this link is before the previous hop's
            chosen.append(days[0] if days else None)
            previous = chosen[-1] or previous
        return chosen

    def support(path: list) -> tuple:
        total = sum(G.edges[u, v].get(weight, 1) for u, v in itertools.pairwise(path))
        return (len(path), -total, [_label(G, n).casefold() for n in path])

    found: list[tuple[list, list]] = []
    for path in itertools.islice(nx.shortest_simple_paths(H, source, target), MAX_PATHS):
        if len(found) >= k and len(path) > sorted(len(p) for p, _ in found)[k - 1]:
            break  # every path from here is longer than the k chosen
        days = timed(path)
        if days is not None:
            found.append((path, days))
    if not found:
        why = f"that keeps to time{(' ' + window) if window else ''} among its {MAX_PATHS} shortest paths"
        raise KGError("E711", source=_label(G, source), target=_label(G, target), view=view, why=why)
    found.sort(key=lambda item: support(item[0]))
    return [
        [Hop(u, v, dict(G.edges[u, v]), day) for (u, v), day in zip(itertools.pairwise(path), days, strict=True)]
        for path, days in found[:k]
    ]


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
