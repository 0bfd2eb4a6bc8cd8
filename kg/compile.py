"""From the data model to RDF quads (``docs/data-model.md``).

Quads are 4-tuples of rdflib terms ``(subject, predicate, object, graph)``; every IRI is derived
from the corpus, so compiling the same corpus twice gives the same quads.

Examples
--------
>>> from kg.model import Article, Claim, Quantity, Span, Annotated, Registry, Entity
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
from collections.abc import Iterable, Iterator

from rdflib import PROV, RDF, RDFS, SDO, SKOS, XSD, Literal, URIRef

from .model import Annotated, Claim, Corpus, Operation, Registry, Statement
from .namespace import GRAPH, ID, KG, OA, SEM
from .ontology import read_ontology

__all__ = [
    "Quad",
    "article_iri",
    "claim_iri",
    "claims_of",
    "compile_article",
    "compile_corpus",
    "compile_ontology",
    "compile_registry",
    "date_literal",
    "entity_iri",
    "kind_iri",
    "predicate_iri",
    "quantity_iri",
]

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]

REGISTRY_GRAPH = GRAPH.registry
ONTOLOGY_GRAPH = GRAPH.ontology
CROSSSOURCE_GRAPH = GRAPH.crosssource

_CONTEXT = 32
"""Characters of prefix and suffix kept with a TextQuoteSelector."""


def entity_iri(entity_id: str) -> URIRef:
    return ID[entity_id]


def kind_iri(kind_id: str) -> URIRef:
    return ID[f"kind/{kind_id}"]


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{article_id}"]


def article_graph(article_id: str) -> URIRef:
    return GRAPH[f"article/{article_id}"]


def predicate_iri(name: str) -> URIRef:
    """``repatriated`` -> ``kg:repatriated``; ``sem:hasBeginTimeStamp`` -> SEM's term."""
    if name.startswith("sem:"):
        return SEM[name[4:]]
    return KG[name]


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


def claim_key(claim: Claim) -> str:
    """A stable id for a claim within its article: what it says and where."""
    obj = claim.object or claim.literal or (claim.quantity and repr(claim.quantity))
    return _digest(claim.span.start, claim.span.end, claim.subject, claim.predicate, obj, claim.speaker)


def claim_iri(article_id: str, claim: Claim) -> URIRef:
    return ID[f"claim/{article_id}/{claim_key(claim)}"]


def quantity_iri(article_id: str, claim: Claim) -> URIRef:
    return ID[f"quantity/{article_id}/{claim_key(claim)}"]


def statement_iri(article_id: str, statement: Statement) -> URIRef:
    key = _digest(statement.span.start, statement.span.end, statement.speaker, statement.about)
    return ID[f"statement/{article_id}/{key}"]


_DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}


def date_literal(value: str) -> Literal:
    """``2019-05-10`` as ``xsd:date``, ``2019-05`` as ``xsd:gYearMonth``, ``2019`` as ``xsd:gYear``."""
    return Literal(value, datatype=_DATE_TYPES[len(value)])


_ENTITY_CLASS = {
    "Person": KG.Person,
    "Country": KG.Country,
    "GovernmentBody": KG.GovernmentBody,
    "Organisation": KG.Organisation,
    "ArmedGroup": KG.ArmedGroup,
    "MediaOutlet": KG.MediaOutlet,
    "Group": KG.Group,
    "Place": KG.Place,
    "Operation": KG.Operation,
    "Event": KG.Event,
    "Document": KG.Document,
}


def compile_ontology() -> Iterator[Quad]:
    """The ontology's triples, in ``graph:ontology``.

    Its blank nodes (OWL lists and unions) get canonical labels, so every build writes the same
    graph byte for byte.
    """
    from rdflib.compare import to_canonical_graph

    for s, p, o in to_canonical_graph(read_ontology()):
        yield s, p, o, ONTOLOGY_GRAPH


