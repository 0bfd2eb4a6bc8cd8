"""The views: which nodes and edges a page shows, how big and where, built with pyvis.

=============  ==========================================================================================
view           shows
=============  ==========================================================================================
``graph``      every relation an article asserts (subject -predicate-> object), one edge per distinct
               triple, with the claims behind it; numbers stated are nodes, conflicting numbers are
               joined by red dashed edges, agreeing ones by green dotted edges
``operations`` operations with their agents, partners, origins and destinations, the numbers stated
               about them, and the outlets that reported them
``claims``     claims grouped by what they count (topic, predicate and kind counted, ``kg:ClaimGroup``):
               each group, the values stated, and the outlets that stated each value
=============  ==========================================================================================

Every view can be narrowed to the claims of one outlet (``source``) or a period (``since``,
``until``: a claim is kept when the period it is about overlaps them: the date a running total
counts to, else the dates of the event it is about, else when it was said; see
:attr:`kg.viz.ClaimRecord.period`), and to the neighbourhood of one entity (``focus``, ``depth``).
Claims a machine proposed (``kg annotate``) and no person has curated are drawn with dashed lines.

A page that would have more than ``fold_above`` nodes folds its numbers: the numbers stated about
one thing counted (a claim group, else one subject and predicate) become one box with their count,
and the page says what was folded. Above ``max_nodes`` the most important nodes are kept (PageRank
from ``kg analyze`` where it ran, else the number of relations; nearest to the focus first) and the
page says what was left out.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from ..errors import KGError
from ..namespace import KG, local_name
from ..resolve import resolve
from ..store import Store
from ..vocab import STATUSES, date_period
from .board import Board, disputes
from .data import ClaimRecord, GraphData, NodeRecord, read_graph
from .filters import parse_date
from .layout import layout
from .options import FOLD_ABOVE, MAX_NODES, PHYSICS_LIMIT, VIEWS
from .page import Page, page_html
from .style import EDGE_STYLES, STATUS_STYLES, node_style

__all__ = [
    "DEFER_LABELS",
    "FOLD_ABOVE",
    "MACHINE_DASHES",
    "MAX_NODES",
    "PHYSICS_LIMIT",
    "VIEWS",
    "View",
    "build_view",
    "parse_date",
    "render",
]

DEFER_LABELS = 3000
"""Pages with more edges than this label the edges in view once zoomed in (not all of them at start-up)."""

_OPERATION_ROLES = {str(KG.agent), str(KG.partner), str(KG.origin), str(KG.destination), str(KG.phaseOf)}
_STATUS_RANK = {status: len(STATUSES) - 1 - i for i, status in enumerate(STATUSES)}
"""conflicting 2, corroborated 1, single-source 0: the strongest status of an edge's claims colours it."""
_RANGE = re.compile(r"(?<=\d)-(?=\d)")
_NUMBERS = ("Quantity", "Value")

MACHINE_DASHES = [8, 4]
"""The dashes of the border of a node, and of an edge, whose claims a machine proposed and no person curated."""


@dataclass
class _Node:
    key: str
    label: str
    type: str
    lines: list[str] = field(default_factory=list)
    search: list[str] = field(default_factory=list)
    status: str = ""
    importance: float | None = None
    count: int = 1
    """The numbers it stands for: 1, or those folded into it."""
    folded: bool = False
    values: list[str] = field(default_factory=list)
    """The labels of the numbers folded into it."""


@dataclass
class _Edge:
    source: str
    target: str
    kind: str  # relation, conflict, agreement, source
    label: str
    claims: list[int] = field(default_factory=list)


@dataclass
class View(Page):
    """A page's content: the vis-network nodes and edges, the claims behind them, and what was left out.

    ``html()`` is the self-contained page, ``write(path)`` writes it, and in a Jupyter notebook a
    ``View`` displays itself inline.
    """

    kind: str
    title: str
    nodes: list[dict]
    edges: list[dict]
    claims: list[dict]
    outlets: list[str]
    """The outlets' names; a claim's ``outlet`` is an index in this list (-1: none)."""
    articles: list[str]
    """The articles' titles; a claim's ``article`` is an index in this list (-1: none)."""
    legend: dict
    note: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    """Nodes, and edges by kind (``relation``, ``conflict``, ``agreement``, ``source``) on the page."""
    left_out: dict[str, int] = field(default_factory=dict)
    """Nodes and edges the cap left out."""
    physics: bool = False
    options: dict = field(default_factory=dict)
    filters: dict[str, str] = field(default_factory=dict)

    def html(self) -> str:
        """The page: one HTML file with vis-network and the data inlined; it loads nothing else."""
        return page_html(self)

    def __repr__(self) -> str:
        return f"<View {self.kind}: {len(self.nodes)} nodes, {len(self.edges)} edges>"


