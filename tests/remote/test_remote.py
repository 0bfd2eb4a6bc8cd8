"""Remote stores against a REAL Oxigraph server: the same answers as the embedded store, whole graphs, clear errors."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Literal
from rdflib.namespace import RDFS

import kg
from kg.namespace import GRAPH, ID
from kg.remote import RECORD, parse_store_url
from kg.serve.engine import free_port
from kg.store import replace_graph

from ..conftest import SEEDS, run_kg
from .conftest import FailingProxy

COUNT_CLAIMS = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Claim }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def rows(results: kg.Results, *, concat: bool = False) -> list[tuple[str, ...]]:
    """Rows as sorted string tuples; ``concat``: GROUP_CONCAT lists in sorted order (SPARQL leaves it open)."""

    def cell(term) -> str:
        text = "" if term is None else str(term)
        if concat:
            for separator in (" | ", ", "):
                text = separator.join(sorted(text.split(separator)))
        return text

    return sorted(tuple(cell(term) for term in row) for row in results.rows)


def number(sparql: str, store: str) -> int:
    return int(kg.query(sparql, store=store).rows[0][0])


def graphs(store: str) -> set[str]:
    return {str(row[0]) for row in kg.query(GRAPHS, store=store).rows}


def content(store: str, graph: str) -> tuple[int, set[tuple[str, ...]]]:
    """A graph's triple count and its triples without blank nodes (their labels differ between stores)."""
    result = kg.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", store=store)
    named = {tuple(t.n3() for t in row) for row in result.rows if not any(t.n3().startswith("_:") for t in row)}
    return len(result.rows), named


def change_a1(corpus) -> None:
    """Version B of the tiny corpus: 85 minors instead of 84 in the first article."""
    for name in ("a1.txt", "a1.yaml"):
        path = corpus / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("84 minors", "85 minors").replace("value: 84", "value: 85"), encoding="utf-8")


# --- the acceptance test: every named query, the same rows -----------------------------------


@pytest.fixture(scope="module")
def embedded_answers(seed_store) -> dict[str, kg.Results]:
    return {}


def embedded(name: str, seed_store: str, cache: dict[str, kg.Results]) -> kg.Results:
    if name not in cache:
        cache[name] = kg.query(name=name, store=seed_store)
    return cache[name]


@pytest.mark.parametrize("name", sorted(kg.named_queries()))
def test_every_named_query_gives_the_same_rows_as_the_embedded_store(
    name, seeded_oxigraph, seed_store, embedded_answers
):
    url, _ = seeded_oxigraph
    remote = kg.query(name=name, store=url)
    expected = embedded(name, seed_store, embedded_answers)
    assert remote.variables == expected.variables
    assert rows(remote) == rows(expected)
    assert len(expected.rows) > 0


@pytest.mark.parametrize("name", ["claims-per-outlet", "conflicting-claims", "timeline"])
def test_naming_every_graph_in_default_graph_uri_gives_the_same_rows(
    name, seeded_oxigraph, seed_store, embedded_answers
):
    """The SPARQL 1.1 Protocol way, for servers with no union option (GROUP_CONCAT order may differ)."""
    url, _ = seeded_oxigraph
    remote = kg.query(name=name, store=url + "query#union=graphs")
    assert rows(remote, concat=True) == rows(embedded(name, seed_store, embedded_answers), concat=True)


def test_the_build_reports_and_holds_the_quads_the_embedded_store_holds(seeded_oxigraph, seed_store):
    url, report = seeded_oxigraph
    every_quad = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    kg_quads = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{RECORD}>) }}"
    assert report.quads == number(kg_quads, url) == number(every_quad, seed_store)
    assert graphs(url) == graphs(seed_store) | {RECORD}  # the server also keeps the store's record


def test_claims_and_actors_export_the_same(seeded_oxigraph, seed_store):
    url, _ = seeded_oxigraph
    assert kg.read_claims(url) == kg.read_claims(seed_store)
    assert kg.read_actors(url) == kg.read_actors(seed_store)


def test_the_trig_written_by_a_remote_build_holds_the_same_quads(seeded_oxigraph, seed_store, tmp_path):
    _, report = seeded_oxigraph
    kg.export_graph(seed_store, "trig", tmp_path / "embedded.trig")

    def quads(path):
        parsed = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
        return len(parsed), {str(q) for q in parsed if "_:" not in str(q)}

    assert quads(report.trig) == quads(tmp_path / "embedded.trig")


def test_ask_and_construct_answer_as_on_the_embedded_store(seeded_oxigraph, seed_store):
    url, _ = seeded_oxigraph
    ask = kg.query("ASK { id:tokayev rdfs:label ?label }", store=url)
    assert (ask.kind, ask.boolean) == ("ask", True)
    construct = "CONSTRUCT { ?c a kg:Claim } WHERE { ?c a kg:Claim }"
    remote, embedded = kg.query(construct, store=url), kg.query(construct, store=seed_store)
    assert remote.kind == "graph"
    assert set(remote.triples) == set(embedded.triples)
    assert len(remote.triples) == number(COUNT_CLAIMS, seed_store)


