"""The endpoint over HTTP: SPARQL 1.1 Protocol, content negotiation, limits and clear error answers."""

from __future__ import annotations

import concurrent.futures
import csv
import io
import os
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
import rdflib

import kg
import kg.serve

from ..conftest import SEEDS
from .conftest import kg_serve

OUTLETS = kg.named_queries()["claims-per-outlet"].sparql
CLAIMS = "SELECT ?c WHERE { ?c a kg:Claim }"
COUNT_CLAIMS = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Claim }"
RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?e ?i"  # Oxigraph's own timeout misses sorts
COUNT_EVERYTHING = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # Oxigraph's timeout stops it
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"


def embedded_rows(sparql: str, store: str) -> list[tuple[str, ...]]:
    return sorted(tuple("" if t is None else str(t) for t in row) for row in kg.query(sparql, store=store).rows)


def json_rows(answer: httpx.Response) -> list[tuple[str, ...]]:
    data = answer.json()
    names = data["head"]["vars"]
    return sorted(tuple(b[v]["value"] if v in b else "" for v in names) for b in data["results"]["bindings"])


def count(url: str) -> int:
    answer = httpx.post(url, data={"query": COUNT_CLAIMS}, headers={"Accept": "text/csv"}, timeout=60)
    assert answer.status_code == 200, answer.text
    return int(answer.text.split()[1])


# --- queries -------------------------------------------------------------------------------------


def test_get_post_form_and_post_body_give_the_rows_of_kg_query(endpoint, seed_store):
    expected = embedded_rows(OUTLETS, seed_store)
    assert len(expected) == 5
    answers = [
        httpx.get(endpoint.query_url, params={"query": OUTLETS}),
        httpx.post(endpoint.query_url, data={"query": OUTLETS}),
        httpx.post(endpoint.query_url, content=OUTLETS, headers={"Content-Type": "application/sparql-query"}),
        httpx.get(endpoint.url, params={"query": OUTLETS}),
        httpx.get(endpoint.url + "sparql", params={"name": "claims-per-outlet"}),
    ]
    for answer in answers:
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/sparql-results+json; charset=utf-8"
        assert json_rows(answer) == expected


def test_select_results_come_as_json_xml_csv_or_tsv(endpoint, seed_store):
    labels = sorted(str(row[0]) for row in kg.query(OUTLETS, store=seed_store).rows)

    def ask(accept: str) -> httpx.Response:
        answer = httpx.post(endpoint.query_url, data={"query": OUTLETS}, headers={"Accept": accept})
        assert answer.status_code == 200
        assert answer.headers["content-type"].split(";")[0] == accept
        return answer

    assert (
        sorted(b["outletLabel"]["value"] for b in ask("application/sparql-results+json").json()["results"]["bindings"])
        == labels
    )
    root = ET.fromstring(ask("application/sparql-results+xml").content)
    xml_labels = [
        r.find(f"{SPARQL_RESULTS}binding[@name='outletLabel']/{SPARQL_RESULTS}literal").text
        for r in root.iter(f"{SPARQL_RESULTS}result")
    ]
    assert sorted(xml_labels) == labels
    table = list(csv.reader(io.StringIO(ask("text/csv").text)))
    assert table[0] == ["outletLabel", "articles", "claims", "conflicting", "corroborated", "singleSource", "outlet"]
    assert sorted(row[0] for row in table[1:]) == labels
    tsv = ask("text/tab-separated-values").text.splitlines()
    assert tsv[0] == "?outletLabel\t?articles\t?claims\t?conflicting\t?corroborated\t?singleSource\t?outlet"
    assert sorted(line.split("\t")[0] for line in tsv[1:]) == [f'"{label}"' for label in labels]


