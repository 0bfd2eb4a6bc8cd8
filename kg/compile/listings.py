"""Listing indexes: the rows of each named listing query, with the key they sort by.

A named query such as ``actor-actions`` lists one row per claim: tens of thousands of rows on a
large corpus. Sorting them in the store means joining every claim with its labels first, which
costs seconds; a page of 100 rows should cost milliseconds. So the build sorts each listing itself
and writes one graph ``graph:listing-NAME`` holding ``?row kg:rank N`` (0 first) for exactly the
rows of that listing. A page reads that one graph (an index scan over small integers, which the
store keeps inline), takes the ranks it wants and joins the labels of those rows only; see the
queries in ``kg/queries/``. A rank rather than a string key: Oxigraph stores long strings apart
from its indexes, and looking each one up to sort them costs as much as the joins it avoids.

The build sorts by the row's sort columns, case-folded, numbers as numbers, and the row's IRI
last so that no two rows tie.

>>> _key("Tokayev", "announced", 47, "AFP")
'tokayev\\tannounced\\t01000000000000047.0000\\tafp'
>>> _key(-12) < _key(-5) < _key(0) < _key(7) < _key(40)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from ..model import Claim, Registry
from ..namespace import GRAPH
from ..ontology import relations
from ..terms import (
    RDFLIB_TERMS,
    ConstantTerms,
    Quad,
    Terms,
    date_term,
    entity_iri,
    int_term,
    predicate_iri,
    timeline_iri,
)
from ..vocab import SUPERCLASSES

__all__ = ["LISTINGS", "compile_listings", "listing_graph"]

LISTINGS = ("actor-actions", "actors", "conflicting-claims", "operation-quantities", "operations", "timeline")
"""The named queries that read a listing index: claims, dates or actors, one per row."""

_ROLE_OF_ACTOR = ("announced", "ordered", "carriedOut", "participatedIn")
"""Actor -> operation predicates of the ``operations`` listing."""
_ROLE_OF_OPERATION = ("agent", "partner")
"""Operation -> actor predicates of the ``operations`` listing."""
_WHEN = {"sem:hasBeginTimeStamp": "begins", "sem:hasEndTimeStamp": "ends", "sem:hasTimeStamp": "on"}


def listing_graph(name: str):
    """``graph:listing-NAME``, where the rows of the named query NAME and their ranks live."""
    if name not in LISTINGS:
        raise ValueError(f"no listing named {name!r}")
    return GRAPH[f"listing-{name}"]


_SHIFT = Decimal(10**15)


def _part(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):  # shifted so that negative numbers sort too
        return f"{Decimal(value) + _SHIFT:022.4f}"
    return " ".join(str(value).split()).casefold()


def _key(*parts: object) -> str:
    return "\t".join(_part(p) for p in parts)


class _Labels:
    """Labels and types of what claims name, as the queries show them."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def of(self, entity_id: str | None) -> str:
        entity = self.registry.entities.get(entity_id or "")
        return entity.label if entity is not None else (entity_id or "")

    def kind(self, kind_id: str | None) -> str:
        kind = self.registry.kinds.get(kind_id or "")
        return kind.label if kind is not None else ""

    def is_a(self, entity_id: str | None, cls: str) -> bool:
        entity = self.registry.entities.get(entity_id or "")
        return entity is not None and (entity.type == cls or cls in SUPERCLASSES.get(entity.type, ()))

    def object(self, claim: Claim) -> str:
        """What the ``objectLabel`` / ``quantity`` columns show: a label, a quantity, a literal."""
        if claim.quantity is not None:
            return claim.quantity.label
        if claim.object is not None:
            return self.of(claim.object)
        return claim.literal or ""


def compile_listings(
    groups: Iterable,
    registry: Registry,
    terms: Terms = RDFLIB_TERMS,
    mention_counts: dict[str, int] | None = None,
) -> Iterator[Quad]:
    """The listing indexes of the claim groups (``crosssource.compare``) and of the registry's actors.

    Yields ranks, and the timeline's entries; actors sort by mentions (most first), then label.
    """
    t, v = terms, ConstantTerms.of(terms)
    q, kg = t.quad, v.kg
    rank = kg["rank"]
    graphs = {name: t.iri(listing_graph(name)) for name in LISTINGS}
    rows: dict[str, list[tuple[str, object]]] = {name: [] for name in LISTINGS}
    labels = _Labels(registry)
    relation_names = relations()
    dates: dict[tuple[str, str, str], dict] = {}
    for group in groups:
        topic = group.key[1]
        group_kind = group.key[3] if group.key[0] == "quantity" else None
        for m in group.members:
            claim, outlet = m.claim, labels.of(m.outlet)
            node = t.iri(m.iri)
            subject_is_actor = labels.is_a(claim.subject, "Actor")
            if claim.predicate in relation_names and subject_is_actor:
                key = _key(labels.of(claim.subject), claim.predicate, labels.object(claim), outlet, m.iri)
                rows["actor-actions"].append((key, node))
            if claim.predicate in _ROLE_OF_ACTOR and labels.is_a(claim.object, "Operation") and claim.subject:
                key = _key(labels.of(claim.object), claim.predicate, labels.of(claim.subject), outlet, m.iri)
                rows["operations"].append((key, node))
            elif claim.predicate in _ROLE_OF_OPERATION and labels.is_a(claim.subject, "Operation") and claim.object:
                key = _key(labels.of(claim.subject), claim.predicate, labels.of(claim.object), outlet, m.iri)
                rows["operations"].append((key, node))
            if claim.quantity is not None and labels.is_a(claim.about, "Operation"):
                quantity = claim.quantity
                key = _key(labels.of(claim.about), labels.kind(quantity.kind), quantity.value, outlet, m.iri)
                rows["operation-quantities"].append((key, node))
            if m.status == "conflicting":
                key = _key(labels.of(topic), labels.kind(group_kind), labels.object(claim), outlet, m.iri)
                rows["conflicting-claims"].append((key, node))
            if claim.predicate in _WHEN and claim.literal:
                entry = dates.setdefault((claim.subject, claim.predicate, claim.literal), {"outlets": set()})
                entry["outlets"].add(m.original or m.outlet)
                entry["contested"] = entry.get("contested", False) or m.status == "conflicting"
    g = graphs["timeline"]
    for (event, predicate, date), entry in sorted(dates.items()):
        iri = timeline_iri(event, predicate, date)
        node = t.iri(iri)
        rows["timeline"].append((_key(date, labels.of(event), _WHEN[predicate], iri), node))
        yield q(node, v.type, kg["TimelineEntry"], g)
        yield q(node, kg["topic"], t.iri(entity_iri(event)), g)
        yield q(node, kg["groupPredicate"], t.iri(predicate_iri(predicate)), g)
        yield q(node, kg["date"], date_term(t, date), g)
        yield q(node, kg["outletCount"], int_term(t, len(entry["outlets"])), g)
        yield q(node, kg["contested"], v.true if entry["contested"] else v.false, g)
    counts = mention_counts or {}
    for entity in registry.entities.values():
        if labels.is_a(entity.id, "Actor"):
            mentions = counts.get(entity.id, 0)
            rows["actors"].append((_key(-mentions, entity.label, entity_iri(entity.id)), t.iri(entity_iri(entity.id))))
    for name, keyed in rows.items():
        keyed.sort(key=lambda row: row[0])
        g = graphs[name]
        for position, (_, node) in enumerate(keyed):
            yield q(node, rank, int_term(t, position), g)