def build_view(
    store: str | os.PathLike | Store | None = None,
    view: str = "graph",
    *,
    focus: str | None = None,
    depth: int = 2,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    source: str | None = None,
    max_nodes: int = MAX_NODES,
    physics_limit: int = PHYSICS_LIMIT,
    fold_above: int = FOLD_ABOVE,
    data: GraphData | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> View | Board:
    """Build one view of a store's graph, ready to be written as a page or shown in a notebook.

    Parameters
    ----------
    store : str or Store, optional
        A store URL or an open store; default ``$KG_STORE`` or ``.kg``.
    view : {"graph", "operations", "claims", "disputes"}
        The whole graph, operations with their agents, counts and sources, claims grouped by what
        they count, or the disputes board (:func:`kg.viz.disputes`: a :class:`Board`, which takes
        ``focus``, ``since``, ``until`` and ``source``).
    focus : str, optional
        An entity's id (``id:tokayev``), label or alias, in any case (:func:`kg.resolve.resolve`): show
        only what lies within ``depth`` edges of it.
    depth : int
        How far from ``focus`` to go.
    since, until : str, optional
        Keep only claims about this period (``YYYY[-MM[-DD]]``): the claims whose period
        (:attr:`kg.viz.ClaimRecord.period`: the date a running total counts to, else the dates of the
        event they are about, else when they were said) overlaps it.
    source : str, optional
        Keep only claims published by this outlet (name or alias: ``"AFP"``).
    max_nodes : int
        The most nodes a page shows; beyond it the least important are left out, and the page says so.
    physics_limit : int
        Up to this many nodes the page starts with vis-network's physics on; above, off.
    fold_above : int
        A page that would have more nodes than this folds the numbers stated about one thing
        counted into one box (with their count and their claims), and its note says so.
    data : GraphData, optional
        Data already read with :func:`kg.viz.read_graph` (to build several views from one read).
    on_phase : callable, optional
        Called with the name of each step as it starts (reading the store, building the view,
        laying it out): a progress display (:func:`kg.io.progress_phases`) shows it.

    Returns
    -------
    View, or Board for ``view="disputes"``

    Examples
    --------
    >>> import kg, kg.viz
    >>> _ = kg.build("tests/data/tiny", store="memory:viz-doc", out=None)
    >>> v = kg.viz.build_view("memory:viz-doc")
    >>> v.counts
    {'nodes': 6, 'relation': 5, 'conflict': 1, 'agreement': 0, 'source': 0}
    >>> sorted(n["label"] for n in v.nodes)
    ['84 minors', '86 children', 'Emomali Rahmon', 'Iraq', 'Tajik repatriation from Iraq', 'Tajikistan']
    """
    if view not in VIEWS:
        raise KGError("E800", name=view, choices=", ".join(VIEWS))
    if view == "disputes":
        return disputes(store, focus=focus, since=since, until=until, source=source, on_phase=on_phase)
    if not isinstance(depth, int) or depth < 0:
        raise KGError("E805", option="--depth", rule="0 or more", value=depth)
    if not isinstance(max_nodes, int) or max_nodes < 1:
        raise KGError("E805", option="--max-nodes", rule="1 or more", value=max_nodes)
    if not isinstance(fold_above, int) or fold_above < 0:
        raise KGError("E805", option="--fold-above", rule="0 or more", value=fold_above)
    since_text, until_text = parse_date(since, "--since"), parse_date(until, "--until")
    if since_text and until_text and date_period(since_text)[0] > date_period(until_text)[1]:
        raise KGError("E804", since=since_text, until=until_text)
    if data is None:
        if on_phase is not None:
            on_phase("read the graph from the store")
        data = read_graph(store)
    if on_phase is not None:
        on_phase(f"build the {view} view of {len(data.claims):,} claims")

    filters: dict[str, str] = {}
    outlet = None
    if source:
        outlets = {n.iri: (n.label, n.aliases) for n in data.nodes.values() if n.type == "MediaOutlet"}
        outlet = resolve(source, outlets, what="outlet")
        filters["source"] = data.label(outlet)
    if since_text:
        filters["since"] = since_text
    if until_text:
        filters["until"] = until_text
    kept = [i for i, c in enumerate(data.claims) if _keep(c, outlet, since_text, until_text)]

    builder = {"graph": _graph_view, "operations": _operations_view, "claims": _claims_view}[view]
    nodes, edges = builder(data, kept)
    _importance(nodes, edges, data)

    distance: dict[str, int] | None = None
    if focus:
        all_names = {n.iri: (n.label, n.aliases) for n in data.nodes.values() if n.type != "Quantity"}
        center = resolve(focus, all_names, what="name")
        if center not in nodes:
            raise KGError("E806", name=data.label(center), view=view)
        G = nx.Graph()
        G.add_nodes_from(nodes)
        G.add_edges_from((e.source, e.target) for e in edges)
        distance = nx.single_source_shortest_path_length(G, center, cutoff=depth)
        nodes = {k: n for k, n in nodes.items() if k in distance}
        edges = [e for e in edges if e.source in nodes and e.target in nodes]
        filters["focus"] = f"{data.label(center)} (depth {depth})"

    folded = ""
    if len(nodes) > fold_above:
        nodes, edges, folded = _fold(data, nodes, edges, fold_above)
        _importance(nodes, edges, data)
    nodes, edges, left_out, note = _cap(nodes, edges, max_nodes, distance, data.has_analysis)
    note = " ".join(n for n in (folded, note) if n)
    if not nodes:
        note = (note + " " if note else "") + "Nothing to show: no claim matches these options."
    if on_phase is not None:
        on_phase(f"lay out {len(nodes):,} nodes and {len(edges):,} edges")
    return _to_view(view, data, nodes, edges, kept, left_out, note, filters, physics_limit)


def _keep(claim: ClaimRecord, outlet: str | None, since: str | None, until: str | None) -> bool:
    if outlet is not None and claim.outlet != outlet:
        return False
    if not (since or until):
        return True
    if claim.period is None:
        return False
    first, last = claim.period
    return not (
        (since and last < date_period(since)[0].isoformat()) or (until and first > date_period(until)[1].isoformat())
    )


# --- the three views ------------------------------------------------------------------------


def _entity_node(data: GraphData, iri: str) -> _Node:
    record = data.nodes.get(iri)
    if record is None:
        return _Node(iri, local_name(iri), "Other", lines=[local_name(iri)], search=[local_name(iri)])
    return _Node(iri, record.label, record.type, lines=_node_lines(record), search=[record.label, *record.aliases])


def _node_lines(record: NodeRecord) -> list[str]:
    style = node_style(record.type)
    lines = [record.label]
    head = style["legend"]
    if record.mentions is not None:
        head += f" · named {record.mentions} time{'s' if record.mentions != 1 else ''} in the articles"
    lines.append(head)
    if record.aliases:
        shown = record.aliases[:6]
        lines.append(
            "also: " + ", ".join(shown) + (f" (+{len(record.aliases) - 6})" if len(record.aliases) > 6 else "")
        )
    if record.description:
        lines.append(record.description)
    if record.type == "Quantity":
        parts = [
            f"value {record.number or _typeset(record.value)}" if record.value else "",
            f"counted: {record.counted}" if record.counted else "",
        ]
        if record.kind:
            parts.append(f"kind: {record.kind}")
        lines.append(" · ".join(p for p in parts if p))
    if record.metrics:
        names = {"pagerank": "PageRank", "betweenness": "betweenness", "degree": "degree", "community": "community"}
        lines.append(
            " · ".join(f"{names[k]} {_fmt_metric(v)}" for k, v in sorted(record.metrics.items()) if k in names)
        )
    return lines


def _fmt_metric(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.3g}"


def _graph_view(data: GraphData, kept: list[int]) -> tuple[dict[str, _Node], list[_Edge]]:
    nodes: dict[str, _Node] = {}
    relations: dict[tuple[str, str, str], _Edge] = {}
    dates: dict[str, list[tuple[int, ClaimRecord]]] = defaultdict(list)
    for i in kept:
        c = data.claims[i]
        if not c.object_is_node:
            dates[c.subject].append((i, c))
            continue
        for iri in (c.subject, c.object):
            if iri not in nodes:
                nodes[iri] = _entity_node(data, iri)
        key = (c.subject, c.predicate, c.object)
        if key not in relations:
            relations[key] = _Edge(c.subject, c.object, "relation", c.predicate_label)
        relations[key].claims.append(i)
    for iri, said in dates.items():
        if iri in nodes:
            nodes[iri].lines += _date_lines([c for _, c in said])
    edges = list(relations.values())
    edges += _links(data, kept, lambda c: c.object if c.object_is_node and c.object in nodes else None)
    return nodes, edges


def _date_lines(said: list[ClaimRecord], limit: int = 5) -> list[str]:
    """What the claims say of an event's dates, one line per date: ``begins 2019-01-06 (AFP, TCA)``."""
    outlets: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in said:
        who = c.outlet_label or c.speaker_label
        if who not in outlets[(c.predicate_label, c.object)]:
            outlets[(c.predicate_label, c.object)].append(who)
    lines = []
    for (predicate, date), who in sorted(outlets.items(), key=lambda kv: (kv[0][0] != "begins", kv[0])):
        shown = ", ".join(who[:3]) + (f" +{len(who) - 3}" if len(who) > 3 else "")
        lines.append(f"{predicate} {date} (per {shown})")
    if len(lines) > limit:
        lines = [*lines[:limit], f"… {len(lines) - limit} more date(s)"]
    return lines


def _links(data: GraphData, kept: list[int], node_of) -> list[_Edge]:
    """Conflict and agreement edges between the nodes ``node_of(claim)`` of two claims that differ."""
    index = {data.claims[i].iri: i for i in kept}
    links: dict[tuple[str, str, str], _Edge] = {}
    for kind, pairs in (("conflict", data.conflicts), ("agreement", data.agreements)):
        for a, b in sorted(pairs):
            if a not in index or b not in index:
                continue
            na, nb = node_of(data.claims[index[a]]), node_of(data.claims[index[b]])
            if na is None or nb is None or na == nb:
                continue
            key = (kind, *sorted((na, nb)))
            if key not in links:
                links[key] = _Edge(key[1], key[2], kind, EDGE_STYLES[kind]["label"])
            for i in (index[a], index[b]):
                if i not in links[key].claims:
                    links[key].claims.append(i)
    return list(links.values())


def _operations_view(data: GraphData, kept: list[int]) -> tuple[dict[str, _Node], list[_Edge]]:
    operations = {iri for iri, n in data.nodes.items() if n.type == "Operation"}
    nodes: dict[str, _Node] = {}
    edges: dict[tuple[str, str, str], _Edge] = {}

    def add(source: str, target: str, kind: str, label: str, i: int) -> None:
        for iri in (source, target):
            if iri not in nodes:
                nodes[iri] = _entity_node(data, iri)
        key = (source, target, label if kind == "relation" else kind)
        if key not in edges:
            edges[key] = _Edge(source, target, kind, label)
        if i not in edges[key].claims:
            edges[key].claims.append(i)

    dates: dict[str, list[ClaimRecord]] = defaultdict(list)
    for i in kept:
        c = data.claims[i]
        op = next((x for x in (c.subject, c.object if c.object_is_node else "", c.about) if x in operations), None)
        if op is None:
            continue
        if not c.object_is_node:
            if c.subject == op:
                nodes.setdefault(op, _entity_node(data, op))
                dates[op].append(c)
        elif c.subject == op and c.predicate in _OPERATION_ROLES:
            add(op, c.object, "relation", c.predicate_label, i)
        elif c.object == op:
            add(c.subject, op, "relation", c.predicate_label, i)
        elif c.about == op and data.nodes.get(c.object, NodeRecord("", "", "")).type == "Quantity":
            add(op, c.object, "relation", f"{data.label(c.subject)} {c.predicate_label}", i)
        else:
            continue
        if c.outlet:
            add(c.outlet, op, "source", EDGE_STYLES["source"]["label"], i)
    for op, said in dates.items():
        nodes[op].lines += _date_lines(said)
    links = _links(
        data,
        kept,
        lambda c: (
            c.object
            if c.object in nodes and data.nodes.get(c.object) and data.nodes[c.object].type == "Quantity"
            else None
        ),
    )
    return nodes, [*edges.values(), *links]


def _claims_view(data: GraphData, kept: list[int]) -> tuple[dict[str, _Node], list[_Edge]]:
    nodes: dict[str, _Node] = {}
    edges: dict[tuple[str, str, str], _Edge] = {}
    value_of: dict[int, str] = {}
    by_group: dict[str, list[int]] = defaultdict(list)
    for i in kept:
        c = data.claims[i]
        group = data.groups.get(c.group)
        if group is not None and (group.kind or group.contested):
            by_group[c.group].append(i)
    for giri, members in sorted(by_group.items(), key=lambda kv: (data.label(data.groups[kv[0]].topic), kv[0])):
        group = data.groups[giri]
        predicates = sorted({data.claims[i].predicate_label for i in members})
        what = group.kind_label or data.label(group.predicate)
        topic = data.label(group.topic)
        short = topic if len(topic) <= 34 else topic[:33].rstrip() + "…"
        gnode = _Node(giri, f"{short}\n{predicates[0]} · {what}", "ClaimGroup", search=[topic])
        statuses = Counter(data.claims[i].status for i in members)
        gnode.lines = [
            f"{topic}: {', '.join(predicates)} · {what}",
            f"{len(members)} claim{'s' if len(members) != 1 else ''} stating "
            f"{len({_value_text(data, data.claims[i]) for i in members})} value(s); "
            + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())),
        ]
        gnode.status = "conflicting" if group.contested else ""
        nodes[giri] = gnode
        for i in members:
            c = data.claims[i]
            value = _value_text(data, c)
            vkey = f"{giri}|{value}"
            value_of[i] = vkey
            if vkey not in nodes:
                label = f"{value} {group.kind_label}".strip() if group.kind else value
                nodes[vkey] = _Node(vkey, label, "Value", lines=[f"{label} ({topic})"], search=[])
            vnode = nodes[vkey]
            if _STATUS_RANK[c.status] > _STATUS_RANK.get(vnode.status, -1):
                vnode.status = c.status
            key = (giri, vkey, "relation")
            if key not in edges:
                edges[key] = _Edge(giri, vkey, "relation", c.predicate_label)
            edges[key].claims.append(i)
            if c.outlet:
                if c.outlet not in nodes:
                    nodes[c.outlet] = _entity_node(data, c.outlet)
                key = (c.outlet, vkey, "source")
                if key not in edges:
                    edges[key] = _Edge(c.outlet, vkey, "source", "says")
                edges[key].claims.append(i)
    for vkey, vnode in nodes.items():
        if vnode.type == "Value":
            claims = [i for i, v in value_of.items() if v == vkey]
            outlets = sorted({data.claims[i].outlet_label for i in claims if data.claims[i].outlet_label})
            vnode.lines.append(
                f"{vnode.status}; stated by {len(claims)} claim(s) from {', '.join(outlets) or 'no outlet'}"
            )
    index = {data.claims[i].iri: i for i in value_of}
    links = _links(data, list(value_of), lambda c: value_of.get(index[c.iri]))
    return nodes, [*edges.values(), *links]