def compile_registry(registry: Registry) -> Iterator[Quad]:
    """Entities, their labels, aliases and roles, and quantity kinds, in ``graph:registry``."""
    g = REGISTRY_GRAPH
    for entity in registry.entities.values():
        node = entity_iri(entity.id)
        yield node, RDF.type, _ENTITY_CLASS[entity.type], g
        yield node, RDFS.label, Literal(entity.label), g
        for alias in dict.fromkeys(entity.aliases):
            if alias != entity.label:
                yield node, SKOS.altLabel, Literal(alias), g
        if entity.description:
            yield node, RDFS.comment, Literal(entity.description), g
        for role in entity.roles:
            yield node, KG.roleTitle, Literal(role.title), g
        if entity.phase_of:
            yield node, KG.phaseOf, entity_iri(entity.phase_of), g
    for kind in registry.kinds.values():
        node = kind_iri(kind.id)
        yield node, RDF.type, KG.QuantityKind, g
        yield node, RDFS.label, Literal(kind.label), g
        for alias in kind.aliases:
            yield node, SKOS.altLabel, Literal(alias), g
        if kind.broader:
            yield node, SKOS.broader, kind_iri(kind.broader), g


def claims_of(annotated: Annotated) -> list[Claim]:
    """The article's claims: those annotated, and one per fact of each event entry."""
    claims = list(annotated.claims)
    for op in annotated.operations:
        claims.extend(_operation_claims(op))
    return claims


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


def _provenance(node: URIRef, item: Claim | Statement, article_id: str, g: URIRef) -> Iterator[Quad]:
    yield node, PROV.wasAttributedTo, entity_iri(item.speaker), g
    yield node, PROV.wasDerivedFrom, article_iri(article_id), g
    if item.date:
        yield node, KG.statedOn, date_literal(item.date), g
    if item.about:
        yield node, KG.about, entity_iri(item.about), g
    provenance = item.provenance
    yield node, KG.method, KG.Machine if provenance.method == "machine" else KG.Curated, g
    if provenance.component:
        yield node, KG.component, Literal(provenance.component), g
    if provenance.confidence is not None:
        yield node, KG.confidence, Literal(str(round(provenance.confidence, 4)), datatype=XSD.decimal), g


def _evidence(node: URIRef, text: str, start: int, end: int, article_id: str, g: URIRef) -> Iterator[Quad]:
    """Anchor ``node`` to ``text[start:end]`` with the Web Annotation selectors."""
    evidence, quote, position = URIRef(node + "#evidence"), URIRef(node + "#quote"), URIRef(node + "#position")
    yield evidence, RDF.type, OA.SpecificResource, g
    yield evidence, OA.hasSource, article_iri(article_id), g
    yield evidence, OA.hasSelector, quote, g
    yield evidence, OA.hasSelector, position, g
    yield quote, RDF.type, OA.TextQuoteSelector, g
    yield quote, OA.exact, Literal(text[start:end]), g
    yield quote, OA.prefix, Literal(text[max(0, start - _CONTEXT) : start]), g
    yield quote, OA.suffix, Literal(text[end : end + _CONTEXT]), g
    yield position, RDF.type, OA.TextPositionSelector, g
    yield position, OA.start, Literal(start), g
    yield position, OA.end, Literal(end), g


def _article(annotated: Annotated, g: URIRef) -> Iterator[Quad]:
    a = annotated.article
    node = article_iri(a.id)
    yield node, RDF.type, SDO.NewsArticle, g
    yield node, RDF.type, PROV.Entity, g
    yield node, SDO.headline, Literal(a.title), g
    yield node, SDO.publisher, entity_iri(a.outlet), g
    for outlet in a.via:
        yield node, KG.via, entity_iri(outlet), g
    if a.author:
        yield node, SDO.author, Literal(a.author), g
    if a.published:
        yield node, SDO.datePublished, date_literal(a.published), g
        yield node, KG.datePublishedInferred, Literal(a.published_inferred), g
    if a.published_basis:
        yield node, KG.datePublishedBasis, Literal(a.published_basis), g
    yield node, SDO.inLanguage, Literal(a.language), g
    if a.url:
        yield node, SDO.url, Literal(a.url, datatype=XSD.anyURI), g
    yield node, SDO.text, Literal(a.text), g
    if a.source_file:
        yield node, KG.sourceFile, Literal(a.source_file), g
    yield node, KG.contentHash, Literal(hashlib.sha256(a.text.encode()).hexdigest()), g


