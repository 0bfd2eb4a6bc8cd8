"""The floor under the compiler and the stores: how RDF terms are made, and the IRIs kg mints.

A :class:`Terms` factory makes the terms of the quads the compiler yields: rdflib terms
(:data:`RDFLIB_TERMS`) or, in a subclass, another library's (the embedded store builds pyoxigraph
terms directly). :class:`ConstantTerms` holds the terms every quad repeats, made once per factory.
Every IRI is derived from the corpus, so compiling the same corpus twice gives the same quads.

Examples
--------
>>> entity_iri("tajikistan")
rdflib.term.URIRef('https://kg.example.org/id/tajikistan')
>>> date_literal("2019-05")
rdflib.term.Literal('2019-05', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYearMonth'))
>>> int_term(RDFLIB_TERMS, 84)
rdflib.term.Literal('84', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from typing import Any

from rdflib import PROV, RDF, RDFS, SDO, SKOS, XSD, Literal, URIRef

from .model import Claim, Statement
from .namespace import GRAPH, ID, KG, OA, SEM
from .vocab import DATE_DATATYPES, ENTITY_TYPES, STATUS_IRI, date_datatype, date_precision, entity_class

__all__ = [
    "CROSSSOURCE_GRAPH",
    "ONTOLOGY_GRAPH",
    "RDFLIB_TERMS",
    "REGISTRY_GRAPH",
    "ConstantTerms",
    "Quad",
    "Terms",
    "article_graph",
    "article_iri",
    "claim_iri",
    "claim_key",
    "date_literal",
    "date_term",
    "decimal_term",
    "digest",
    "entity_iri",
    "group_iri",
    "id_segment",
    "int_term",
    "kind_iri",
    "number_term",
    "predicate_iri",
    "quantity_iri",
    "statement_iri",
    "timeline_iri",
]

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]
"""``(subject, predicate, object, graph)``, in the kind of terms of a :class:`Terms` factory."""

REGISTRY_GRAPH = GRAPH.registry
"""Entities, their labels, aliases and roles, and quantity kinds."""
ONTOLOGY_GRAPH = GRAPH.ontology
"""The ontology (``ontology/kg.ttl``)."""
CROSSSOURCE_GRAPH = GRAPH.crosssource
"""What is computed across articles: claim groups, statuses, counts."""


# --- the IRIs kg mints ------------------------------------------------------------------------


def digest(*parts: object) -> str:
    """A short stable hash of ``parts`` (12 hex digits), for IRIs derived from content.

    >>> digest("a1", 13, 45)
    '1cb32001836f'
    """
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


# What an IRI path segment may hold as it is (RFC 3987 ``ipchar``), less "%": written encoded, so
# that two names never mint one id. The ranges are RFC 3987's ``ucschar``.
_PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")
_SEGMENT_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@")
_UCSCHAR = (
    (0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF),
    *((plane, plane + 0xFFFD) for plane in range(0x10000, 0xE0000, 0x10000)),
    (0xE1000, 0xEFFFD),
)  # fmt: skip


def _segment_char(char: str) -> bool:
    code = ord(char)
    if code < 0x80:
        return char in _SEGMENT_ASCII
    return any(low <= code <= high for low, high in _UCSCHAR)


def id_segment(name: str) -> str:
    """``name`` as one segment of the path of an IRI kg mints (an article id from its file name).

    A name an IRI may hold stays as it is (``000_39d5fae97a4a7a49``, ``Пресс-релиз``); any other
    character is percent-encoded as UTF-8 (``%`` too, so that two names never give one id).

    Parameters
    ----------
    name : str
        A file name without its suffix, or any text.

    Returns
    -------
    str

    Examples
    --------
    >>> id_segment("2019-05 afp")
    '2019-05%20afp'
    >>> id_segment('a"<#>\\\\{}%\\nb')
    'a%22%3C%23%3E%5C%7B%7D%25%0Ab'
    >>> article_iri(id_segment("afp 47"))
    rdflib.term.URIRef('https://kg.example.org/id/article/afp%2047')
    """
    if name in (".", ".."):  # a path step, not a name
        return name.replace(".", "%2E")
    if _PLAIN_SEGMENT.fullmatch(name):
        return name
    parts = []
    for char in name:
        if _segment_char(char):
            parts.append(char)
        else:
            try:
                raw = char.encode("utf-8", "surrogateescape")  # a byte of a file name that is not UTF-8
            except UnicodeEncodeError:
                raw = char.encode("utf-8", "surrogatepass")
            parts.append("".join(f"%{byte:02X}" for byte in raw))
    return "".join(parts)


def entity_iri(entity_id: str) -> URIRef:
    """``id:ENTITY`` for a registry entity."""
    return ID[entity_id]


def kind_iri(kind_id: str) -> URIRef:
    """``id:kind/KIND`` for a quantity kind."""
    return ID[f"kind/{kind_id}"]


def article_iri(article_id: str) -> URIRef:
    """``id:article/NAME``: the article as a ``schema:NewsArticle``."""
    return ID[f"article/{article_id}"]


def article_graph(article_id: str) -> URIRef:
    """``graph:article/NAME``: the named graph of everything the article asserts."""
    return GRAPH[f"article/{article_id}"]


def predicate_iri(name: str) -> URIRef:
    """``repatriated`` -> ``kg:repatriated``; ``sem:hasBeginTimeStamp`` -> SEM's term."""
    if name.startswith("sem:"):
        return SEM[name[4:]]
    return KG[name]