def _value_text(data: GraphData, claim: ClaimRecord) -> str:
    record = data.nodes.get(claim.object)
    if record is not None and record.type == "Quantity":
        return record.number or _typeset(record.value or record.label)
    return data.label(claim.object) if claim.object_is_node else claim.object


def _typeset(number: str) -> str:
    """A quantity's text on a page: the stored label's ``24-99`` set with an en dash, ``24–99``."""
    return _RANGE.sub("\u2013", number)


# --- importance, cap ------------------------------------------------------------------------


def _importance(nodes: dict[str, _Node], edges: list[_Edge], data: GraphData) -> None:
    """Each node's importance in [0, 1]: PageRank from ``kg analyze`` where present, else its share of edges."""
    degree: Counter[str] = Counter()
    for e in edges:
        degree[e.source] += 1
        degree[e.target] += 1
    ranks = {
        k: data.nodes[k].metrics["pagerank"] for k in nodes if k in data.nodes and "pagerank" in data.nodes[k].metrics
    }
    top_rank = max(ranks.values(), default=0.0) or 1.0
    top_degree = max(degree.values(), default=0) or 1
    for key, node in nodes.items():
        node.importance = ranks[key] / top_rank if key in ranks else degree[key] / top_degree


def _cap(
    nodes: dict[str, _Node], edges: list[_Edge], max_nodes: int, distance: dict[str, int] | None, ranked: bool
) -> tuple[dict[str, _Node], list[_Edge], dict[str, int], str]:
    if len(nodes) <= max_nodes:
        return nodes, edges, {"nodes": 0, "edges": 0}, ""
    order = sorted(
        nodes.values(),
        key=lambda n: ((distance or {}).get(n.key, 0), -(n.importance or 0.0), n.label, n.key),
    )
    keep = {n.key for n in order[:max_nodes]}
    kept_edges = [e for e in edges if e.source in keep and e.target in keep]
    left = {"nodes": len(nodes) - len(keep), "edges": len(edges) - len(kept_edges)}
    rule = "nearest to the focus, then " if distance is not None else ""
    basis = "PageRank from kg analyze" if ranked else "number of edges"
    note = (
        f"Showing {len(keep):,} of {len(nodes):,} nodes: the {rule}most connected ({basis}, highest first). "
        f"Left out: {left['nodes']:,} nodes and {left['edges']:,} edges. "
        "Raise --max-nodes, or narrow with --focus, --source, --since/--until, to see them."
    )
    return {k: n for k, n in nodes.items() if k in keep}, kept_edges, left, note


