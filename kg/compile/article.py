"""One article (and the registry, and the ontology) as RDF quads (``docs/data-model.md``).

Quads are 4-tuples ``(subject, predicate, object, graph)`` of the terms a :class:`~kg.terms.Terms`
factory makes (rdflib terms by default); every IRI is derived from the corpus, so compiling the
same corpus twice gives the same quads.

Examples
--------
>>> from kg.model import Article, Claim, Quantity, Span, Annotated
>>> from kg.namespace import GRAPH, ID, KG
>>> from kg.terms import quantity_iri
>>> text = "On April 30, Tajikistan repatriated 84 minors from Iraq."
>>> article = Article(id="a1", text=text, title="t", outlet="afp")
>>> claim = Claim(span=Span.of(text, "Tajikistan repatriated 84 minors"), speaker="afp",
...               subject="tajikistan", predicate="repatriated",
...               quantity=Quantity(value=84, counted="minors", kind="children"))
>>> quads = list(compile_article(Annotated(article=article, claims=[claim])))
>>> (ID.tajikistan, KG.repatriated, quantity_iri("a1", claim), GRAPH["article/a1"]) in quads
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from rdflib import XSD

from ..model import Annotated, Claim, Operation, Registry, Statement
from ..namespace import ID
from ..ontology import read_ontology
from ..terms import (
    ONTOLOGY_GRAPH,
    RDFLIB_TERMS,
    REGISTRY_GRAPH,
    ConstantTerms,
    Quad,
    Terms,
    article_graph,
    article_iri,
    claim_key,
    date_term,
    decimal_term,
    entity_iri,
    int_term,
    kind_iri,
    number_term,
    predicate_iri,
    statement_iri,
)
from ..vocab import MODALITY_IRI, SCOPE_IRI, SUPERCLASSES

__all__ = [
    "KeyedClaim",
    "claims_of",
    "compile_article",
    "compile_ontology",
    "compile_registry",
    "keyed_claims",
]

KeyedClaim = tuple[Claim, str]
"""A claim and its :func:`~kg.terms.claim_key`, computed once per build."""

_CONTEXT = 32
"""Characters of prefix and suffix kept with a TextQuoteSelector."""


def compile_ontology(terms: Terms = RDFLIB_TERMS) -> Iterator[Quad]:
    """The ontology's triples, in ``graph:ontology``.

    Its blank nodes (OWL lists and unions) get canonical labels, so every build writes the same
    graph byte for byte.
    """
    from rdflib.compare import to_canonical_graph

    g = terms.iri(ONTOLOGY_GRAPH)
    c = terms.convert
    for s, p, o in to_canonical_graph(read_ontology()):
        yield terms.quad(c(s), c(p), c(o), g)


def compile_registry(registry: Registry, terms: Terms = RDFLIB_TERMS) -> Iterator[Quad]:
    """Entities, their labels, aliases and roles, and quantity kinds, in ``graph:registry``."""
    t, v = terms, ConstantTerms.of(terms)
    q, lit = t.quad, t.literal
    g = t.iri(REGISTRY_GRAPH)
    for entity in registry.entities.values():
        node = t.iri(entity_iri(entity.id))
        yield q(node, v.type, v.entity_class[entity.type], g)
        # the superclasses too, so that queries find every actor, place or event with one triple
        for superclass in SUPERCLASSES[entity.type]:
            yield q(node, v.type, v.kg[superclass], g)
        yield q(node, v.label, lit(entity.label), g)
        for alias in dict.fromkeys(entity.aliases):
            if alias != entity.label:
                yield q(node, v.alt, lit(alias), g)
        if entity.description:
            yield q(node, v.comment, lit(entity.description), g)
        for role in entity.roles:
            yield q(node, v.kg["roleTitle"], lit(role.title), g)
        if entity.phase_of:
            yield q(node, v.kg["phaseOf"], t.iri(entity_iri(entity.phase_of)), g)
    for kind in registry.kinds.values():
        node = t.iri(kind_iri(kind.id))
        yield q(node, v.type, v.kg["QuantityKind"], g)
        yield q(node, v.label, lit(kind.label), g)
        for alias in kind.aliases:
            yield q(node, v.alt, lit(alias), g)
        if kind.broader:
            yield q(node, v.broader, t.iri(kind_iri(kind.broader)), g)


def claims_of(annotated: Annotated) -> list[Claim]:
    """The article's claims: those annotated, and one per fact of each event entry."""
    claims = list(annotated.claims)
    for op in annotated.operations:
        claims.extend(_operation_claims(op))
    return claims


