import csv
import io
import json

import pytest

import kg
from kg.query import format_results, named_queries


def test_every_named_query_runs_on_the_seed_graph(seed_store):
    required = {
        "operations",
        "operation-quantities",
        "conflicting-claims",
        "actor-actions",
        "timeline",
        "claims-per-outlet",
    }
    assert required <= set(named_queries())
    for name in named_queries():
        results = kg.query(name=name, store=seed_store)
        assert len(results) > 0, name


def test_conflicting_claims_lists_47_and_43_with_outlets(seed_store):
    records = kg.query(name="conflicting-claims", store=seed_store).records()
    january = {(str(r["quantity"]), str(r["outletLabel"])) for r in records if "January 2019" in str(r["topicLabel"])}
    assert ("43 Kazakhs", "The Defense Post") in january
    assert ("47 citizens of Kazakhstan", "Agence France-Presse") in january


def test_operations_query_finds_who_carried_out_zhusan(seed_store):
    records = kg.query(name="operations", store=seed_store).records()
    found = {
        (str(r["actorLabel"]), str(r["role"]))
        for r in records
        if str(r["operationLabel"]).startswith("Operation Zhusan, January")
    }
    assert ("Nursultan Nazarbayev", "carriedOut") in found


def test_invalid_sparql_is_a_one_line_error(seed_store):
    with pytest.raises(kg.KGError) as info:
        kg.query("SELECT ?x WHERE { ?x ?y }", store=seed_store)
    assert str(info.value).startswith("E300 invalid SPARQL")
    assert "\n" not in str(info.value)


def test_unknown_named_query_lists_the_available_ones(seed_store):
    with pytest.raises(kg.KGError, match=r"E301.*conflicting-claims"):
        kg.query(name="conflicts", store=seed_store)


def test_csv_tsv_and_json_outputs(seed_store):
    results = kg.query("SELECT ?label WHERE { id:tajikistan rdfs:label ?label }", store=seed_store)
    assert list(csv.reader(io.StringIO(format_results(results, "csv")))) == [["label"], ["Tajikistan"]]
    assert format_results(results, "tsv") == '?label\n"Tajikistan"\n'
    assert json.loads(format_results(results, "json"))["results"]["bindings"] == [
        {"label": {"type": "literal", "value": "Tajikistan"}}
    ]
    table = format_results(results, "table")
    assert table.splitlines()[0] == "label" and table.splitlines()[2] == "Tajikistan"


def test_construct_is_turtle_and_ask_is_a_boolean(seed_store):
    graph = kg.query(
        "CONSTRUCT { id:tajikistan rdfs:label ?l } WHERE { id:tajikistan rdfs:label ?l }", store=seed_store
    )
    assert '"Tajikistan"' in format_results(graph)
    assert format_results(kg.query("ASK { id:tokayev a kg:Person }", store=seed_store)) == "true\n"