def _fold(
    data: GraphData, nodes: dict[str, _Node], edges: list[_Edge], fold_above: int
) -> tuple[dict[str, _Node], list[_Edge], str]:
    """Fold the numbers of a large page: first those stated about one thing counted into one box (their
    claim group; in the claims view, the group's own node), then, where the page is still too large or
    its numbers and boxes still outnumber the rest, those about one event into the event's node (or one
    box for the event)."""
    before = len(nodes)
    numbers = sum(1 for n in nodes.values() if n.type in _NUMBERS)
    nodes, edges = _fold_by(data, nodes, edges, lambda c, source, label: c.group or f"fold|{source}|{label}")
    by = "thing counted"
    boxes = sum(1 for n in nodes.values() if n.type in (*_NUMBERS, "Folded"))
    if len(nodes) > fold_above or boxes > len(nodes) / 2:  # still too large, or still mostly numbers
        size = len(nodes)
        nodes, edges = _fold_by(data, nodes, edges, _event_of, fold=(*_NUMBERS, "Folded"))
        by = "event" if len(nodes) < size else by
    left = sum(1 for n in nodes.values() if n.type in _NUMBERS)
    if left == numbers:
        return nodes, edges, ""
    into = sum(1 for n in nodes.values() if n.folded)
    note = (
        f"Folded {numbers - left:,} numbers into {into:,} boxes and nodes, one per {by} (the page would have "
        f"had {before:,} nodes, more than --fold-above {fold_above:,}): click one for the claims and quotes in "
        "it. To draw each number, raise --fold-above or narrow the page with --focus, --source or "
        "--since/--until; --view disputes lists the figures side by side."
    )
    return nodes, edges, note


