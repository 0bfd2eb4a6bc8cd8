"""Listing indexes: the rows of each named listing query, with the key they sort by.

A named query such as ``actor-actions`` lists one row per claim: tens of thousands of rows on a
large corpus. Sorting them in the store means joining every claim with its labels first, which
costs seconds; a page of 100 rows should cost milliseconds. So the build gives each row of a
listing its sort key as one number and writes one graph ``graph:listing-NAME`` holding
``?row kg:rank KEY`` for exactly the rows of that listing. A page reads that one graph (an index
scan over numbers the store keeps inline), sorts by the key, takes the rows it wants and joins the
labels of those rows only; see the queries in ``kg/queries/``. A number rather than a string: Oxigraph
stores long strings apart from its indexes, and looking each one up to sort them costs as much as the
joins it avoids.

The key depends on the row alone (and on the registry, which a change of the corpus cannot alter):
adding or removing an article changes the keys of its own rows only, never shifts the others (a
dense rank 0, 1, 2 ... would move every row after the new one). It packs the row's sort columns
into the 112 bits an ``xsd:decimal`` of 34 digits holds exactly (in Oxigraph and Virtuoso alike), most significant first: a label as its place
among the registry's labels (case-folded), a number as a number, a date by its characters; the bits
left over hold a digest of the row's IRI, so that rows alike in every column still differ, and the
queries order by the row's IRI after the key.

>>> packed = _Packer(["announced", "kazakhstan", "tokayev"])
>>> packed.text("Tokayev") > packed.text("Kazakhstan") > packed.text("")
True
>>> packed.text("Nazarbayev") == packed.text("Kazakhstan") + 1   # between two labels: a code of its own
True
>>> _NONE == _number(None) < _number(-12) < _number(-5) < _number(0) < _number(7.5) < _number(40)
True
>>> _decimal(2**70 + 5)
'1180591.620717411303429'
"""

from __future__ import annotations

import bisect
import hashlib
import struct
from collections.abc import Iterable, Iterator, Sequence
from numbers import Number

from ..model import Claim, Registry
from ..namespace import GRAPH
from ..ontology import relations
from ..terms import (
    RDFLIB_TERMS,
    ConstantTerms,
    Quad,
    Terms,
    date_term,
    decimal_term,
    entity_iri,
    int_term,
    predicate_iri,
    timeline_iri,
)
from ..vocab import SUPERCLASSES

__all__ = ["LISTINGS", "ListingRows", "compile_listings", "listing_graph", "timeline_key"]

LISTINGS = ("actor-actions", "actors", "conflicting-claims", "operation-quantities", "operations", "timeline")
"""The named queries that read a listing index: claims, dates or actors, one per row."""

_ROLE_OF_ACTOR = ("announced", "ordered", "carriedOut", "participatedIn")
"""Actor -> operation predicates of the ``operations`` listing."""
_ROLE_OF_OPERATION = ("agent", "partner")
"""Operation -> actor predicates of the ``operations`` listing."""
_WHEN = {"sem:hasBeginTimeStamp": "begins", "sem:hasEndTimeStamp": "ends", "sem:hasTimeStamp": "on"}

_BITS = 112
"""What an ``xsd:decimal`` of 34 digits holds: Oxigraph keeps 38 (a 128-bit integer of 10^-18 units), Virtuoso 35."""
_SCALE = 15
"""Digits after the decimal point: Virtuoso keeps 15."""
_NUMBER_BITS = 49
_NONE = 0
"""A missing number (a range with bounds only) sorts before every number."""
_DATE_CHARS = 16
_DATE_CODE = {c: i + 1 for i, c in enumerate("-/0123456789T:")}  # 0: the end of the date; 15: any other
_MOST_MENTIONS = (1 << 40) - 1


def listing_graph(name: str):
    """``graph:listing-NAME``, where the rows of the named query NAME and their keys live."""
    if name not in LISTINGS:
        raise ValueError(f"no listing named {name!r}")
    return GRAPH[f"listing-{name}"]


def _fold(value: object) -> str:
    return " ".join(str(value).split()).casefold()


def _number(value: object) -> int:
    """A number as a 49-bit code in the order of the numbers (``None`` first; 36 bits of mantissa)."""
    if value is None:
        return _NONE
    bits = struct.unpack(">Q", struct.pack(">d", float(value)))[0]
    ordered = (bits ^ 0xFFFFFFFFFFFFFFFF) if bits >> 63 else bits | (1 << 63)
    return (1 << 48) | (ordered >> 16)


def _date(value: str) -> int:
    """A date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, a range ...) by its first 16 characters, 4 bits each."""
    code = 0
    for i in range(_DATE_CHARS):
        code = (code << 4) | (_DATE_CODE.get(value[i], 15) if i < len(value) else 0)
    return code


