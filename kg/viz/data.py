"""What the views draw: entities, quantities, claims and their provenance, as display records.

:func:`read_graph` reads a store through :func:`kg.graphdata.read_graph_data` (the one reader analysis
and the exports use too) and returns a :class:`GraphData`: plain records with names resolved, that
the views (``kg.viz.views``) turn into nodes and edges. It holds the analysis results of
``kg analyze --write`` (graph ``graph:analysis``) when they are there.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .. import graphdata
from ..namespace import SEM, local_name
from ..store import Store
from ..vocab import date_period, speaker_label

__all__ = [
    "PARTS",
    "ClaimGroupRecord",
    "ClaimRecord",
    "GraphData",
    "NodeRecord",
    "event_periods",
    "local_name",
    "read_graph",
    "unstated_zero",
]

PARTS = (
    "entities", "claims", "triples", "status", "quotes", "quantities", "groups", "articles", "labels", "conflicts",
    "agreements", "analysis", "context",
)  # fmt: skip
"""What the views read (:func:`kg.graphdata.read_graph_data`)."""


@dataclass
class NodeRecord:
    """An entity of the registry or a quantity a claim states."""

    iri: str
    type: str
    label: str
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    mentions: int | None = None
    metrics: dict[str, float] = field(default_factory=dict)
    """``degree``, ``betweenness``, ``pagerank`` and ``community`` from ``kg analyze --write``."""
    value: str = ""
    """For a quantity: the number as its stored label gives it (``47``, ``about 400``, ``24-99``, ``at least 201``)."""
    counted: str = ""
    kind: str = ""
    number: str = ""
    """For a quantity: the number as a person writes it, ranges as numbers (``24–99``, ``more than 360,000``)."""


@dataclass
class ClaimRecord:
    """One claim: subject - predicate - object, who said it, where and when, with the quote."""

    iri: str
    subject: str
    predicate: str
    predicate_label: str
    object: str
    object_is_node: bool
    """False when the object is a literal (an event's date)."""
    quote: str
    speaker: str = ""
    speaker_label: str = ""
    article: str = ""
    article_title: str = ""
    outlet: str = ""
    outlet_label: str = ""
    date: str = ""
    """When the speaker said it, else the article's date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    status: str = "single-source"
    about: str = ""
    group: str = ""
    method: str = ""
    """``machine`` (proposed by ``kg annotate``, not yet curated) or ``curated`` (``kg:method``)."""
    period: tuple[str, str] | None = None
    """The first and last day (ISO) of what the claim is about, the period the date filters test: the
    ``kg:asOf`` date of a running total, else the dates of the event it is about (:func:`event_periods`),
    else :attr:`date`; ``None`` when undated."""
    dated_by: str = ""
    """Where :attr:`period` comes from: ``as of``, ``event`` or ``said``."""

    @property
    def machine(self) -> bool:
        """Whether a machine proposed the claim (and no person has curated it)."""
        return self.method == "machine"


@dataclass
class ClaimGroupRecord:
    """Claims about the same thing (``kg:ClaimGroup``): one topic, predicate family and kind counted."""

    iri: str
    topic: str
    predicate: str
    kind: str = ""
    kind_label: str = ""
    claim_count: int = 0
    contested: bool = False


@dataclass
class GraphData:
    """Everything the views draw, keyed by IRI."""

    nodes: dict[str, NodeRecord]
    claims: list[ClaimRecord]
    conflicts: set[tuple[str, str]]
    """Pairs of claim IRIs (sorted) that contradict each other."""
    agreements: set[tuple[str, str]]
    """Pairs of claim IRIs (sorted) from different outlets that agree."""
    groups: dict[str, ClaimGroupRecord]
    has_analysis: bool = False

    def label(self, iri: str) -> str:
        node = self.nodes.get(iri)
        return node.label if node else local_name(iri)


_ZERO = re.compile(r"\b(no|zero|none|nobody|nothing|nil|0)\b", re.I)


def unstated_zero(value: str | None, quote: str) -> bool:
    """Whether a count of zero is one the quote never states (so the views do not show it as a claim).

    >>> unstated_zero("0", "Authorities detected no such cases in 2017.")
    False
    >>> unstated_zero("0", "Authorities detected such cases in 2017."), unstated_zero("69", "69 such cases")
    (True, False)
    """
    return graphdata.number(value) == 0 and not _ZERO.search(quote)


def read_graph(store: str | os.PathLike | Store | None = None) -> GraphData:
    """Read the entities, quantities, claims, conflicts and claim groups of a built store.

    Parameters
    ----------
    store : str or Store, optional
        A store URL or an open store; default ``$KG_STORE`` or ``.kg``.

    Returns
    -------
    GraphData
    """
    return from_graph_data(graphdata.read_graph_data(store, PARTS))


def from_graph_data(data: graphdata.GraphData) -> GraphData:
    """The display records of what :func:`kg.graphdata.read_graph_data` read (with :data:`PARTS`)."""
    data.require(*PARTS)
    nodes: dict[str, NodeRecord] = {}
    for e in data.entities.values():
        nodes[e.iri] = NodeRecord(
            e.iri, e.type, e.label, aliases=list(e.aliases), description=e.description, mentions=e.mentions,
            metrics=dict(e.metrics),
        )  # fmt: skip
    for q in data.quantities.values():
        # the label a person reads ("more than 360,000 people", "hundreds of Kazakhs"), not the stored one
        nodes[q.iri] = NodeRecord(
            q.iri,
            "Quantity",
            q.display,
            value=q.text,
            counted=q.counted,
            kind=data.labels.get(q.kind, ""),
            number=graphdata.number_text(q.value, q.lower, q.upper, q.approximate, words=False),
        )
    events = event_periods(data)
    claims: dict[str, ClaimRecord] = {}
    for c in data.claims:
        if c.type != "Claim" or c.subject is None or c.predicate is None or c.object is None:
            continue
        quantity = data.quantities.get(c.object)
        if quantity is not None and unstated_zero(quantity.value, c.quote):
            continue
        article = data.articles.get(c.article or "") or graphdata.Article("")
        outlet = article.outlet or ""
        claims[c.iri] = ClaimRecord(
            iri=c.iri, subject=c.subject, predicate=c.predicate,
            predicate_label=data.labels.get(c.predicate) or _words(local_name(c.predicate)),
            object=c.object, object_is_node=c.object_is_iri, quote=c.quote,
            speaker=c.speaker or "", speaker_label=speaker_label(_name(nodes, c.speaker or "")), article=c.article or "",
            article_title=article.title, outlet=outlet, outlet_label=_name(nodes, outlet),
            date=c.stated or article.published, status=c.status or "single-source", about=c.about or "",
            group=c.group or "", method=c.method or "",
        )  # fmt: skip
        claims[c.iri].period, claims[c.iri].dated_by = _period(c, claims[c.iri].date, events)
    groups = {}
    for g in data.groups.values():
        groups[g.iri] = ClaimGroupRecord(
            g.iri, g.topic, g.predicate, kind=g.kind or "",
            kind_label=(data.labels.get(g.kind) or local_name(g.kind)) if g.kind else "",
            claim_count=g.claim_count, contested=g.contested,
        )  # fmt: skip
    return GraphData(
        nodes=nodes,
        claims=list(claims.values()),
        conflicts=_pairs(data.conflicts, claims),
        agreements=_pairs(data.agreements, claims),
        groups=groups,
        has_analysis=data.has_analysis,
    )


_BEGIN, _END, _ON = str(SEM.hasBeginTimeStamp), str(SEM.hasEndTimeStamp), str(SEM.hasTimeStamp)


def event_periods(data: graphdata.GraphData) -> dict[str, tuple[str, str]]:
    """The period each dated event or operation spans, by IRI: first and last day, ISO.

    From what the claims say of its dates (``sem:hasBeginTimeStamp``, ``sem:hasEndTimeStamp``,
    ``sem:hasTimeStamp``), all sources together: from the earliest beginning (or date) to the latest
    end (or date). An event known only by when it began is dated by its beginning (a war that
    began in 2011 is "2011"), one known only by when it ended by its end.

    Examples
    --------
    >>> import kg
    >>> _ = kg.build("tests/data/tiny", store="memory:viz-events", out=None)
    >>> event_periods(graphdata.read_graph_data("memory:viz-events", ["claims", "triples"]))
    {'https://kg.example.org/id/tajik-repatriation': ('2019-04-01', '2019-04-30')}
    """
    begins: dict[str, list[tuple[str, str]]] = {}
    ends: dict[str, list[tuple[str, str]]] = {}
    for c in data.claims:
        if c.subject is None or c.object is None or c.object_is_iri or c.predicate not in (_BEGIN, _END, _ON):
            continue
        try:
            first, last = (d.isoformat() for d in date_period(c.object))
        except ValueError:
            continue
        if c.predicate != _END:
            begins.setdefault(c.subject, []).append((first, last))
        if c.predicate != _BEGIN:
            ends.setdefault(c.subject, []).append((first, last))
    periods = {}
    for event in begins.keys() | ends.keys():
        starts, stops = begins.get(event) or ends[event], ends.get(event) or begins[event]
        first, last = min(p[0] for p in starts), max(p[1] for p in stops)
        periods[event] = (first, last) if first <= last else (last, first)
    return dict(sorted(periods.items()))


def _period(c: graphdata.Claim, date: str, events: dict[str, tuple[str, str]]) -> tuple[tuple[str, str] | None, str]:
    """The period a claim is about and where it comes from (:attr:`ClaimRecord.period`)."""
    if c.as_of and (span := _days(c.as_of)):
        return span, "as of"
    # the event it is about, else a dated event it names as its subject or object
    for event in (c.about, c.subject, c.object if c.object_is_iri else None):
        if event in events:
            return events[event], "event"  # type: ignore[index]
    span = _days(date)
    return (span, "said") if span else (None, "")


def _days(date: str) -> tuple[str, str] | None:
    try:
        first, last = date_period(date)
    except ValueError:
        return None
    return first.isoformat(), last.isoformat()


def _name(nodes: dict[str, NodeRecord], iri: str) -> str:
    node = nodes.get(iri)
    return node.label if node else (local_name(iri) if iri else "")


def _pairs(found: list[tuple[str, str]], claims: dict) -> set[tuple[str, str]]:
    pairs = set()
    for a, b in found:
        if a != b and a in claims and b in claims:
            pairs.add((min(a, b), max(a, b)))
    return pairs


def _words(name: str) -> str:
    """``carriedOut`` -> ``carried out``; ``hasBeginTimeStamp`` -> ``began``."""
    special = {"hasBeginTimeStamp": "began", "hasEndTimeStamp": "ended", "hasTimeStamp": "on"}
    if name in special:
        return special[name]
    return re.sub(r"(?<=[a-z])([A-Z])", lambda m: " " + m.group(1).lower(), name)