def _folded_line(labels: list[str], limit: int = 8) -> str:
    more = f" (+ {len(labels) - limit} more)" if len(labels) > limit else ""
    return f"{len(labels)} number{'s' if len(labels) != 1 else ''} folded: {', '.join(labels[:limit])}{more}"


def _event_of(claim: ClaimRecord, source: str, label: str) -> str:
    """The event a number is about, else the node that states it."""
    return claim.about or source


def _fold_by(
    data: GraphData, nodes: dict[str, _Node], edges: list[_Edge], key_of, fold: tuple[str, ...] = _NUMBERS
) -> tuple[dict[str, _Node], list[_Edge]]:
    """Fold the nodes of the types ``fold`` that the same key (``key_of(claim, source, label)`` of the
    first claim of the relation that points to them) names: into the node of that key where the page
    has one, else into one box, where two or more share it."""
    into: dict[str, str] = {}
    for e in edges:
        if e.kind == "relation" and nodes[e.target].type in fold and e.target not in into and e.claims:
            into[e.target] = key_of(data.claims[e.claims[0]], e.source, e.label)
    members: dict[str, list[str]] = defaultdict(list)
    for key, box in into.items():
        members[box].append(key)
    for box, keys in list(members.items()):
        if box == keys[0] or (len(keys) == 1 and box not in nodes):  # a box for one number saves nothing
            del members[box], into[keys[0]]
    if not into:
        return nodes, edges
    folded: dict[str, _Node] = {k: n for k, n in nodes.items() if k not in into}
    for box, keys in members.items():
        inner = [nodes[k] for k in keys]
        count = sum(n.count for n in inner)
        status = max((n.status for n in inner), key=lambda s: _STATUS_RANK.get(s, -1))
        labels = [v for n in inner for v in (n.values if n.folded else [n.label.replace("\n", " ")])]
        if box in folded:  # into a node of the page: the claims view's group, an event
            node = folded[box]
            node.count = (node.count if node.folded else 0) + count
            node.label = node.label.split("\n+ ")[0] + f"\n+ {node.count} number{'s' if node.count != 1 else ''}"
            node.values += labels
            node.lines = [line for line in node.lines if " folded: " not in line] + [_folded_line(node.values)]
            node.search += labels
            node.folded = True
            continue
        group = data.groups.get(box)
        if group is not None:
            kind, topic = group.kind_label or data.label(group.predicate), data.label(group.topic)
        elif box.startswith("fold|"):
            _, subject, kind = box.split("|", 2)
            topic = nodes[subject].label if subject in nodes else data.label(subject)
        else:
            kind, topic = "", data.label(box)
        short = topic if len(topic) <= 34 else topic[:33].rstrip() + "…"
        head = f"{count} numbers" + (f" · {kind}" if kind else "")
        folded[box] = _Node(
            box, f"{short}\n{head}", "Folded", lines=[f"{topic}: {head}", _folded_line(labels)],
            search=[topic, *labels], status=status, count=count, folded=True, values=labels,
        )  # fmt: skip
    merged: dict[tuple[str, str, str, str], _Edge] = {}
    for e in edges:
        source, target = into.get(e.source, e.source), into.get(e.target, e.target)
        if source == target:
            continue  # numbers of one box that agree or conflict: the box's status says so
        key = (source, target, e.kind, e.label) if e.kind == "relation" else (*sorted((source, target)), e.kind, "")
        if key not in merged:
            merged[key] = _Edge(source, target, e.kind, e.label)
        merged[key].claims.extend(i for i in e.claims if i not in merged[key].claims)
    return folded, list(merged.values())