def _decimal(n: int) -> str:
    """``n`` units of 10^-15 as the canonical lexical form of an ``xsd:decimal``."""
    whole, part = divmod(n, 10**_SCALE)
    fraction = f"{part:0{_SCALE}d}".rstrip("0")
    return f"{whole}.{fraction}" if fraction else str(whole)


class _Packer:
    """Sort columns -> one number; texts coded by their place among a fixed list of texts (the registry's)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = sorted({_fold(t) for t in texts} | {""})
        self.exact = {t: 2 * i + 1 for i, t in enumerate(self.texts)}
        self.width = (2 * len(self.texts) + 1).bit_length()

    def text(self, value: object) -> int:
        """A text's code: ``2i+1`` for the i-th known text, ``2i`` for any text between the (i-1)-th and the i-th."""
        folded = _fold(value) if value is not None else ""
        code = self.exact.get(folded)
        return code if code is not None else 2 * bisect.bisect_left(self.texts, folded)

    def either(self, value: object) -> tuple[int, int]:
        """A column that holds a number or a text: numbers first, then texts (width ``2 + max``)."""
        width = max(_NUMBER_BITS, self.width)
        if isinstance(value, Number) and not isinstance(value, bool):
            return (1 << width) | _number(value), width + 2
        return (2 << width) | self.text(value), width + 2

    def key(self, columns: Sequence[tuple[int, int]], iri: str) -> str:
        """The columns (code, bits), most significant first, then a digest of ``iri`` in the bits left."""
        n, left = 0, _BITS
        for code, width in columns:
            take = min(width, left)
            if take <= 0:
                break
            n = (n << take) | (code >> (width - take))
            left -= take
        if left:
            digest = int.from_bytes(hashlib.blake2b(iri.encode(), digest_size=16).digest(), "big")
            n = (n << left) | (digest >> (128 - left))
        return _decimal(n)


class _Labels:
    """Labels and types of what claims name, as the queries show them, and their codes."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        texts = [e.label for e in registry.entities.values()] + [k.label for k in registry.kinds.values()]
        self.packer = _Packer([*texts, *relations(), *_ROLE_OF_OPERATION, *_WHEN.values()])
        self._codes: dict[str | None, tuple[int, int]] = {}

    def of(self, entity_id: str | None) -> str:
        entity = self.registry.entities.get(entity_id or "")
        return entity.label if entity is not None else (entity_id or "")

    def code(self, entity_id: str | None) -> tuple[int, int]:
        """The entity's label as a sort column."""
        found = self._codes.get(entity_id)
        if found is None:
            found = self._codes[entity_id] = (self.packer.text(self.of(entity_id)), self.packer.width)
        return found

    def word(self, text: str | None) -> tuple[int, int]:
        """Any text as a sort column."""
        return self.packer.text(text or ""), self.packer.width

    def kind(self, kind_id: str | None) -> tuple[int, int]:
        kind = self.registry.kinds.get(kind_id or "")
        return self.word(kind.label if kind is not None else "")

    def is_a(self, entity_id: str | None, cls: str) -> bool:
        entity = self.registry.entities.get(entity_id or "")
        return entity is not None and (entity.type == cls or cls in SUPERCLASSES.get(entity.type, ()))

    def object(self, claim: Claim) -> tuple[int, int]:
        """What the ``objectLabel`` / ``quantity`` columns show: a quantity by its value, a label, a literal."""
        if claim.quantity is not None:
            return self.packer.either(claim.quantity.value)
        if claim.object is not None:
            return self.packer.either(self.of(claim.object))
        return self.packer.either(claim.literal or "")


