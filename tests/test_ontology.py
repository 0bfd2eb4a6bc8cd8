from rdflib import OWL, RDF, RDFS, Graph

from kg.namespace import KG
from kg.ontology import functional_predicates, ontology_dir, read_ontology, relation_families


def test_every_namespace_term_is_defined_in_the_ontology_and_back():
    g = read_ontology()
    base = str(KG._NS)
    defined = {str(s)[len(base) :] for s in g.subjects(RDFS.label, None) if str(s).startswith(base) and str(s) != base}
    assert defined == set(KG.__annotations__)


def test_every_term_has_a_label_and_a_comment():
    g = read_ontology()
    for name in KG.__annotations__:
        assert g.value(KG[name], RDFS.label) is not None, name
        assert g.value(KG[name], RDFS.comment) is not None, name


def test_relation_families_group_synonyms():
    families = relation_families()
    assert families["evacuated"] == families["returned"] == families["repatriated"] == KG.repatriated
    assert families["arrested"] == KG.detained
    assert families["thanked"] == KG.thanked


def test_only_event_dates_are_functional():
    assert {str(p).rsplit("/", 1)[1] for p in functional_predicates()} == {
        "hasBeginTimeStamp",
        "hasEndTimeStamp",
        "hasTimeStamp",
    }


def test_shapes_parse_and_are_shacl():
    shapes = Graph().parse(ontology_dir() / "shapes.ttl")
    from rdflib import SH

    assert len(set(shapes.subjects(RDF.type, SH.NodeShape))) >= 6
    assert (KG.Country, RDFS.subClassOf, KG.Actor) in read_ontology()
    assert (KG.conflictsWithValue, RDF.type, OWL.SymmetricProperty) in read_ontology()
    assert (KG.agreesWithValue, RDF.type, OWL.SymmetricProperty) in read_ontology()