# --- to vis-network data, through pyvis -------------------------------------------------------


def _claim_dict(data: GraphData, c: ClaimRecord, outlet_index: dict[str, int], article_index: dict[str, int]) -> dict:
    obj = data.label(c.object) if c.object_is_node else c.object
    return {
        "quote": c.quote,
        "speaker": c.speaker_label,
        "outlet": outlet_index.get(c.outlet_label, -1),
        "date": c.date,
        "status": c.status,
        "article": article_index.get(c.article_title, -1),
        "says": f"{data.label(c.subject)} {c.predicate_label} {obj}",
        "when": list(c.period) if c.period else None,
        "datedBy": c.dated_by,
        "machine": c.machine,
    }


def _edge_title(edge: _Edge, data: GraphData, claims: list[int], subject: str, obj: str, limit: int = 3) -> str:
    if edge.kind == "relation":
        head = f"{subject} — {edge.label} → {obj}"
    elif edge.kind == "source":
        head = f"{subject} reported: {obj}"
    else:
        head = f"{subject} {edge.label} with {obj}" if edge.kind == "conflict" else f"{subject} agrees with {obj}"
    lines = [head]
    for i in claims[:limit]:
        c = data.claims[i]
        quote = c.quote if len(c.quote) <= 280 else c.quote[:279] + "…"
        who = (
            c.speaker_label
            if c.speaker_label == c.outlet_label
            else f"{c.speaker_label} · {c.outlet_label or 'no outlet'}"
            if c.speaker_label
            else c.outlet_label or "no outlet"
        )
        machine = " · proposed by a machine" if c.machine else ""
        lines += ["", f"“{quote}”", f"— {who} · {c.date or 'undated'} · {c.status}{machine}"]
    if len(claims) > limit:
        lines += ["", f"+ {len(claims) - limit} more claim(s): click the edge"]
    return "\n".join(lines)