def test_the_preferred_acceptable_type_wins_and_format_overrides(endpoint):
    answer = httpx.post(
        endpoint.query_url,
        data={"query": OUTLETS},
        headers={"Accept": "image/png, text/csv;q=0.5, application/xml;q=0.9"},
    )
    assert answer.headers["content-type"] == "application/xml; charset=utf-8"
    answer = httpx.post(endpoint.query_url, data={"query": OUTLETS, "format": "tsv"})
    assert answer.headers["content-type"] == "text/tab-separated-values; charset=utf-8"


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_comes_as_turtle_ntriples_jsonld_or_rdfxml(accept, rdflib_format, endpoint, seed_store):
    construct = "CONSTRUCT { ?c a kg:Claim ; kg:status ?s } WHERE { ?c a kg:Claim ; kg:status ?s } LIMIT 40"
    answer = httpx.post(endpoint.query_url, data={"query": construct}, headers={"Accept": accept})
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == accept
    graph = rdflib.Graph().parse(data=answer.text, format=rdflib_format)
    assert set(graph) == set(kg.query(construct, store=seed_store).triples)
    assert len(graph) == 80  # two triples for each of the 40 solutions


def test_ask_answers_true_or_false(endpoint):
    yes = httpx.post(endpoint.query_url, data={"query": "ASK { id:tokayev rdfs:label ?l }"})
    no = httpx.post(endpoint.query_url, data={"query": "ASK { id:tokayev rdfs:label 'Nobody' }"})
    assert (yes.json()["boolean"], no.json()["boolean"]) == (True, False)


# --- limits ----------------------------------------------------------------------------------------


def test_answers_are_cut_at_the_result_cap_and_say_so(endpoint, seed_store):
    assert count(endpoint.query_url) == 172 > 100
    capped = httpx.post(endpoint.query_url, data={"query": CLAIMS})
    assert len(capped.json()["results"]["bindings"]) == 100
    assert (capped.headers["x-result-truncated"], capped.headers["x-result-cap"]) == ("true", "100")
    small = httpx.post(endpoint.query_url, data={"query": CLAIMS + " LIMIT 5"})
    assert len(small.json()["results"]["bindings"]) == 5
    assert "x-result-truncated" not in small.headers
    exactly = httpx.post(endpoint.query_url, data={"query": CLAIMS + " LIMIT 100"})
    assert len(exactly.json()["results"]["bindings"]) == 100
    assert "x-result-truncated" not in exactly.headers
    graph = httpx.post(
        endpoint.query_url,
        data={"query": "CONSTRUCT WHERE { ?c a kg:Claim }"},
        headers={"Accept": "application/n-triples"},
    )
    assert len(graph.text.splitlines()) == 100
    assert graph.headers["x-result-truncated"] == "true"


def test_a_query_past_the_time_limit_gets_503_and_the_server_keeps_serving(endpoint_with_limits):
    running = endpoint_with_limits
    (engine,) = running.engines()
    started = time.monotonic()
    answer = httpx.post(running.query_url, data={"query": COUNT_EVERYTHING}, timeout=60)
    assert time.monotonic() - started < 5
    assert (answer.status_code, answer.text) == (503, "E922 the query ran past the 1 s time limit and was stopped\n")
    assert count(running.query_url) == 172
    time.sleep(2)
    assert engine not in running.engines()  # Oxigraph's own timeout does not stop a count: its engine was replaced
    assert len(running.engines()) == 1


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of a process (None once it has exited)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    if fields[0] == "Z":
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_query_past_the_time_limit_stops_using_cpu_within_a_second(endpoint_with_limits):
    running = endpoint_with_limits
    (engine,) = running.engines()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:  # four at once, as a client retrying might
        answers = list(
            pool.map(lambda _: httpx.post(running.query_url, data={"query": COUNT_EVERYTHING}, timeout=60), range(4))
        )
    assert [a.status_code for a in answers] == [503] * 4
    engines = {engine, *running.engines()}
    time.sleep(1.5)
    before = {pid: cpu_seconds(pid) for pid in engines}
    time.sleep(1.5)
    after = {pid: cpu_seconds(pid) for pid in engines}
    busy = {pid: after[pid] - before[pid] for pid in engines if after[pid] is not None and before[pid] is not None}
    assert all(seconds < 0.2 for seconds in busy.values()), busy  # no engine goes on computing
    started = time.monotonic()
    for _ in range(10):
        assert count(running.query_url) == 172
    assert time.monotonic() - started < 5  # full speed again (about 10 ms a query on an idle machine)