def claim_key(claim: Claim) -> str:
    """A stable id for a claim within its article: what it says and where."""
    obj = claim.object or claim.literal or (claim.quantity and repr(claim.quantity))
    parts = [claim.span.start, claim.span.end, claim.subject, claim.predicate, obj, claim.speaker]
    # what a figure counts as (plan, running total, as of when) tells apart two claims of one span;
    # the defaults add nothing, so the ids of claims without them do not change
    if claim.modality != "actual" or claim.scope or claim.as_of:
        parts += [claim.modality, claim.scope, claim.as_of]
    return digest(*parts)


def claim_iri(article_id: str, claim: Claim, key: str | None = None) -> URIRef:
    """``id:claim/ARTICLE/KEY``; ``key`` is :func:`claim_key` of ``claim`` when already known."""
    return ID[f"claim/{article_id}/{key or claim_key(claim)}"]


def quantity_iri(article_id: str, claim: Claim, key: str | None = None) -> URIRef:
    """``id:quantity/ARTICLE/KEY``: the quantity a claim gives as its object."""
    return ID[f"quantity/{article_id}/{key or claim_key(claim)}"]


def statement_iri(article_id: str, statement: Statement) -> URIRef:
    """``id:statement/ARTICLE/KEY`` for attributed speech."""
    key = digest(statement.span.start, statement.span.end, statement.speaker, statement.about)
    return ID[f"statement/{article_id}/{key}"]


def group_iri(key: tuple) -> URIRef:
    """``id:group/HASH`` for the claim group of a comparison key."""
    return ID[f"group/{digest(*key)}"]


def timeline_iri(event: str, predicate: str, date: str) -> URIRef:
    """``id:timeline/HASH``: one date of an event, as a timeline entry."""
    return ID[f"timeline/{digest(event, predicate, date)}"]


def date_literal(value: str) -> Literal:
    """``2019-05-10`` as ``xsd:date``, ``2019-05`` as ``xsd:gYearMonth``, ``2019`` as ``xsd:gYear``."""
    return Literal(value, datatype=date_datatype(value))


# --- term factories -----------------------------------------------------------------------------