def keyed_claims(annotated: Annotated) -> list[KeyedClaim]:
    """The article's claims (:func:`claims_of`), each with its :func:`~kg.terms.claim_key`.

    The key names the claim's IRI (``id:claim/ARTICLE/KEY``) and its quantity's; the build hashes
    each claim once and passes the keys to :func:`compile_article` and the cross-source comparison.
    """
    return [(claim, claim_key(claim)) for claim in claims_of(annotated)]


def _operation_claims(op: Operation) -> Iterator[Claim]:
    def make(predicate: str, obj: str | None = None, literal: str | None = None) -> Claim:
        return Claim(
            span=op.span,
            speaker=op.speaker,
            subject=op.event,
            predicate=predicate,
            object=obj,
            literal=literal,
            date=op.date,
            provenance=op.provenance,
            line=op.line,
        )

    for field, predicate in (
        ("start", "sem:hasBeginTimeStamp"),
        ("end", "sem:hasEndTimeStamp"),
        ("on", "sem:hasTimeStamp"),
    ):
        value = getattr(op, field)
        if value:
            yield make(predicate, literal=value)
    for field, predicate in (
        ("agents", "agent"),
        ("partners", "partner"),
        ("origin", "origin"),
        ("destination", "destination"),
    ):
        for entity_id in getattr(op, field):
            yield make(predicate, obj=entity_id)
    if op.phase_of:
        yield make("phaseOf", obj=op.phase_of)


def _provenance(t: Terms, v: ConstantTerms, node, item: Claim | Statement, article, g) -> Iterator[Quad]:
    q = t.quad
    yield q(node, v.prov_attributed, t.iri(ID + item.speaker), g)
    yield q(node, v.prov_derived, article, g)
    if item.date:
        yield q(node, v.kg["statedOn"], date_term(t, item.date), g)
    if item.about:
        yield q(node, v.kg["about"], t.iri(ID + item.about), g)
    provenance = item.provenance
    yield q(node, v.kg["method"], v.kg["Machine"] if provenance.method == "machine" else v.kg["Curated"], g)
    if provenance.component:
        yield q(node, v.kg["component"], t.literal(provenance.component), g)
    if provenance.confidence is not None:
        yield q(node, v.kg["confidence"], decimal_term(t, round(provenance.confidence, 4)), g)


def _evidence(t: Terms, v: ConstantTerms, node: str, text: str, start: int, end: int, article, g) -> Iterator[Quad]:
    """Anchor ``node`` to ``text[start:end]`` with the Web Annotation selectors."""
    q, lit, oa = t.quad, t.literal, v.oa
    evidence, quote, position = t.iri(node + "#evidence"), t.iri(node + "#quote"), t.iri(node + "#position")
    yield q(evidence, v.type, oa["SpecificResource"], g)
    yield q(evidence, oa["hasSource"], article, g)
    yield q(evidence, oa["hasSelector"], quote, g)
    yield q(evidence, oa["hasSelector"], position, g)
    yield q(quote, v.type, oa["TextQuoteSelector"], g)
    yield q(quote, oa["exact"], lit(text[start:end]), g)
    yield q(quote, oa["prefix"], lit(text[max(0, start - _CONTEXT) : start]), g)
    yield q(quote, oa["suffix"], lit(text[end : end + _CONTEXT]), g)
    yield q(position, v.type, oa["TextPositionSelector"], g)
    yield q(position, oa["start"], int_term(t, start), g)
    yield q(position, oa["end"], int_term(t, end), g)


def _article(t: Terms, v: ConstantTerms, a, node, g) -> Iterator[Quad]:
    q, lit, sdo, kg = t.quad, t.literal, v.sdo, v.kg
    yield q(node, v.type, sdo["NewsArticle"], g)
    yield q(node, v.type, v.prov_entity, g)
    yield q(node, sdo["headline"], lit(a.title), g)
    yield q(node, sdo["publisher"], t.iri(ID + a.outlet), g)
    for outlet in a.via:
        yield q(node, kg["via"], t.iri(ID + outlet), g)
    if a.author:
        yield q(node, sdo["author"], lit(a.author), g)
    if a.published:
        yield q(node, sdo["datePublished"], date_term(t, a.published), g)
        yield q(node, kg["datePublishedInferred"], v.true if a.published_inferred else v.false, g)
    if a.published_basis:
        yield q(node, kg["datePublishedBasis"], lit(a.published_basis), g)
    yield q(node, sdo["inLanguage"], lit(a.language), g)
    if a.url:
        yield q(node, sdo["url"], lit(a.url, str(XSD.anyURI)), g)
    yield q(node, sdo["text"], lit(a.text), g)
    if a.source_file:
        yield q(node, kg["sourceFile"], lit(a.source_file), g)
    yield q(node, kg["contentHash"], lit(hashlib.sha256(a.text.encode()).hexdigest()), g)


