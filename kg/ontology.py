"""The ontology and shapes shipped with kg, and what the code needs to know from them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from .namespace import KG, PREFIXES

__all__ = [
    "functional_predicates",
    "ontology_dir",
    "read_ontology",
    "read_shapes",
    "relation_families",
    "relations",
]


def ontology_dir() -> Path:
    """The folder holding ``kg.ttl`` and ``shapes.ttl``: inside the wheel, or the repository's."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_ontology", here.parent / "ontology"):
        if (candidate / "kg.ttl").is_file():
            return candidate
    raise FileNotFoundError("ontology/kg.ttl is missing from this installation of kg")


@cache
def read_ontology() -> Graph:
    """The OWL ontology (``ontology/kg.ttl``) as an rdflib graph (cached; do not modify)."""
    return Graph().parse(ontology_dir() / "kg.ttl", format="turtle")


@cache
def read_shapes() -> Graph:
    """The SHACL shapes (``ontology/shapes.ttl``)."""
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


@cache
def relation_families() -> dict[str, URIRef]:
    """Every relation a claim may use, by local name, mapped to its family.

    The family is the topmost super-property below ``kg:relatedTo``: claims whose predicates share
    a family are compared (``evacuated`` and ``returned`` belong to ``repatriated``).

    >>> relation_families()["evacuated"] == KG.repatriated
    True
    """
    g = read_ontology()
    families: dict[str, URIRef] = {}
    for prop in g.transitive_subjects(RDFS.subPropertyOf, KG.relatedTo):
        if not isinstance(prop, URIRef) or not str(prop).startswith(PREFIXES["kg"]):
            continue
        family = prop
        while True:
            parents = [p for p in g.objects(family, RDFS.subPropertyOf) if p != family]
            parent = next((p for p in parents if p != KG.relatedTo), None)
            if parent is None or KG.relatedTo not in set(g.transitive_objects(parent, RDFS.subPropertyOf)):
                break
            family = parent
        families[str(prop)[len(PREFIXES["kg"]) :]] = family
    return families


@cache
def relations() -> frozenset[str]:
    """The local names of the ``kg:Relation`` predicates: what actors are claimed to do.

    >>> "announced" in relations() and "agent" not in relations()
    True
    """
    g = read_ontology()
    base = PREFIXES["kg"]
    return frozenset(str(p)[len(base) :] for p in g.subjects(RDF.type, KG.Relation) if str(p).startswith(base))


@cache
def functional_predicates() -> frozenset[URIRef]:
    """Predicates with at most one true value: claims giving different values disagree."""
    g = read_ontology()
    return frozenset(p for p in g.subjects(RDF.type, OWL.FunctionalProperty) if isinstance(p, URIRef))