class Terms:
    """How the compiler makes terms: rdflib terms (this class) or another library's (a subclass).

    The store overrides it to build pyoxigraph terms directly: creating an rdflib ``Literal`` costs
    ten times more than the quad it ends up in, and a corpus has millions of them.
    """

    def iri(self, value: str) -> Any:
        """An IRI term."""
        return value if type(value) is URIRef else URIRef(value)

    def literal(self, lexical: str, datatype: str | None = None) -> Any:
        """A literal term: a plain string, or ``lexical`` typed with the IRI ``datatype``."""
        return Literal(lexical) if datatype is None else Literal(lexical, datatype=URIRef(datatype))

    def quad(self, s: Any, p: Any, o: Any, g: Any) -> Any:
        """A quad of terms this factory made."""
        return s, p, o, g

    def convert(self, term: Any) -> Any:
        """An rdflib term (from a parsed graph) in this factory's kind."""
        return term


RDFLIB_TERMS = Terms()
"""The rdflib term factory."""

_XSD_INTEGER, _XSD_DECIMAL, _XSD_BOOLEAN = str(XSD.integer), str(XSD.decimal), str(XSD.boolean)
# by length: the hot path looks a datatype up without parsing the date again
_DATE_TYPE_NAMES = {
    len(example): str(DATE_DATATYPES[date_precision(example)]) for example in ("2019", "2019-05", "2019-05-10")
}


class ConstantTerms:
    """The constant terms the compiler emits, made once per term factory (see :meth:`of`)."""

    def __init__(self, t: Terms) -> None:
        i = t.iri
        self.type, self.label, self.alt, self.comment = i(RDF.type), i(RDFS.label), i(SKOS.altLabel), i(RDFS.comment)
        self.broader, self.subject, self.predicate, self.object = (
            i(SKOS.broader), i(RDF.subject), i(RDF.predicate), i(RDF.object),
        )  # fmt: skip
        self.statement_class = i(RDF.Statement)
        self.kg = {name: i(KG[name]) for name in KG.__annotations__}
        self.prov_attributed, self.prov_derived, self.prov_entity = (
            i(PROV.wasAttributedTo), i(PROV.wasDerivedFrom), i(PROV.Entity),
        )  # fmt: skip
        self.oa = {name: i(OA[name]) for name in (
            "SpecificResource", "hasSource", "hasSelector", "TextQuoteSelector", "exact", "prefix", "suffix",
            "TextPositionSelector", "start", "end", "Annotation", "motivatedBy", "identifying", "hasBody", "hasTarget",
        )}  # fmt: skip
        self.sdo = {name: i(SDO[name]) for name in (
            "NewsArticle", "headline", "publisher", "author", "datePublished", "inLanguage", "url", "text",
        )}  # fmt: skip
        self.true, self.false = t.literal("true", _XSD_BOOLEAN), t.literal("false", _XSD_BOOLEAN)
        self.entity_class = {name: i(entity_class(name)) for name in ENTITY_TYPES}
        self.status = {name: i(iri) for name, iri in STATUS_IRI.items()}

    @classmethod
    def of(cls, t: Terms) -> ConstantTerms:
        """The constant terms of the factory ``t``, made on first use and kept on it."""
        constants = t.__dict__.get("_constants")
        if constants is None:
            constants = t.__dict__["_constants"] = cls(t)
        return constants


def int_term(t: Terms, n: int) -> Any:
    """``n`` as an ``xsd:integer`` literal of the factory ``t``."""
    return t.literal(str(n), _XSD_INTEGER)


def decimal_term(t: Terms, value: object) -> Any:
    """``value`` as an ``xsd:decimal`` literal of the factory ``t``."""
    return t.literal(str(value), _XSD_DECIMAL)


def number_term(t: Terms, value: object) -> Any:
    """A number as ``xsd:integer`` when it is whole, else ``xsd:decimal``.

    >>> number_term(RDFLIB_TERMS, Decimal("360.0")).datatype == XSD.integer
    True
    """
    if isinstance(value, int):
        return int_term(t, value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int_term(t, int(value))
    return decimal_term(t, value)


def date_term(t: Terms, value: str) -> Any:
    """A partial date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) as a typed literal of the factory ``t``."""
    return t.literal(value, _DATE_TYPE_NAMES[len(value)])