def compile_article(
    annotated: Annotated, terms: Terms = RDFLIB_TERMS, *, claims: list[KeyedClaim] | None = None
) -> Iterator[Quad]:
    """Everything one article asserts, in its own named graph ``graph:article/NAME``.

    The plain triples (``id:tajikistan kg:repatriated id:quantity/...``), the claims that reify
    them with speaker, date and quote, statements and mentions.

    Parameters
    ----------
    annotated : Annotated
        The article and its annotations.
    terms : Terms
        The term factory; rdflib terms by default.
    claims : list of (Claim, str), optional
        :func:`keyed_claims` of ``annotated``, when the caller has them already.
    """
    t, v = terms, ConstantTerms.of(terms)
    q, kg = t.quad, v.kg
    a = annotated.article
    g = t.iri(article_graph(a.id))
    article = t.iri(article_iri(a.id))
    yield from _article(t, v, a, article, g)
    text = a.text

    for claim, key in keyed_claims(annotated) if claims is None else claims:
        name = f"{ID}claim/{a.id}/{key}"
        node = t.iri(name)
        subject, predicate = t.iri(ID + claim.subject), t.iri(predicate_iri(claim.predicate))
        if claim.quantity is not None:
            obj = t.iri(f"{ID}quantity/{a.id}/{key}")
            yield from _quantity(t, v, obj, claim, g)
        elif claim.literal is not None:
            obj = date_term(t, claim.literal)
        else:
            obj = t.iri(ID + claim.object)  # type: ignore[operator]
        yield q(subject, predicate, obj, g)
        yield q(node, v.type, kg["Claim"], g)
        yield q(node, v.type, v.statement_class, g)
        yield q(node, v.subject, subject, g)
        yield q(node, v.predicate, predicate, g)
        yield q(node, v.object, obj, g)
        yield q(node, kg["evidence"], t.iri(name + "#evidence"), g)
        yield from _provenance(t, v, node, claim, article, g)
        # only what differs from the default, so that claims without them compile as before
        if claim.modality != "actual":
            yield q(node, kg["modality"], t.iri(MODALITY_IRI[claim.modality]), g)
        if claim.scope is not None:
            yield q(node, kg["scope"], t.iri(SCOPE_IRI[claim.scope]), g)
        if claim.as_of is not None:
            yield q(node, kg["asOf"], date_term(t, claim.as_of), g)
        yield from _evidence(t, v, name, text, claim.span.start, claim.span.end, article, g)

    for statement in annotated.statements:
        name = str(statement_iri(a.id, statement))
        node = t.iri(name)
        yield q(node, v.type, kg["Statement"], g)
        yield q(node, kg["evidence"], t.iri(name + "#evidence"), g)
        yield from _provenance(t, v, node, statement, article, g)
        yield from _evidence(t, v, name, text, statement.span.start, statement.span.end, article, g)

    oa = v.oa
    for mention in annotated.mentions:
        name = f"{ID}mention/{a.id}/{mention.span.start}-{mention.span.end}"
        node = t.iri(name)
        yield q(node, v.type, kg["Mention"], g)
        yield q(node, v.type, oa["Annotation"], g)
        yield q(node, oa["motivatedBy"], oa["identifying"], g)
        for entity_id in mention.entities:
            yield q(node, oa["hasBody"], t.iri(ID + entity_id), g)
        yield q(node, kg["surfaceForm"], t.literal(mention.span.quote), g)
        yield q(node, oa["hasTarget"], t.iri(name + "#evidence"), g)
        provenance = mention.provenance
        yield q(node, kg["method"], kg["Machine"] if provenance.method == "machine" else kg["Curated"], g)
        if provenance.component:
            yield q(node, kg["component"], t.literal(provenance.component), g)
        if provenance.confidence is not None:
            yield q(node, kg["confidence"], decimal_term(t, round(provenance.confidence, 4)), g)
        yield from _evidence(t, v, name, text, mention.span.start, mention.span.end, article, g)


def _quantity(t: Terms, v: ConstantTerms, node, claim: Claim, g) -> Iterator[Quad]:
    quantity = claim.quantity
    assert quantity is not None
    q, kg = t.quad, v.kg
    yield q(node, v.type, kg["Quantity"], g)
    yield q(node, v.label, t.literal(quantity.label), g)
    if quantity.value is not None:
        yield q(node, kg["value"], number_term(t, quantity.value), g)
    lower, upper = quantity.interval
    if lower is not None:
        yield q(node, kg["lowerBound"], number_term(t, lower), g)
    if upper is not None:
        yield q(node, kg["upperBound"], number_term(t, upper), g)
    yield q(node, kg["approximate"], v.true if quantity.approximate else v.false, g)
    if quantity.counted:
        yield q(node, kg["counted"], t.literal(quantity.counted), g)
    if quantity.kind:
        yield q(node, kg["kind"], t.iri(kind_iri(quantity.kind)), g)