class ListingRows:
    """The listing rows of claim groups, timeline entries and actors, one piece at a time.

    :func:`compile_listings` yields them all; an in-place change (:mod:`kg.incremental`) asks only
    for the groups, entries and actors it changed.
    """

    def __init__(self, registry: Registry, terms: Terms = RDFLIB_TERMS) -> None:
        self.t, self.v = terms, ConstantTerms.of(terms)
        self.rank = self.v.kg["rank"]
        self.graphs = {name: terms.iri(listing_graph(name)) for name in LISTINGS}
        self.labels = _Labels(registry)
        self.relation_names = relations()

    def _row(self, name: str, columns: Sequence[tuple[int, int]], iri: str, node) -> Quad:
        return self.t.quad(
            node, self.rank, decimal_term(self.t, self.labels.packer.key(columns, iri)), self.graphs[name]
        )

    def claims(self, group) -> Iterator[Quad]:
        """The rows of the group's claims in the claim listings."""
        labels, row, t = self.labels, self._row, self.t
        topic = group.key[1]
        group_kind = group.key[3] if group.key[0] == "quantity" else None
        for m in group.members:
            claim, outlet, iri = m.claim, labels.code(m.outlet), str(m.iri)
            node = t.iri(m.iri)
            subject_is_actor = labels.is_a(claim.subject, "Actor")
            if claim.predicate in self.relation_names and subject_is_actor:
                columns = (labels.code(claim.subject), labels.word(claim.predicate), labels.object(claim), outlet)
                yield row("actor-actions", columns, iri, node)
            if claim.predicate in _ROLE_OF_ACTOR and labels.is_a(claim.object, "Operation") and claim.subject:
                columns = (labels.code(claim.object), labels.word(claim.predicate), labels.code(claim.subject), outlet)
                yield row("operations", columns, iri, node)
            elif claim.predicate in _ROLE_OF_OPERATION and labels.is_a(claim.subject, "Operation") and claim.object:
                columns = (labels.code(claim.subject), labels.word(claim.predicate), labels.code(claim.object), outlet)
                yield row("operations", columns, iri, node)
            if claim.quantity is not None and labels.is_a(claim.about, "Operation"):
                quantity = claim.quantity
                columns = (
                    labels.code(claim.about),
                    labels.kind(quantity.kind),
                    (_number(quantity.value), _NUMBER_BITS),
                    outlet,
                )
                yield row("operation-quantities", columns, iri, node)
            if m.status == "conflicting":
                columns = (labels.code(topic), labels.kind(group_kind), labels.object(claim), outlet)
                yield row("conflicting-claims", columns, iri, node)

    def timeline(self, groups: Iterable) -> Iterator[tuple[str, list[Quad]]]:
        """The timeline's entries the groups' dated claims make: (the entry's IRI, its quads), by entry."""
        dates: dict[tuple[str, str, str], dict] = {}
        for group in groups:
            for m in group.members:
                claim = m.claim
                if claim.predicate in _WHEN and claim.literal:
                    entry = dates.setdefault((claim.subject, claim.predicate, claim.literal), {"outlets": set()})
                    entry["outlets"].add(m.original or m.outlet)
                    entry["contested"] = entry.get("contested", False) or m.status == "conflicting"
        t, v = self.t, self.v
        q, kg, g = t.quad, v.kg, self.graphs["timeline"]
        for (event, predicate, date), entry in sorted(dates.items()):
            iri = timeline_iri(event, predicate, date)
            node = t.iri(iri)
            columns = ((_date(date), 4 * _DATE_CHARS), self.labels.code(event), self.labels.word(_WHEN[predicate]))
            yield (
                str(iri),
                [
                    self._row("timeline", columns, str(iri), node),
                    q(node, v.type, kg["TimelineEntry"], g),
                    q(node, kg["topic"], t.iri(entity_iri(event)), g),
                    q(node, kg["groupPredicate"], t.iri(predicate_iri(predicate)), g),
                    q(node, kg["date"], date_term(t, date), g),
                    q(node, kg["outletCount"], int_term(t, len(entry["outlets"])), g),
                    q(node, kg["contested"], v.true if entry["contested"] else v.false, g),
                ],
            )

    def actor(self, entity_id: str, mentions: int) -> Iterator[Quad]:
        """The entity's row in the ``actors`` listing (most mentioned first), if it is an actor."""
        if self.labels.is_a(entity_id, "Actor"):
            most_first = _MOST_MENTIONS - min(mentions, _MOST_MENTIONS)
            iri = entity_iri(entity_id)
            yield self._row("actors", ((most_first, 40), self.labels.code(entity_id)), str(iri), self.t.iri(iri))


def timeline_key(claim: Claim) -> str | None:
    """The IRI of the timeline entry a claim counts in (its subject, predicate and date), if any: claims
    with one key make one entry, whatever groups they are in."""
    if claim.predicate in _WHEN and claim.literal:
        return str(timeline_iri(claim.subject, claim.predicate, claim.literal))
    return None


def compile_listings(
    groups: Iterable,
    registry: Registry,
    terms: Terms = RDFLIB_TERMS,
    mention_counts: dict[str, int] | None = None,
) -> Iterator[Quad]:
    """The listing indexes of the claim groups (``crosssource.compare``) and of the registry's actors.

    Yields each row's key (``kg:rank``), and the timeline's entries; actors sort by mentions (most
    first), then label.
    """
    rows = ListingRows(registry, terms)
    groups = list(groups)
    for group in groups:
        yield from rows.claims(group)
    for _, quads in rows.timeline(groups):
        yield from quads
    counts = mention_counts or {}
    for entity_id in registry.entities:
        yield from rows.actor(entity_id, counts.get(entity_id, 0))
