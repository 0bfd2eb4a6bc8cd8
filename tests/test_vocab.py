import datetime as dt

import pytest
from rdflib import RDF, RDFS, URIRef

from kg import model
from kg.namespace import KG
from kg.ontology import read_ontology
from kg.vocab import (
    ACTOR_TYPES,
    ENTITY_TYPES,
    EVENT_TYPES,
    STATUS_IRI,
    STATUSES,
    SUPERCLASSES,
    date_period,
    date_precision,
    entity_class,
    status_name,
)

BASE = str(KG._NS)


def _kg_subclasses(cls: URIRef) -> set[str]:
    g = read_ontology()
    return {str(c)[len(BASE) :] for c in g.transitive_subjects(RDFS.subClassOf, cls) if c != cls}


def _kg_superclasses(name: str) -> tuple[str, ...]:
    g = read_ontology()
    return tuple(
        str(c)[len(BASE) :]
        for c in g.transitive_objects(KG[name], RDFS.subClassOf)
        if c != KG[name] and str(c).startswith(BASE)
    )


def test_actor_types_are_the_subclasses_of_actor_in_the_ontology():
    assert set(ACTOR_TYPES) == _kg_subclasses(KG.Actor)


def test_event_types_are_event_and_its_subclasses():
    assert set(EVENT_TYPES) == {"Event"} | _kg_subclasses(KG.Event)


def test_every_entity_type_is_an_ontology_class():
    g = read_ontology()
    from rdflib import OWL

    assert all((entity_class(name), RDF.type, OWL.Class) in g for name in ENTITY_TYPES)


def test_superclasses_are_the_ontology_superclasses_both_ways():
    assert set(SUPERCLASSES) == set(ENTITY_TYPES)
    assert {name: set(SUPERCLASSES[name]) for name in ENTITY_TYPES} == {
        name: set(_kg_superclasses(name)) for name in ENTITY_TYPES
    }


def test_statuses_are_the_claim_status_individuals():
    g = read_ontology()
    assert set(STATUS_IRI) == set(STATUSES)
    assert set(STATUS_IRI.values()) == set(g.subjects(RDF.type, KG.ClaimStatus))


def test_status_name_reads_iris_local_names_and_names():
    assert status_name(KG.SingleSource) == "single-source"
    assert status_name(str(KG.Conflicting)) == "conflicting"
    assert status_name("Corroborated") == "corroborated"
    assert status_name("single-source") == "single-source"
    with pytest.raises(KeyError):
        status_name("contested")


def test_model_reexports_the_type_tuples():
    assert (model.ACTOR_TYPES, model.ENTITY_TYPES, model.EVENT_TYPES) == (ACTOR_TYPES, ENTITY_TYPES, EVENT_TYPES)
    assert ENTITY_TYPES == (*ACTOR_TYPES, "Place", "Operation", "Event", "Document")


def test_entity_class_refuses_a_type_that_is_not_an_entity_type():
    with pytest.raises(KeyError):
        entity_class("Claim")


def test_date_period_gives_first_and_last_day():
    assert date_period("2019") == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert date_period("2019-02") == (dt.date(2019, 2, 1), dt.date(2019, 2, 28))
    assert date_period("2019-05-10") == (dt.date(2019, 5, 10), dt.date(2019, 5, 10))


@pytest.mark.parametrize("value", ["2019-13", "2019-02-30", "19", "2019-5", "May 2019", "2019-05-10T00:00"])
def test_date_period_refuses_what_is_not_a_date(value):
    with pytest.raises(ValueError):
        date_period(value)


def test_date_precision():
    assert [date_precision(v) for v in ("2019", "2019-05", "2019-05-10")] == ["year", "month", "day"]
