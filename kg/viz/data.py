"""What the views draw, read from a store through SPARQL: entities, quantities, claims and their provenance.

:func:`read_graph` returns a :class:`GraphData`: plain records, with no RDF terms left, that the views
(``kg.viz.views``) turn into nodes and edges. It reads the analysis results of ``kg analyze --write``
(graph ``graph:analysis``) when they are there.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from ..namespace import GRAPH, KG
from ..store import Store, open_store

__all__ = [
    "ACTOR_TYPES",
    "ClaimGroupRecord",
    "ClaimRecord",
    "GraphData",
    "NodeRecord",
    "date_period",
    "local_name",
    "read_graph",
]

ACTOR_TYPES = ("Person", "Country", "GovernmentBody", "Organisation", "ArmedGroup", "MediaOutlet", "Group")
ENTITY_TYPES = (*ACTOR_TYPES, "Place", "Operation", "Event", "Document")
ANALYSIS_GRAPH = str(GRAPH["analysis"])
STATUSES = {"Conflicting": "conflicting", "Corroborated": "corroborated", "SingleSource": "single-source"}


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
    """For a quantity: the value as given (``47``), or its bounds (``24-99``, ``201+``)."""
    counted: str = ""
    kind: str = ""


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


def local_name(iri: str) -> str:
    """The last part of an IRI: ``https://kg.example.org/ontology#leftFor`` -> ``leftFor``.

    Examples
    --------
    >>> local_name("https://kg.example.org/ontology#leftFor")
    'leftFor'
    >>> local_name("https://kg.example.org/id/tokayev")
    'tokayev'
    """
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def date_period(date: str) -> tuple[str, str]:
    """The first and last day a ``YYYY[-MM[-DD]]`` date names, as ISO strings (compared as text).

    Examples
    --------
    >>> date_period("2019-05")
    ('2019-05-01', '2019-05-31')
    >>> date_period("2019")
    ('2019-01-01', '2019-12-31')
    """
    parts = date.split("-")
    start = "-".join(parts + ["01"] * (3 - len(parts)))
    end = "-".join(parts + (["12", "31"] if len(parts) == 1 else ["31"] if len(parts) == 2 else []))
    return start, end


_ENTITIES = """
SELECT ?n ?class ?label ?comment ?mentions WHERE {
  GRAPH graph:registry { ?n a ?class ; rdfs:label ?label . OPTIONAL { ?n rdfs:comment ?comment } }
  OPTIONAL { ?n kg:mentionCount ?mentions }
}"""
_ALIASES = "SELECT ?n ?alias WHERE { GRAPH graph:registry { ?n skos:altLabel ?alias } }"
_QUANTITIES = """
SELECT ?n ?label ?value ?lower ?upper ?approximate ?counted ?kindLabel WHERE {
  ?n a kg:Quantity ; rdfs:label ?label .
  OPTIONAL { ?n kg:value ?value } OPTIONAL { ?n kg:lowerBound ?lower } OPTIONAL { ?n kg:upperBound ?upper }
  OPTIONAL { ?n kg:approximate ?approximate } OPTIONAL { ?n kg:counted ?counted }
  OPTIONAL { ?n kg:kind/rdfs:label ?kindLabel }
}"""
# Claims are read in four simple queries joined here: one query with all the OPTIONALs is several
# times slower in Oxigraph. A claim and its provenance live in its article's graph.
_CLAIMS = """
SELECT ?claim ?s ?p ?o ?speaker ?article ?stated ?about WHERE { GRAPH ?g {
  ?claim a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?claim prov:wasAttributedTo ?speaker }
  OPTIONAL { ?claim prov:wasDerivedFrom ?article }
  OPTIONAL { ?claim kg:statedOn ?stated }
  OPTIONAL { ?claim kg:about ?about }
} }"""
_QUOTES = """
SELECT ?claim ?quote WHERE { GRAPH ?g { ?claim a kg:Claim ; kg:evidence ?e . ?e oa:hasSelector ?q . ?q oa:exact ?quote } }"""
_STATUS = "SELECT ?claim ?status ?group WHERE { ?claim kg:status ?status OPTIONAL { ?claim kg:inGroup ?group } }"
_ARTICLES = """
SELECT ?article ?title ?published ?outlet WHERE {
  ?article a schema:NewsArticle .
  OPTIONAL { ?article schema:headline ?title }
  OPTIONAL { ?article schema:datePublished ?published }
  OPTIONAL { ?article schema:publisher ?outlet }
}"""
_PREDICATES = "SELECT DISTINCT ?p ?label WHERE { ?c a kg:Claim ; rdf:predicate ?p . ?p rdfs:label ?label }"
_PAIRS = "SELECT ?a ?b WHERE { ?a kg:%s ?b }"
_GROUPS = """
SELECT ?g ?topic ?p ?kind ?kindLabel ?n ?contested WHERE {
  ?g a kg:ClaimGroup ; kg:topic ?topic ; kg:groupPredicate ?p .
  OPTIONAL { ?g kg:kind ?kind OPTIONAL { ?kind rdfs:label ?kindLabel } }
  OPTIONAL { ?g kg:claimCount ?n } OPTIONAL { ?g kg:contested ?contested }
}"""
_ANALYSIS = f"""
SELECT ?n ?p ?x WHERE {{
  GRAPH <{ANALYSIS_GRAPH}> {{ ?n ?p ?x VALUES ?p {{ kg:degree kg:betweenness kg:pagerank kg:community }} }}
}}"""


def _s(term) -> str:
    return "" if term is None else str(term)


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
    if isinstance(store, Store):
        return _read(store)
    with open_store(store) as opened:
        return _read(opened)


def _read(store: Store) -> GraphData:
    kg_ns = str(KG._NS)
    nodes: dict[str, NodeRecord] = {}
    for n, cls, label, comment, mentions in store.query(_ENTITIES).rows:
        kind = _s(cls).removeprefix(kg_ns)
        if kind not in ENTITY_TYPES or not isinstance(n, URIRef):
            continue
        known = nodes.get(str(n))
        if known is not None and ENTITY_TYPES.index(known.type) < ENTITY_TYPES.index(kind):
            continue  # a Country is also a Place, an Operation also an Event: keep the most specific
        nodes[str(n)] = NodeRecord(
            str(n), kind, _s(label), description=_s(comment), mentions=int(mentions) if mentions is not None else None
        )
    for n, alias in store.query(_ALIASES).rows:
        node = nodes.get(_s(n))
        if node is not None and str(alias) != node.label and str(alias) not in node.aliases:
            node.aliases.append(str(alias))
    for n, label, value, lower, upper, approximate, counted, kind in store.query(_QUANTITIES).rows:
        nodes[str(n)] = NodeRecord(
            str(n), "Quantity", _s(label), value=_quantity_value(value, lower, upper, approximate),
            counted=_s(counted), kind=_s(kind),
        )  # fmt: skip
    predicate_labels = {}
    for p, label in store.query(_PREDICATES).rows:
        if not isinstance(label, Literal) or label.language in (None, "en"):
            predicate_labels[str(p)] = str(label)
    articles = {
        str(a): (_s(title), _s(published), _s(outlet)) for a, title, published, outlet in store.query(_ARTICLES).rows
    }
    quotes = {str(c): str(q) for c, q in store.query(_QUOTES).rows}
    statuses = {str(c): (_s(st), _s(g)) for c, st, g in store.query(_STATUS).rows}
    claims: dict[str, ClaimRecord] = {}
    for claim, s, p, o, speaker, article, stated, about in store.query(_CLAIMS).rows:
        iri = str(claim)
        if iri in claims:
            continue
        title, published, outlet = articles.get(_s(article), ("", "", ""))
        status, group = statuses.get(iri, ("", ""))
        claims[iri] = ClaimRecord(
            iri=iri, subject=str(s), predicate=str(p),
            predicate_label=predicate_labels.get(str(p)) or _words(local_name(str(p))),
            object=str(o), object_is_node=isinstance(o, URIRef), quote=quotes.get(iri, ""),
            speaker=_s(speaker), speaker_label=_name(nodes, _s(speaker)), article=_s(article), article_title=title,
            outlet=outlet, outlet_label=_name(nodes, outlet), date=_s(stated) or published,
            status=STATUSES.get(status.removeprefix(kg_ns), "single-source"), about=_s(about), group=group,
        )  # fmt: skip
    groups = {}
    for g, topic, p, kind, kind_label, n, contested in store.query(_GROUPS).rows:
        groups[str(g)] = ClaimGroupRecord(
            str(g), str(topic), str(p), kind=_s(kind), kind_label=_s(kind_label) or (local_name(_s(kind)) if kind else ""),
            claim_count=int(n) if n is not None else 0, contested=bool(contested is not None and contested.toPython()),
        )  # fmt: skip
    has_analysis = False
    for n, p, x in store.query(_ANALYSIS).rows:
        node = nodes.get(_s(n))
        if node is not None and isinstance(x, Literal):
            try:
                node.metrics[local_name(str(p))] = float(x.toPython())
            except (TypeError, ValueError):
                continue
            has_analysis = True
    return GraphData(
        nodes=nodes,
        claims=list(claims.values()),
        conflicts=_pairs(store, "conflictsWith", claims),
        agreements=_pairs(store, "corroborates", claims),
        groups=groups,
        has_analysis=has_analysis,
    )


def _name(nodes: dict[str, NodeRecord], iri: str) -> str:
    node = nodes.get(iri)
    return node.label if node else (local_name(iri) if iri else "")


def _pairs(store: Store, predicate: str, claims: dict) -> set[tuple[str, str]]:
    pairs = set()
    for a, b in store.query(_PAIRS % predicate).rows:
        a, b = str(a), str(b)
        if a != b and a in claims and b in claims:
            pairs.add((min(a, b), max(a, b)))
    return pairs


def _words(name: str) -> str:
    """``carriedOut`` -> ``carried out``; ``hasBeginTimeStamp`` -> ``began``."""
    special = {"hasBeginTimeStamp": "began", "hasEndTimeStamp": "ended", "hasTimeStamp": "on"}
    if name in special:
        return special[name]
    return re.sub(r"(?<=[a-z])([A-Z])", lambda m: " " + m.group(1).lower(), name)


def _number(term) -> str:
    value = term.toPython()
    if hasattr(value, "to_integral_value") and value == value.to_integral_value():
        value = int(value)
    return str(value)


def _quantity_value(value, lower, upper, approximate) -> str:
    about = "about " if approximate is not None and approximate.toPython() else ""
    if value is not None:
        return about + _number(value)
    if lower is not None and upper is not None:
        return f"{_number(lower)}–{_number(upper)}"
    if lower is not None:
        return f"{_number(lower)}+"
    if upper is not None:
        return f"up to {_number(upper)}"
    return ""
