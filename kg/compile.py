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
from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal

from rdflib import PROV, RDF, RDFS, SDO, SKOS, XSD, Literal, URIRef

from .model import ACTOR_TYPES, Annotated, Claim, Corpus, Operation, Registry, Statement
from .namespace import GRAPH, ID, KG, OA, SEM
from .ontology import read_ontology

__all__ = [
    "RDFLIB_TERMS",
    "Quad",
    "Terms",
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
    "mention_counts",
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


_SUPERCLASSES = {
    **{actor: ("Actor",) for actor in ACTOR_TYPES},
    "Country": ("Actor", "Place"),
    "Operation": ("Event",),
}


class Terms:
    """How the compiler makes terms: rdflib terms (this class) or another library's (a subclass).

    The store overrides it to build pyoxigraph terms directly: creating an rdflib ``Literal`` costs
    ten times more than the quad it ends up in, and a corpus has millions of them.
    """

    def iri(self, value: str) -> URIRef:
        return value if type(value) is URIRef else URIRef(value)

    def literal(self, lexical: str, datatype: str | None = None) -> Literal:
        return Literal(lexical) if datatype is None else Literal(lexical, datatype=URIRef(datatype))

    def quad(self, s, p, o, g):
        return s, p, o, g

    def convert(self, term):
        """An rdflib term (from a parsed graph) in this factory's kind."""
        return term


RDFLIB_TERMS = Terms()

_XSD_INTEGER, _XSD_DECIMAL, _XSD_BOOLEAN = str(XSD.integer), str(XSD.decimal), str(XSD.boolean)
_DATE_TYPE_NAMES = {10: str(XSD.date), 7: str(XSD.gYearMonth), 4: str(XSD.gYear)}


class _Vocab:
    """The constant terms the compiler emits, made once per term factory."""

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
        self.entity_class = {name: i(cls) for name, cls in _ENTITY_CLASS.items()}

    @classmethod
    def of(cls, t: Terms) -> _Vocab:
        vocab = t.__dict__.get("_vocab")
        if vocab is None:
            vocab = t.__dict__["_vocab"] = cls(t)
        return vocab


def _int(t: Terms, n: int):
    return t.literal(str(n), _XSD_INTEGER)


def _date(t: Terms, value: str):
    return t.literal(value, _DATE_TYPE_NAMES[len(value)])


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
    t, v = terms, _Vocab.of(terms)
    q, lit = t.quad, t.literal
    g = t.iri(REGISTRY_GRAPH)
    for entity in registry.entities.values():
        node = t.iri(entity_iri(entity.id))
        yield q(node, v.type, v.entity_class[entity.type], g)
        # the superclasses too, so that queries find every actor, place or event with one triple
        for superclass in _SUPERCLASSES.get(entity.type, ()):
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


def _provenance(t: Terms, v: _Vocab, node, item: Claim | Statement, article, g) -> Iterator[Quad]:
    q = t.quad
    yield q(node, v.prov_attributed, t.iri(ID + item.speaker), g)
    yield q(node, v.prov_derived, article, g)
    if item.date:
        yield q(node, v.kg["statedOn"], _date(t, item.date), g)
    if item.about:
        yield q(node, v.kg["about"], t.iri(ID + item.about), g)
    provenance = item.provenance
    yield q(node, v.kg["method"], v.kg["Machine"] if provenance.method == "machine" else v.kg["Curated"], g)
    if provenance.component:
        yield q(node, v.kg["component"], t.literal(provenance.component), g)
    if provenance.confidence is not None:
        yield q(node, v.kg["confidence"], t.literal(str(round(provenance.confidence, 4)), _XSD_DECIMAL), g)


def _evidence(t: Terms, v: _Vocab, node: str, text: str, start: int, end: int, article, g) -> Iterator[Quad]:
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
    yield q(position, oa["start"], _int(t, start), g)
    yield q(position, oa["end"], _int(t, end), g)


def _article(t: Terms, v: _Vocab, a, node, g) -> Iterator[Quad]:
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
        yield q(node, sdo["datePublished"], _date(t, a.published), g)
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


def compile_article(annotated: Annotated, terms: Terms = RDFLIB_TERMS) -> Iterator[Quad]:
    """Everything one article asserts, in its own named graph ``graph:article/NAME``.

    The plain triples (``id:tajikistan kg:repatriated id:quantity/...``), the claims that reify
    them with speaker, date and quote, statements and mentions.

    Parameters
    ----------
    annotated : Annotated
        The article and its annotations.
    terms : Terms
        The term factory; rdflib terms by default.
    """
    t, v = terms, _Vocab.of(terms)
    q, kg = t.quad, v.kg
    a = annotated.article
    g = t.iri(article_graph(a.id))
    article = t.iri(article_iri(a.id))
    yield from _article(t, v, a, article, g)
    text = a.text

    for claim in claims_of(annotated):
        key = claim_key(claim)
        name = f"{ID}claim/{a.id}/{key}"
        node = t.iri(name)
        subject, predicate = t.iri(ID + claim.subject), t.iri(predicate_iri(claim.predicate))
        if claim.quantity is not None:
            obj = t.iri(f"{ID}quantity/{a.id}/{key}")
            yield from _quantity(t, v, obj, claim, g)
        elif claim.literal is not None:
            obj = _date(t, claim.literal)
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
            yield q(node, kg["confidence"], t.literal(str(round(provenance.confidence, 4)), _XSD_DECIMAL), g)
        yield from _evidence(t, v, name, text, mention.span.start, mention.span.end, article, g)


def _number(t: Terms, value: object):
    if isinstance(value, int):
        return _int(t, value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return _int(t, int(value))
    return t.literal(str(value), _XSD_DECIMAL)


def _quantity(t: Terms, v: _Vocab, node, claim: Claim, g) -> Iterator[Quad]:
    quantity = claim.quantity
    assert quantity is not None
    q, kg = t.quad, v.kg
    yield q(node, v.type, kg["Quantity"], g)
    yield q(node, v.label, t.literal(quantity.label), g)
    if quantity.value is not None:
        yield q(node, kg["value"], _number(t, quantity.value), g)
    lower, upper = quantity.interval
    if lower is not None:
        yield q(node, kg["lowerBound"], _number(t, lower), g)
    if upper is not None:
        yield q(node, kg["upperBound"], _number(t, upper), g)
    yield q(node, kg["approximate"], v.true if quantity.approximate else v.false, g)
    if quantity.counted:
        yield q(node, kg["counted"], t.literal(quantity.counted), g)
    if quantity.kind:
        yield q(node, kg["kind"], t.iri(kind_iri(quantity.kind)), g)


def compile_corpus(corpus: Corpus, *, ontology: bool = True, terms: Terms = RDFLIB_TERMS) -> Iterator[Quad]:
    """Every quad of a corpus: ontology, registry, articles, and what is computed across them."""
    from .crosssource import compare_claims, compile_crosssource

    if ontology:
        yield from compile_ontology(terms)
    yield from compile_registry(corpus.registry, terms)
    for annotated in corpus.articles:
        yield from compile_article(annotated, terms)
    outlets = Counter(a.article.outlet for a in corpus.articles)
    groups = compare_claims(corpus)
    yield from compile_crosssource(groups, corpus.registry, mention_counts(corpus.articles), terms, outlets)


def mention_counts(articles: Iterable[Annotated]) -> Counter[str]:
    """How many mentions name each entity."""
    counts: Counter[str] = Counter()
    for annotated in articles:
        for mention in annotated.mentions:
            counts.update(mention.entities)
    return counts


def to_dataset(quads: Iterable[Quad]):
    """The quads as an in-memory ``rdflib.Dataset`` (for small graphs and tests)."""
    from rdflib import Dataset

    ds = Dataset()
    for s, p, o, g in quads:
        ds.add((s, p, o, g))
    return ds