def _to_view(
    view: str,
    data: GraphData,
    nodes: dict[str, _Node],
    edges: list[_Edge],
    kept: list[int],
    left_out: dict[str, int],
    note: str,
    filters: dict[str, str],
    physics_limit: int,
) -> View:
    G = nx.MultiGraph()
    G.add_nodes_from(nodes)
    G.add_edges_from((e.source, e.target) for e in edges)
    positions = layout(G)
    physics = len(nodes) <= physics_limit

    used = sorted({i for e in edges for i in e.claims})
    outlets = sorted({data.claims[i].outlet_label for i in used if data.claims[i].outlet_label})
    outlet_index = {o: n for n, o in enumerate(outlets)}
    claim_index = {i: n for n, i in enumerate(used)}
    articles = sorted({data.claims[i].article_title for i in used if data.claims[i].article_title})
    article_index = {a: n for n, a in enumerate(articles)}
    claims = [_claim_dict(data, data.claims[i], outlet_index, article_index) for i in used]

    number_status = _number_status(nodes, edges, data)
    claims_of: dict[str, set[int]] = defaultdict(set)
    for e in edges:
        if e.kind in ("relation", "source"):  # a conflict's claims are the other node's too
            claims_of[e.source].update(e.claims)
            claims_of[e.target].update(e.claims)
    net = Network(directed=True)
    ids = {key: n for n, key in enumerate(nodes)}
    for key, node in nodes.items():
        style = node_style(node.type)
        options: dict = {
            "title": "\n".join(node.lines),
            "kgType": node.type,
            "x": positions[key][0],
            "y": positions[key][1],
        }
        options["search"] = " | ".join(dict.fromkeys([node.label.replace("\n", " "), *node.search]))
        if node.key in data.nodes:
            options["iri"] = node.key
            community = data.nodes[node.key].metrics.get("community")
            if community is not None:
                options["community"] = int(community)
        if style["shape"] == "box":
            status = STATUS_STYLES.get(node.status or number_status.get(key, ""))
            if node.type == "ClaimGroup":
                fill, border = "#ffffff", (STATUS_STYLES["conflicting"]["color"] if node.status else "#555555")
            else:
                fill, border = (status["fill"], status["color"]) if status else (style["color"], "#8c8c8c")
            options["color"] = {
                "background": fill,
                "border": border,
                "highlight": {"background": fill, "border": "#000000"},
            }
            options["borderWidth"] = 2
            options["font"] = {"size": 16 if node.type not in ("ClaimGroup", "Folded") else 17}
            options["margin"] = 6
        else:
            options["color"] = style["color"]
            options["size"] = round(10 + 26 * (node.importance or 0.0) ** 0.5, 1)
        behind = claims_of.get(key)
        if behind and all(data.claims[i].machine for i in behind):
            # proposed by a machine, curated by no one: a dashed border, drawn dark enough to see
            options["machine"] = True
            options["shapeProperties"] = {"borderDashes": MACHINE_DASHES}
            options["borderWidth"] = 2
            if not isinstance(options["color"], dict):
                options["color"] = {"background": style["color"], "border": "#333333"}
        limit = {"Quantity": 30, "ClaimGroup": 80, "Folded": 80}.get(node.type, 42)
        head, *rest = node.label.split("\n") if node.folded else [node.label]  # a count folded in stays whole
        label = "\n".join([head if len(head) <= limit else head[: limit - 1].rstrip() + "…", *rest])
        net.add_node(ids[key], label=label, shape=style["shape"], **options)

    # vis-network spends about half its start-up on edge labels: a large page labels only what is in view
    defer_labels = len(edges) > DEFER_LABELS
    pair_count: Counter = Counter()
    for n, e in enumerate(edges):
        pair = tuple(sorted((ids[e.source], ids[e.target])))
        nth = pair_count[pair]
        pair_count[pair] += 1
        options = {"id": n, "kind": e.kind, "claims": [claim_index[i] for i in e.claims if i in claim_index]}
        options["title"] = _edge_title(
            e, data, e.claims, nodes[e.source].label.replace("\n", " "), nodes[e.target].label.replace("\n", " ")
        )
        if e.kind in ("relation",):
            status = max(
                (data.claims[i].status for i in e.claims), key=lambda s: _STATUS_RANK[s], default="single-source"
            )
            outlets_behind = len({data.claims[i].outlet for i in e.claims})
            options["color"] = {"color": STATUS_STYLES[status]["color"], "highlight": STATUS_STYLES[status]["color"]}
            options["width"] = {"conflicting": 2.5, "corroborated": 2.0 + min(outlets_behind, 5) * 0.6}.get(status, 1.2)
            options["status"] = status
        else:
            style = EDGE_STYLES[e.kind]
            options["color"] = {"color": style["color"], "highlight": style["color"]}
            options["width"] = style["width"]
            options["dashes"] = style["dashes"]
            if e.kind in ("conflict", "agreement"):
                options["arrows"] = {"to": {"enabled": False}}
        if e.claims and all(data.claims[i].machine for i in e.claims):
            options["machine"] = True
            if e.kind == "relation":
                options["dashes"] = MACHINE_DASHES
        if e.kind == "conflict" and e.claims:
            first = data.claims[e.claims[0]]
            options["topic"] = data.label(first.about or first.subject)
            # who gives each side: the outlets of the claims that state each of the two values
            options["sides"] = [
                sorted(
                    {
                        data.claims[i].outlet_label or data.claims[i].speaker_label
                        for i in claims_of[end] & set(e.claims)
                    }
                )
                for end in (e.source, e.target)
            ]
        if nth:
            options["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if nth % 2 else "curvedCCW",
                "roundness": 0.18 * ((nth + 1) // 2),
            }
        if defer_labels:
            options["predicate"] = e.label  # the page makes it the label once the edge is in a zoomed-in view
        else:
            options["label"] = e.label
        net.add_edge(ids[e.source], ids[e.target], **options)

    counts = {"nodes": len(net.nodes), **{k: 0 for k in ("relation", "conflict", "agreement", "source")}}
    for e in edges:
        counts[e.kind] += 1
    types = Counter(n.type for n in nodes.values())
    edge_kinds = {e.kind for e in edges}
    statuses = {
        s
        for e in edges
        if e.kind == "relation"
        for s in [
            max((data.claims[i].status for i in e.claims), key=lambda s: _STATUS_RANK[s], default="single-source")
        ]
    }
    legend = {
        "types": [{"type": t, "count": types[t], **node_style(t)} for t in sorted(types, key=lambda t: (-types[t], t))],
        "statuses": [
            {"status": s, **STATUS_STYLES[s]}
            for s in STATUS_STYLES
            if s in statuses or (s in {n.status for n in nodes.values()})
        ],
        "edges": [{"kind": k, **{x: y for x, y in EDGE_STYLES[k].items()}} for k in EDGE_STYLES if k in edge_kinds],
        "size": "PageRank (kg analyze)" if data.has_analysis else "number of edges",
        "communities": data.has_analysis
        and any("community" in data.nodes[k].metrics for k in nodes if k in data.nodes),
        "machine": sum(data.claims[i].machine for i in used),
        "dated": dict(Counter(data.claims[i].dated_by or "undated" for i in used)),
        "machineDashes": MACHINE_DASHES,
    }
    titles = {"graph": "Whole graph", "operations": "Operations", "claims": "Claims by what they count"}
    title = titles[view] + (f" around {filters['focus']}" if "focus" in filters else "")
    narrowed = [f"outlet {filters['source']}"] if "source" in filters else []
    narrowed += [f"{k} {filters[k]}" for k in ("since", "until") if k in filters]
    if narrowed:
        title += f" ({', '.join(narrowed)})"
    return View(
        kind=view,
        title=title,
        nodes=net.nodes,
        edges=net.edges,
        claims=claims,
        outlets=outlets,
        articles=articles,
        legend=legend,
        note=note,
        counts=counts,
        left_out=left_out,
        physics=physics,
        options=_vis_options(len(nodes), physics),
        filters=filters,
    )


def _number_status(nodes: dict[str, _Node], edges: list[_Edge], data: GraphData) -> dict[str, str]:
    """The status of each number stated (a box node): the strongest among the claims stating it."""
    status: dict[str, str] = {}
    for e in edges:
        if e.kind != "relation":
            continue
        for key in (e.source, e.target):
            if node_style(nodes[key].type)["shape"] != "box":
                continue
            for i in e.claims:
                s = data.claims[i].status
                if _STATUS_RANK[s] > _STATUS_RANK.get(status.get(key, ""), -1):
                    status[key] = s
    return status


def _vis_options(n: int, physics: bool) -> dict:
    big = n > 1000
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "nodes": {
            "font": {
                "size": 18,
                "face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "borderWidth": 1,
            "scaling": {"label": {"enabled": False, "drawThreshold": 6}},
        },
        "edges": {
            "smooth": False,
            "font": {"size": 12, "color": "#555555", "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "selectionWidth": 2.5,
            "hoverWidth": 0.5,
        },
        "interaction": {
            "hover": not big,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -50,
                "centralGravity": 0.012,
                "springLength": 90,
                "springConstant": 0.05,
                "avoidOverlap": 0.5,
            },
            "stabilization": {"enabled": physics, "iterations": 150, "updateInterval": 50, "fit": True},
        },
    }


def render(
    store: str | os.PathLike | Store | None = None,
    view: str = "graph",
    *,
    focus: str | None = None,
    depth: int = 2,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    source: str | None = None,
    max_nodes: int = MAX_NODES,
    fold_above: int = FOLD_ABOVE,
    output: str | os.PathLike = "out/graph.html",
) -> Path:
    """Write one view of the graph as a self-contained HTML page (what ``kg viz`` does).

    Parameters
    ----------
    store : str or Store, optional
        A store URL or an open store; default ``$KG_STORE`` or ``.kg``.
    view : {"graph", "operations", "claims", "disputes"}
        See :func:`build_view`; ``focus``, ``depth``, ``since``, ``until``, ``source``, ``max_nodes`` and
        ``fold_above`` too.
    output : str or path
        The page to write (its folder is created).

    Returns
    -------
    Path
        The page written.

    Examples
    --------
    >>> import kg, kg.viz, tempfile, pathlib
    >>> _ = kg.build("tests/data/tiny", store="memory:viz-render", out=None)
    >>> page = kg.viz.render("memory:viz-render", output=pathlib.Path(tempfile.mkdtemp()) / "g.html")
    >>> page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    built = build_view(
        store,
        view,
        focus=focus,
        depth=depth,
        since=since,
        until=until,
        source=source,
        max_nodes=max_nodes,
        fold_above=fold_above,
    )
    return built.write(output)