def compile_article(annotated: Annotated) -> Iterator[Quad]:
    """Everything one article asserts, in its own named graph ``graph:article/NAME``.

    The plain triples (``id:tajikistan kg:repatriated id:quantity/...``), the claims that reify
    them with speaker, date and quote, statements and mentions.
    """
    a = annotated.article
    g = article_graph(a.id)
    yield from _article(annotated, g)
    text = a.text

    for claim in claims_of(annotated):
        node = claim_iri(a.id, claim)
        subject, predicate = entity_iri(claim.subject), predicate_iri(claim.predicate)
        obj: URIRef | Literal
        if claim.quantity is not None:
            obj = quantity_iri(a.id, claim)
            yield from _quantity(obj, claim, g)
        elif claim.literal is not None:
            obj = date_literal(claim.literal)
        else:
            obj = entity_iri(claim.object)  # type: ignore[arg-type]
        yield subject, predicate, obj, g
        yield node, RDF.type, KG.Claim, g
        yield node, RDF.type, RDF.Statement, g
        yield node, RDF.subject, subject, g
        yield node, RDF.predicate, predicate, g
        yield node, RDF.object, obj, g
        yield node, KG.evidence, URIRef(node + "#evidence"), g
        yield from _provenance(node, claim, a.id, g)
        yield from _evidence(node, text, claim.span.start, claim.span.end, a.id, g)

    for statement in annotated.statements:
        node = statement_iri(a.id, statement)
        yield node, RDF.type, KG.Statement, g
        yield node, KG.evidence, URIRef(node + "#evidence"), g
        yield from _provenance(node, statement, a.id, g)
        yield from _evidence(node, text, statement.span.start, statement.span.end, a.id, g)

    for mention in annotated.mentions:
        node = ID[f"mention/{a.id}/{mention.span.start}-{mention.span.end}"]
        yield node, RDF.type, KG.Mention, g
        yield node, RDF.type, OA.Annotation, g
        yield node, OA.motivatedBy, OA.identifying, g
        for entity_id in mention.entities:
            yield node, OA.hasBody, entity_iri(entity_id), g
        yield node, KG.surfaceForm, Literal(mention.span.quote), g
        yield node, OA.hasTarget, URIRef(node + "#evidence"), g
        yield node, KG.method, KG.Machine if mention.provenance.method == "machine" else KG.Curated, g
        if mention.provenance.component:
            yield node, KG.component, Literal(mention.provenance.component), g
        if mention.provenance.confidence is not None:
            yield node, KG.confidence, Literal(str(round(mention.provenance.confidence, 4)), datatype=XSD.decimal), g
        yield from _evidence(node, text, mention.span.start, mention.span.end, a.id, g)


def _number(value: object) -> Literal:
    if isinstance(value, int):
        return Literal(value)
    return Literal(str(value), datatype=XSD.decimal)


def _quantity(node: URIRef, claim: Claim, g: URIRef) -> Iterator[Quad]:
    q = claim.quantity
    assert q is not None
    yield node, RDF.type, KG.Quantity, g
    yield node, RDFS.label, Literal(q.label), g
    if q.value is not None:
        yield node, KG.value, _number(q.value), g
    lower, upper = q.interval
    if lower is not None:
        yield node, KG.lowerBound, _number(int(lower) if lower == lower.to_integral_value() else lower), g
    if upper is not None:
        yield node, KG.upperBound, _number(int(upper) if upper == upper.to_integral_value() else upper), g
    yield node, KG.approximate, Literal(q.approximate), g
    if q.counted:
        yield node, KG.counted, Literal(q.counted), g
    if q.kind:
        yield node, KG.kind, kind_iri(q.kind), g


def compile_corpus(corpus: Corpus, *, ontology: bool = True) -> Iterator[Quad]:
    """Every quad of a corpus: ontology, registry, articles, and what is computed across them."""
    from .crosssource import compile_crosssource

    if ontology:
        yield from compile_ontology()
    yield from compile_registry(corpus.registry)
    for annotated in corpus.articles:
        yield from compile_article(annotated)
    yield from compile_crosssource(corpus)


def to_dataset(quads: Iterable[Quad]):
    """The quads as an in-memory ``rdflib.Dataset`` (for small graphs and tests)."""
    from rdflib import Dataset

    ds = Dataset()
    for s, p, o, g in quads:
        ds.add((s, p, o, g))
    return ds
