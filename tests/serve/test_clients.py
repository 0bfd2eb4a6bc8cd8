"""Real SPARQL clients, unchanged, against ``kg serve``: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import urllib.error

import pytest
import rdflib
from rdflib import Literal
from rdflib.namespace import RDFS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

import kg
from kg.namespace import ID, KG

OUTLETS = kg.named_queries()["claims-per-outlet"].sparql
CONSTRUCT = "CONSTRUCT { ?c kg:status kg:Conflicting } WHERE { ?c kg:status kg:Conflicting }"


def outlet_labels(store: str) -> list[str]:
    return sorted(str(row[0]) for row in kg.query(OUTLETS, store=store).rows)


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_select_as_json_and_xml(method, endpoint, seed_store):
    client = SPARQLWrapper(endpoint.query_url)
    client.setMethod(method)
    client.setQuery(OUTLETS)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    assert sorted(b["outletLabel"]["value"] for b in bindings) == outlet_labels(seed_store)
    client.setReturnFormat(XML)
    document = client.query().convert()  # a DOM of SPARQL XML results
    literals = [
        node.getElementsByTagName("literal")[0].firstChild.data
        for node in document.getElementsByTagName("binding")
        if node.getAttribute("name") == "outletLabel"
    ]
    assert sorted(literals) == outlet_labels(seed_store)


def test_sparqlwrapper_construct_as_turtle_and_rdfxml_and_ask(endpoint, seed_store):
    expected = set(kg.query(CONSTRUCT, store=seed_store).triples)
    assert len(expected) == 7
    client = SPARQLWrapper(endpoint.query_url)
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(TURTLE)
    assert set(rdflib.Graph().parse(data=client.query().convert(), format="turtle")) == expected
    client.setReturnFormat(XML)
    assert set(client.query().convert()) == expected  # SPARQLWrapper parses RDF/XML into an rdflib Graph
    client.setQuery("ASK { id:tokayev rdfs:label ?label }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_sparqlwrapper_reports_a_bad_query_and_a_refused_update(endpoint):
    client = SPARQLWrapper(endpoint.query_url)
    client.setQuery("SELECT ?x WHERE { ?x a kg:Claim } LIMT 3")
    with pytest.raises(QueryBadFormed, match="E300 invalid SPARQL: error at 1:41"):
        client.query()
    updater = SPARQLWrapper(endpoint.query_url, updateEndpoint=endpoint.url + "update")
    updater.setMethod(POST)
    updater.setQuery("DELETE WHERE { ?c a kg:Claim }")
    with pytest.raises(urllib.error.HTTPError) as error:
        updater.query()
    assert error.value.code == 403


def test_rdflib_sparqlstore_queries_and_matches_triples(endpoint, seed_store):
    graph = rdflib.Graph(store=SPARQLStore(endpoint.query_url))
    assert sorted(str(row[0]) for row in graph.query(OUTLETS)) == outlet_labels(seed_store)
    assert (ID.tokayev, RDFS.label, Literal("Kassym-Jomart Tokayev")) in graph
    assert len(list(graph.triples((None, KG.status, KG.Conflicting)))) == 7
    assert set(graph.objects(ID.tokayev, RDFS.label)) == {Literal("Kassym-Jomart Tokayev")}