@pytest.fixture(scope="module")
def endpoint_with_memory_limit(seed_store):
    with kg_serve(seed_store, "--timeout", "60", "--max-memory", "300") as running:
        yield running


def test_a_runaway_query_that_outgrows_the_memory_limit_gets_its_engine_replaced(endpoint_with_memory_limit):
    running = endpoint_with_memory_limit
    (engine,) = running.engines()
    answer = httpx.post(running.query_url, data={"query": RUNAWAY}, timeout=90)
    assert (answer.status_code, answer.text.split()[0]) == (503, "E928")
    deadline = time.monotonic() + 30
    while engine in running.engines() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert engine not in running.engines()  # the sort went on growing: its engine was stopped
    assert count(running.query_url) == 172  # a fresh engine serves
    assert len(running.engines()) == 1
    assert (
        "the query engine uses" in running.log.read_text()
        and "(limit 300 MiB): replacing it" in running.log.read_text()
    )


@pytest.fixture(scope="module")
def endpoint_with_limits(seed_store):
    with kg_serve(seed_store, "--timeout", "1", "--max-memory", "300") as running:
        yield running


# --- errors ------------------------------------------------------------------------------------------


def test_a_syntax_error_is_400_with_the_parser_message_of_kg_query(endpoint, seed_store):
    bad = "SELECT ?x WHERE { ?x a kg:Claim } LIMT 3"
    answer = httpx.post(endpoint.query_url, data={"query": bad})
    with pytest.raises(kg.KGError) as error:
        kg.query(bad, store=seed_store)
    assert answer.status_code == 400
    assert answer.text == error.value.message + "\n"
    assert answer.text == "E300 invalid SPARQL: error at 1:41: expected one of HAVING, OFFSET, OPTIONAL, VALUES\n"
    assert count(endpoint.query_url) == 172  # and it keeps serving


def test_updates_are_refused_with_403_and_change_nothing(endpoint):
    update = "DELETE WHERE { ?c a kg:Claim }"
    answers = [
        httpx.post(endpoint.url + "update", data={"update": update}),
        httpx.post(endpoint.url + "update", content=update, headers={"Content-Type": "application/sparql-update"}),
        httpx.put(
            endpoint.url + "store",
            params={"default": ""},
            content="<a:b> <a:c> <a:d> .",
            headers={"Content-Type": "application/n-triples"},
        ),
        httpx.delete(endpoint.url + "store", params={"graph": "https://kg.example.org/graph/registry"}),
    ]
    for answer in answers:
        assert answer.status_code == 403
        assert (
            answer.text
            == "E921 this endpoint is read-only: updates are refused (start it with `kg serve --allow-updates`)\n"
        )
    sent_as_query = httpx.post(endpoint.query_url, data={"query": update})
    assert (sent_as_query.status_code, sent_as_query.text.split()[0]) == (400, "E925")
    assert count(endpoint.query_url) == 172


def test_a_named_query_by_name_and_an_unknown_name(endpoint):
    answer = httpx.get(endpoint.query_url, params={"name": "conflicting-claims"})
    assert answer.status_code == 200
    assert len(answer.json()["results"]["bindings"]) == 7
    unknown = httpx.get(endpoint.query_url, params={"name": "conflicts"})
    assert unknown.status_code == 404
    assert unknown.text == f"E301 unknown named query 'conflicts'; available: {', '.join(kg.named_queries())}\n"


