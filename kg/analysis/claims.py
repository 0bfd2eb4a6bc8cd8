"""Which claims stand on one source, which are corroborated, and which are contested.

Works on the ``claims`` view (:func:`kg.analysis.claim_source_graph`): per claim group (claims
about the same thing, ``graph:crosssource``), the values given, the distinct outlets behind each,
and which values conflict.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph(view="claims")
>>> G.add_node("g", kind="group", topic="op", topic_label="January 2019", predicate="repatriated",
...            kind_counted="people", contested=True)
>>> for claim, value, outlet in [("c1", "47", "afp"), ("c2", "47", "tca"), ("c3", "43", "dp")]:
...     G.add_node(claim, kind="claim", value=value, status="conflicting", outlet_count=0)
...     G.add_node(outlet, kind="outlet", label=outlet.upper())
...     G.add_edge("g", claim, relation="member")
...     G.add_edge(claim, outlet, relation="published")
>>> G.add_edge("c1", "c3", relation="conflicts")
>>> group = claim_support(G)[0]
>>> [(v.value, v.outlet_labels, v.conflicts_with) for v in group.values]
[('47', ['AFP', 'TCA'], ['43']), ('43', ['DP'], ['47'])]
>>> group.contested, group.single_source
(True, False)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from ..vocab import STATUSES

__all__ = ["GroupSupport", "ValueSupport", "claim_support"]

_STATUS_ORDER = {status: i for i, status in enumerate(STATUSES)}  # conflicting first


@dataclass
class ValueSupport:
    """One value given in a claim group and what backs it."""

    value: str
    claims: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    """The distinct outlets whose articles state this value."""
    outlet_labels: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    status: str = "single-source"
    """``conflicting``, ``corroborated`` or ``single-source`` (``kg:status`` of its claims)."""
    agreeing_outlets: int = 0
    """``kg:outletCount``: outlets whose claims agree with it, overlapping values included."""
    conflicts_with: list[str] = field(default_factory=list)


@dataclass
class GroupSupport:
    """A claim group: what it is about and the values claimed."""

    group: str
    topic: str
    topic_label: str
    predicate: str
    kind: str
    contested: bool
    outlets: int
    """Distinct outlets among all its claims."""
    values: list[ValueSupport] = field(default_factory=list)

    @property
    def single_source(self) -> bool:
        """Every claim of the group comes from one outlet."""
        return self.outlets <= 1

    @property
    def verdict(self) -> str:
        """``contested``, ``single-source`` or ``corroborated``."""
        if self.contested:
            return "contested"
        return "single-source" if self.single_source else "corroborated"


def claim_support(G: nx.Graph) -> list[GroupSupport]:
    """Every claim group with its values, the outlets behind each value, and the conflicts.

    Parameters
    ----------
    G : networkx.Graph
        The ``claims`` view.

    Returns
    -------
    list of GroupSupport
        Contested groups first, then by the number of outlets (most first), then by topic; values by
        the number of outlets stating them (most first).
    """
    # plain dicts of the graph's adjacency and attributes: the views cost more than the work here
    nodes = dict(G.nodes(data=True))
    adj = dict(G.adjacency())
    groups = []
    for group, data in nodes.items():
        if data.get("kind") != "group":
            continue
        by_value: dict[str, ValueSupport] = {}
        value_of: dict[str, str] = {}
        outlets_of: dict[str, set[str]] = defaultdict(set)
        speakers_of: dict[str, set[str]] = defaultdict(set)
        conflicts_of: dict[str, set[str]] = defaultdict(set)
        for claim in adj[group]:
            c = nodes[claim]
            if c.get("kind") != "claim":
                continue
            value = c.get("value", "")
            value_of[claim] = value
            support = by_value.get(value)
            if support is None:
                support = by_value[value] = ValueSupport(value, status=c.get("status", "single-source"))
            support.claims.append(claim)
            support.agreeing_outlets = max(support.agreeing_outlets, c.get("outlet_count") or 0)
            if _STATUS_ORDER.get(c.get("status"), 3) < _STATUS_ORDER.get(support.status, 3):
                support.status = c["status"]
            for other, edge in adj[claim].items():
                relation = edge.get("relation", "")
                if "published" in relation:
                    outlets_of[value].add(other)
                if "said" in relation:
                    speakers_of[value].add(nodes[other].get("label", other))
                if relation == "conflicts":
                    conflicts_of[value].add(other)
        all_outlets: set[str] = set()
        for value, support in by_value.items():
            outlets = sorted(outlets_of[value], key=lambda o: str(nodes[o].get("label", o)).casefold())
            support.outlets = outlets
            support.outlet_labels = [str(nodes[o].get("label", o)) for o in outlets]
            support.speakers = sorted(speakers_of[value], key=str.casefold)
            support.claims.sort()
            support.conflicts_with = sorted({value_of.get(c, nodes[c].get("value", c)) for c in conflicts_of[value]})
            support.agreeing_outlets = max(support.agreeing_outlets, len(outlets))
            all_outlets.update(outlets)
        values = sorted(by_value.values(), key=lambda v: (-len(v.outlets), v.value))
        groups.append(
            GroupSupport(
                group=group,
                topic=data.get("topic", ""),
                topic_label=data.get("topic_label", ""),
                predicate=data.get("predicate", ""),
                kind=data.get("kind_counted", ""),
                contested=bool(data.get("contested")) or any(v.conflicts_with for v in values),
                outlets=len(all_outlets),
                values=values,
            )
        )
    groups.sort(key=lambda g: (not g.contested, -g.outlets, g.topic_label.casefold(), g.predicate, g.kind, g.group))
    return groups