def test_kg_prefixes_are_declared_unless_the_query_declares_its_own(seeded_oxigraph, seed_store):
    url, _ = seeded_oxigraph
    assert number(COUNT_CLAIMS, url) == number(COUNT_CLAIMS, seed_store)
    assert number("PREFIX kg: <urn:elsewhere#>\n" + COUNT_CLAIMS, url) == 0


def test_a_syntax_error_reads_as_on_the_embedded_store(seeded_oxigraph, seed_store):
    url, _ = seeded_oxigraph
    bad = "SELECT ?x WHERE { ?x a kg:Claim } LIMT 3"
    with pytest.raises(kg.KGError) as remote:
        kg.query(bad, store=url)
    with pytest.raises(kg.KGError) as embedded:
        kg.query(bad, store=seed_store)
    expected = "E300 invalid SPARQL: error at 1:41: expected one of HAVING, OFFSET, OPTIONAL, VALUES"
    assert remote.value.message == embedded.value.message == expected


def test_oxigraph_without_the_union_sees_an_empty_default_graph(seeded_oxigraph, seed_store):
    url, _ = seeded_oxigraph
    assert number(COUNT_CLAIMS, url + "query#union=server") == 0  # why the union setting matters
    assert number(COUNT_CLAIMS, url + "query#union=graphs") == number(COUNT_CLAIMS, seed_store)


# --- writing -----------------------------------------------------------------------------------


def test_a_rebuild_replaces_the_kg_graphs_and_leaves_other_graphs_alone(oxigraph, tiny_corpus):
    kg.build(SEEDS, store=oxigraph, out=None)
    mine = "INSERT DATA { GRAPH <http://example.org/mine> { <http://example.org/a> <http://example.org/b> 'c' } }"
    answer = httpx.post(oxigraph + "update", content=mine, headers={"Content-Type": "application/sparql-update"})
    assert answer.status_code == 204
    kg.build(tiny_corpus, store=oxigraph, out=None)
    kg.build(tiny_corpus, store="memory:remote-tiny", out=None)
    assert graphs(oxigraph) == graphs("memory:remote-tiny") | {"http://example.org/mine", RECORD}
    assert number(COUNT_CLAIMS, oxigraph) == number(COUNT_CLAIMS, "memory:remote-tiny") == 7


def test_writing_with_the_graph_store_protocol_gives_the_same_graph(oxigraph, tiny_corpus):
    report = kg.build(tiny_corpus, store=oxigraph + "#write=gsp&batch=100", out=None)
    embedded = kg.build(tiny_corpus, store="memory:remote-gsp", out=None)
    assert report.quads == embedded.quads
    assert kg.read_claims(oxigraph) == kg.read_claims("memory:remote-gsp")


def test_a_corpus_error_sends_nothing(oxigraph, tiny_corpus):
    kg.build(tiny_corpus, store=oxigraph, out=None)
    before = kg.export_graph(oxigraph, "nquads")
    path = tiny_corpus / "a2.yaml"
    path.write_text(path.read_text().replace("86 children from Iraq", "68 children from Iraq"))
    with pytest.raises(kg.KGError, match="E101"):
        kg.build(tiny_corpus, store=oxigraph, out=None)
    assert sorted(kg.export_graph(oxigraph, "nquads").splitlines()) == sorted(before.splitlines())


@pytest.mark.parametrize("mode", ["500", "drop"])
def test_a_server_failing_midway_leaves_every_graph_whole_and_names_what_was_written(mode, oxigraph, tiny_corpus):
    kg.build(tiny_corpus, store=oxigraph, out=None)
    kg.build(tiny_corpus, store="memory:version-a", out=None)
    change_a1(tiny_corpus)
    kg.build(tiny_corpus, store="memory:version-b", out=None)
    every = sorted(graphs("memory:version-b"))
    changed = {g for g in every if content("memory:version-a", g) != content("memory:version-b", g)}

    with FailingProxy(oxigraph, writes=2, mode=mode) as proxy:
        with pytest.raises(kg.KGError) as error:
            # one graph per request; a whole build (the store would take one changed article in place)
            kg.build(tiny_corpus, store=proxy.url + "#batch=1", out=None, incremental=False)

    written = [str(GRAPH.ontology), str(GRAPH.registry)]
    assert error.value.code == "E903"
    assert error.value.fields["written"] == written
    assert sorted(error.value.fields["not_written"]) == sorted(set(every) - set(written))
    message = error.value.message
    assert message.startswith(f"E903 writing to {proxy.url}#batch=1 failed at batch 3 of {len(every)} (")
    assert (
        f"2 of {len(every)} graphs were replaced (graph:ontology, graph:registry); {len(every) - 2} were not" in message
    )
    assert "\n" not in message
    assert changed and changed <= set(error.value.fields["not_written"])  # the test means something
    for graph in every:
        version = "memory:version-b" if graph in written else "memory:version-a"
        assert content(oxigraph, graph) == content(version, graph), graph

    kg.build(tiny_corpus, store=oxigraph, out=None)  # building again finishes the job
    for graph in every:
        assert content(oxigraph, graph) == content("memory:version-b", graph), graph