@pytest.mark.parametrize(
    ("request_args", "status", "body"),
    [
        (
            {"method": "GET"},
            400,
            "E920 no query: give query= (GET, or a POST form) or a POST body of type application/sparql-query",
        ),
        (
            {"method": "GET", "params": [("query", "ASK {}"), ("name", "actors")]},
            400,
            "E927 give one of query= and name=, once",
        ),
        (
            {"method": "POST", "content": "ASK {}", "headers": {"Content-Type": "text/plain"}},
            415,
            "E924 unsupported content type 'text/plain': send application/x-www-form-urlencoded or application/sparql-query",
        ),
        (
            {"method": "GET", "params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}},
            406,
            "E923 cannot send SELECT and ASK results as image/png; acceptable types: application/sparql-results+json, "
            "application/json, application/sparql-results+xml, application/xml, text/xml, text/csv, text/tab-separated-values",
        ),
    ],
    ids=["no-query", "two-queries", "wrong-content-type", "not-acceptable"],
)
def test_malformed_requests_get_a_one_line_answer(request_args, status, body, endpoint):
    answer = httpx.request(url=endpoint.query_url, **request_args)
    assert (answer.status_code, answer.text) == (status, body + "\n")


# --- the page ---------------------------------------------------------------------------------------


def test_the_page_is_yasgui_served_from_this_endpoint_with_the_named_queries(endpoint):
    answer = httpx.get(endpoint.url, headers={"Accept": "text/html"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    page = answer.text
    for name in kg.named_queries():
        assert f'"name": "{name}"' in page
    loaded = re.findall(r"""(?:src|href)=["']?([^"' >]*)""", page)
    assert loaded == [  # nothing from another site
        "data:,",
        "static/yasgui/yasgui.min.css",
        "static/editor.css",
        "plain",
        "static/yasgui/yasgui.min.js",
        "static/editor.js",
    ]
    shipped = Path(kg.serve.__file__).with_name("static")
    for path, media in [
        ("static/yasgui/yasgui.min.js", "text/javascript"),
        ("static/yasgui/yasgui.min.css", "text/css"),
        ("static/editor.js", "text/javascript"),
    ]:
        file = httpx.get(endpoint.url + path)
        assert (file.status_code, file.headers["content-type"].split(";")[0]) == (200, media)
        assert file.headers["x-content-type-options"] == "nosniff"
        assert file.content == (shipped / path.removeprefix("static/")).read_bytes()
    assert httpx.get(endpoint.url + "static/../app.py").status_code == 404
    assert "</script" not in page.split('<script id="config" type="application/json">')[1].split("</script>")[0]


def test_the_plain_page_is_one_offline_file_offering_the_named_queries(endpoint):
    answer = httpx.get(endpoint.url + "plain", headers={"Accept": "text/html"})
    assert answer.status_code == 200
    page = answer.text
    for name in kg.named_queries():
        assert f'"name": "{name}"' in page
    assert re.findall(r"""(?:src|href)=["']?([^"' >]*)""", page) == ["data:,"]  # nothing loaded from anywhere
    assert "innerHTML" not in page


# --- the store behind it ---------------------------------------------------------------------------


def test_a_rebuild_of_the_store_is_served_without_a_restart(tiny_corpus, tmp_path, seed_store):
    store = str(tmp_path / "store")
    kg.build(tiny_corpus, store=store, out=None)
    with kg_serve(store) as running:
        assert count(running.query_url) == 7
        kg.build(SEEDS, store=store, out=None)
        deadline = time.monotonic() + 20
        while count(running.query_url) != 172 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert count(running.query_url) == 172


def test_with_allow_updates_kg_builds_into_the_endpoint(tiny_corpus, tmp_path, seed_store):
    store = str(tmp_path / "store")
    kg.build(tiny_corpus, store=store, out=None)
    with kg_serve(store, "--allow-updates", "--max-results", "1000") as running:
        report = kg.build(SEEDS, store=running.url, out=tmp_path / "out")
        assert report.quads == kg.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", store=seed_store).rows[0][0].toPython()
        remote = kg.query(name="claims-per-outlet", store=running.url)
        assert embedded_rows(OUTLETS, running.url) == embedded_rows(OUTLETS, seed_store)
        assert len(remote.rows) == 5
        # more quads than the cap: the dump goes graph by graph, the kg.trig is whole
        assert len(kg.export_graph(running.url, "nquads").splitlines()) == report.quads
        with pytest.raises(kg.KGError) as error:
            kg.query("SELECT * { ?s ?p ?o }", store=running.url)
        assert error.value.message == (
            f"E907 the store {running.url} cut the answer at its limit of 1000 results; ask for fewer "
            "(LIMIT and OFFSET) or raise the limit (kg serve --max-results)"
        )
    assert count_embedded(store) == 172  # the updates went into the store on disk


def count_embedded(store: str) -> int:
    return int(kg.query(COUNT_CLAIMS, store=store).rows[0][0])
