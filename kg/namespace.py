"""The vocabularies of the graph, as typed rdflib namespaces.

``KG`` is the project's own ontology (``ontology/kg.ttl``); a term missing from it is an error at
import time, as in rdflib's own ``PROV``. ``SEM`` (Simple Event Model) and ``OA`` (W3C Web
Annotation) are the established vocabularies rdflib does not ship.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["BASE", "KG", "OA", "SEM", "ID", "GRAPH", "PREFIXES", "local_name", "short_iri"]

BASE = "https://kg.example.org/"
"""Base of every IRI the project mints (``example.org`` is reserved, so it never collides)."""

ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")


class KG(DefinedNamespace):
    """The kg ontology: actors, operations, claims and their provenance."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # classes: actors
    Actor: URIRef
    Person: URIRef
    Country: URIRef
    GovernmentBody: URIRef
    Organisation: URIRef
    ArmedGroup: URIRef
    MediaOutlet: URIRef
    Group: URIRef
    # classes: places, events, documents
    Place: URIRef
    Event: URIRef
    Operation: URIRef
    Document: URIRef
    # classes: claims and their parts
    Statement: URIRef
    Claim: URIRef
    Quantity: URIRef
    QuantityKind: URIRef
    ClaimGroup: URIRef
    GroupValue: URIRef
    TimelineEntry: URIRef
    ClaimStatus: URIRef
    Mention: URIRef
    AnnotationMethod: URIRef
    Modality: URIRef
    CountScope: URIRef
    Relation: URIRef

    # individuals
    Conflicting: URIRef
    Corroborated: URIRef
    SingleSource: URIRef
    Curated: URIRef
    Machine: URIRef
    Actual: URIRef
    Planned: URIRef
    Estimated: URIRef
    Cumulative: URIRef
    Increment: URIRef

    # relations between entities (the predicates a claim may use); all are kg:Relation
    relatedTo: URIRef
    announced: URIRef
    carriedOut: URIRef
    ordered: URIRef
    repatriated: URIRef
    evacuated: URIRef
    returned: URIRef
    thanked: URIRef
    helped: URIRef
    urged: URIRef
    calledFor: URIRef
    hosted: URIRef
    brokered: URIRef
    participatedIn: URIRef
    signed: URIRef
    joined: URIRef
    leftFor: URIRef
    fought: URIRef
    killed: URIRef
    displaced: URIRef
    detained: URIRef
    arrested: URIRef
    imprisoned: URIRef
    convicted: URIRef
    heldHostage: URIRef
    blocked: URIRef
    monitors: URIRef
    reported: URIRef
    estimated: URIRef
    involved: URIRef
    memberOf: URIRef
    partOf: URIRef
    locatedIn: URIRef
    praised: URIRef
    warned: URIRef
    supports: URIRef
    revokedCitizenshipOf: URIRef

    # operations and events
    agent: URIRef
    partner: URIRef
    origin: URIRef
    destination: URIRef
    phaseOf: URIRef

    # claims
    about: URIRef
    statedOn: URIRef
    evidence: URIRef
    status: URIRef
    modality: URIRef
    scope: URIRef
    asOf: URIRef
    outletCount: URIRef
    originalSource: URIRef
    basis: URIRef
    conflictsWith: URIRef
    corroborates: URIRef
    inGroup: URIRef
    supportsValue: URIRef
    valueOf: URIRef
    agreesWithValue: URIRef
    conflictsWithValue: URIRef
    topic: URIRef
    groupPredicate: URIRef
    claimCount: URIRef
    valueCount: URIRef
    contested: URIRef

    # materialised for fast queries (graph:crosssource)
    outlet: URIRef
    quote: URIRef
    claimDate: URIRef
    articleCount: URIRef
    conflictingCount: URIRef
    corroboratedCount: URIRef
    singleSourceCount: URIRef
    # listing indexes of the named queries (graph:listing-NAME)
    rank: URIRef
    date: URIRef

    # quantities
    value: URIRef
    lowerBound: URIRef
    upperBound: URIRef
    approximate: URIRef
    counted: URIRef
    kind: URIRef

    # provenance of annotations
    method: URIRef
    component: URIRef
    confidence: URIRef

    # articles
    via: URIRef
    datePublishedInferred: URIRef
    datePublishedBasis: URIRef
    sourceFile: URIRef
    contentHash: URIRef

    # entities
    roleTitle: URIRef
    surfaceForm: URIRef
    mentionCount: URIRef

    # analysis results (kg analyze ... --write), in graph:analysis
    degree: URIRef
    betweenness: URIRef
    pagerank: URIRef
    community: URIRef
    analysedAt: URIRef


OA = Namespace("http://www.w3.org/ns/oa#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "id": str(ID),
    "graph": str(GRAPH),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "oa": str(OA),
    "sem": str(SEM),
}
"""Prefixes declared for every query and every serialisation."""


_BY_LENGTH = sorted(((iri, prefix) for prefix, iri in PREFIXES.items()), key=lambda pair: -len(pair[0]))
_PATH_PREFIXES = ("id", "graph")
"""Prefixes whose names may contain ``/`` (``id:claim/a1/...``): the project mints them."""


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/`` (a trailing one ignored).

    Examples
    --------
    >>> local_name("https://kg.example.org/ontology#leftFor")
    'leftFor'
    >>> local_name("http://semanticweb.cs.vu.nl/2009/11/sem/hasTimeStamp")
    'hasTimeStamp'
    >>> local_name("https://kg.example.org/id/tokayev/")
    'tokayev'
    """
    text = str(iri).rstrip("/#")
    return text[max(text.rfind("#"), text.rfind("/")) + 1 :]


def short_iri(iri: str) -> str:
    """An IRI as people read it: ``prefix:name`` with the longest of :data:`PREFIXES` that fits, else ``<iri>``.

    Only ``id:`` and ``graph:`` names may contain ``/`` or ``#``; any other IRI whose name would is
    written whole.

    Examples
    --------
    >>> short_iri("https://kg.example.org/ontology#repatriated")
    'kg:repatriated'
    >>> short_iri("https://kg.example.org/id/claim/a1/0f3e")
    'id:claim/a1/0f3e'
    >>> short_iri("https://example.com/x")
    '<https://example.com/x>'
    """
    text = str(iri)
    for base, prefix in _BY_LENGTH:
        if text.startswith(base):
            local = text[len(base) :]
            if prefix in _PATH_PREFIXES or not any(c in local for c in "/#"):
                return f"{prefix}:{local}"
    return f"<{text}>"