def test_replace_graph_writes_one_graph_in_place(oxigraph, tiny_corpus):
    kg.build(tiny_corpus, store=oxigraph, out=None)
    claims = number(COUNT_CLAIMS, oxigraph)
    analysis = str(GRAPH.analysis)
    assert replace_graph(oxigraph, analysis, [(ID.tajikistan, RDFS.comment, Literal("central"))]) == 1
    two = [(ID.tajikistan, RDFS.comment, Literal("very central")), (ID.iraq, RDFS.comment, Literal("a bridge"))]
    assert replace_graph(oxigraph, analysis, two) == 2
    comments = kg.query("SELECT ?c WHERE { GRAPH graph:analysis { ?x rdfs:comment ?c } }", store=oxigraph)
    assert sorted(str(row[0]) for row in comments.rows) == ["a bridge", "very central"]
    assert number(COUNT_CLAIMS, oxigraph) == claims


# --- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["query", "--name", "actors"], ["build", "--seeds", str(SEEDS), "--no-trig"], ["export", "claims"]],
    ids=["query", "build", "export"],
)
def test_an_unreachable_store_is_one_line_and_exit_1(args):
    url = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
    result = run_kg(*args, "--store", url)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: E900 cannot reach the store {url}: ")
    assert "Connection refused" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_an_http_error_is_one_line_naming_the_status(oxigraph):
    result = run_kg("query", "--name", "actors", "--store", oxigraph + "no/such/endpoint")
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: E901 the store {oxigraph}no/such/endpoint answered HTTP 404: ")
    assert result.stderr.count("\n") == 1


def test_a_password_never_shows_in_messages():
    url = f"http://me:secret@127.0.0.1:{free_port()}/"
    result = run_kg("query", "--name", "actors", "--store", url)
    assert result.returncode == 1
    assert "secret" not in result.stderr
    assert result.stderr.startswith(f"error: E900 cannot reach the store {url.replace('me:secret', 'me')}: ")


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        (
            "http://h/#colour=red",
            "unknown option 'colour' after #; use query, update, store, union, write, batch, timeout, auth, server",
        ),
        ("http://h/#union=everything", "union='everything': use oxigraph, server, graphs or an IRI"),
        ("http://h/#write=ftp", "write='ftp': use update or gsp"),
        ("http://h/#batch=0", "batch and timeout must be positive"),
        ("http://h/#server=stardog", "server='stardog': use oxigraph, fuseki, virtuoso, sparql"),
    ],
)
def test_bad_store_url_options_are_named(url, detail):
    with pytest.raises(kg.KGError) as error:
        parse_store_url(url)
    assert error.value.message == f"E904 bad store URL {url}: {detail}"


def test_store_urls_name_the_endpoints():
    fuseki = parse_store_url("http://localhost:3030/kg/sparql#update=update&store=data&union=urn:x-arq:UnionGraph")
    assert (fuseki.query, fuseki.update, fuseki.store) == (
        "http://localhost:3030/kg/sparql",
        "http://localhost:3030/kg/update",
        "http://localhost:3030/kg/data",
    )
    assert fuseki.union == "urn:x-arq:UnionGraph"
    graphdb = parse_store_url("http://localhost:7200/repositories/kg#update=kg/statements&store=kg/rdf-graphs/service")
    assert (graphdb.query, graphdb.update, graphdb.store, graphdb.union) == (
        "http://localhost:7200/repositories/kg",
        "http://localhost:7200/repositories/kg/statements",
        "http://localhost:7200/repositories/kg/rdf-graphs/service",
        "server",
    )


def test_a_server_name_sets_its_endpoints_and_options_still_change_them():
    fuseki = parse_store_url("http://localhost:3030/kg/#server=fuseki")
    assert (fuseki.query, fuseki.update, fuseki.store, fuseki.union, fuseki.write) == (
        "http://localhost:3030/kg/query",
        "http://localhost:3030/kg/update",
        "http://localhost:3030/kg/data",
        "server",
        "update",
    )
    assert parse_store_url("fuseki+https://h/kg").query == "https://h/kg/query"
    virtuoso = parse_store_url("http://dba:pw@localhost:8890/#server=virtuoso&batch=10")
    assert (virtuoso.query, virtuoso.update, virtuoso.store) == (
        "http://localhost:8890/sparql",
        "http://localhost:8890/sparql-auth",
        "http://localhost:8890/sparql-graph-crud-auth",
    )
    assert (virtuoso.write, virtuoso.auth_scheme, virtuoso.auth, virtuoso.batch) == ("gsp", "digest", ("dba", "pw"), 10)
    anonymous = parse_store_url("virtuoso+http://localhost:8890/#write=update")
    assert (anonymous.update, anonymous.store, anonymous.write) == (
        "http://localhost:8890/sparql",
        "http://localhost:8890/sparql-graph-crud",
        "update",
    )
    assert parse_store_url("http://localhost:7878/").server == "oxigraph"
    assert parse_store_url("http://localhost:7878/query").server == "sparql"
