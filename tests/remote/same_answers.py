"""The tests every SPARQL server kg supports must pass: the same answers as the embedded store, whole graphs.

``test_fuseki.py`` and ``test_virtuoso.py`` subclass :class:`SameAnswersAsTheEmbeddedStore` and give it
two module fixtures: ``seeded`` (a :class:`Server` with the seeds built into it through ``kg.build``,
and the build's report) and ``fresh`` (a :class:`Server` of its own for the tests that write).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox
import pytest
from rdflib import Literal
from rdflib.namespace import RDFS

import kg
from kg.namespace import GRAPH, ID
from kg.remote import RemoteStore, parse_store_url
from kg.store import replace_graph

from .conftest import FailingProxy
from .test_remote import COUNT_CLAIMS, change_a1, content, number, rows
from .test_remote import graphs as every_graph

JANUARY_2019 = """SELECT ?value ?outlet WHERE {
  ?c kg:about id:zhusan-1 ; rdf:object ?q ; prov:wasDerivedFrom/schema:publisher/rdfs:label ?outlet .
  ?q kg:value ?value ; kg:kind <https://kg.example.org/id/kind/people> . }"""


@dataclass
class Server:
    """A running server: ``url`` is its kg store URL; ``through(proxy)`` the same store behind a proxy.

    Both end in ``#server=NAME`` (more options follow with ``&``).
    """

    url: str
    through: Callable[[str], str]
    proxy: dict = field(default_factory=dict)
    """Extra arguments for :class:`FailingProxy` (where the update endpoint is, digest authentication)."""


def graphs(store: str) -> set[str]:
    """The store's named graphs but the server's own (Virtuoso keeps some: virtrdf#, ldp# ...)."""
    return {g for g in every_graph(store) if g.startswith((str(GRAPH), "http://example.org/"))}


def quads_without_blank_nodes(store: str) -> tuple[int, set[str]]:
    """How many quads ``kg export graph`` writes, and those without blank nodes (labels differ by store)."""
    text = kg.export_graph(store, "nquads")
    parsed = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    return len(parsed), {str(q) for q in parsed if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}


def actors(store: str) -> list[dict]:
    """``kg.read_actors`` with the aliases as a set: their order follows the store's row order."""
    return [{**row, "aliases": set((row["aliases"] or "").split(" | "))} for row in kg.read_actors(store)]


class SameAnswersAsTheEmbeddedStore:
    """Build the seeds into the server, read every answer back, compare with the embedded store."""

    @pytest.mark.parametrize("name", sorted(kg.named_queries()))
    def test_every_named_query_gives_the_same_rows_as_the_embedded_store(self, name, seeded, seed_store):
        server, _ = seeded
        remote, embedded = kg.query(name=name, store=server.url), kg.query(name=name, store=seed_store)
        assert remote.variables == embedded.variables
        assert rows(remote, concat=True) == rows(embedded, concat=True)
        assert len(embedded.rows) > 0

    def test_the_january_2019_figures_47_and_43_conflict(self, seeded, seed_store):
        server, _ = seeded
        by_value: dict[int, set[str]] = {}
        for value, outlet in kg.query(JANUARY_2019, store=server.url).rows:
            by_value.setdefault(int(value), set()).add(str(outlet))
        assert by_value == {
            43: {"The Defense Post"},
            47: {"The Times of Central Asia", "Vestnik Kavkaza", "Agence France-Presse"},
        }
        conflicting = {row[2] for row in kg.query(name="conflicting-claims", store=server.url).rows}
        assert {"43 Kazakhs", "47 citizens of Kazakhstan"} <= {str(q) for q in conflicting}

    def test_claims_and_actors_export_the_same(self, seeded, seed_store):
        server, _ = seeded
        assert kg.read_claims(server.url) == kg.read_claims(seed_store)
        assert actors(server.url) == actors(seed_store)

    def test_the_server_holds_the_quads_the_embedded_store_holds(self, seeded, seed_store):
        server, report = seeded
        count, named = quads_without_blank_nodes(server.url)
        assert (count, named) == quads_without_blank_nodes(seed_store)
        assert report.quads == count
        assert graphs(server.url) == graphs(seed_store)

    def test_ask_and_construct_answer_as_on_the_embedded_store(self, seeded, seed_store):
        server, _ = seeded
        assert kg.query("ASK { id:tokayev rdfs:label ?label }", store=server.url).boolean is True
        assert kg.query("ASK { id:tokayev rdfs:label 'nobody' }", store=server.url).boolean is False
        construct = "CONSTRUCT { ?c a kg:Claim } WHERE { ?c a kg:Claim }"
        remote, embedded = kg.query(construct, store=server.url), kg.query(construct, store=seed_store)
        assert set(remote.triples) == set(embedded.triples)
        assert len(remote.triples) == number(COUNT_CLAIMS, seed_store) > 0

    def test_a_syntax_error_is_one_line_e300(self, seeded):
        server, _ = seeded
        with pytest.raises(kg.KGError) as error:
            kg.query("SELECT ?x WHERE { ?x a kg:Claim } LIMT 3", store=server.url)
        assert error.value.code == "E300"
        assert "\n" not in error.value.message

    # writing

    def test_a_rebuild_replaces_the_kg_graphs_and_leaves_other_graphs_alone(self, fresh, tiny_corpus):
        kg.build(tiny_corpus, store=fresh.url, out=None)
        with RemoteStore(parse_store_url(fresh.url)) as store:
            store.update(
                "INSERT DATA { GRAPH <http://example.org/mine> { <http://example.org/a> <http://example.org/b> 'c' } }"
            )
        change_a1(tiny_corpus)
        kg.build(tiny_corpus, store=fresh.url, out=None)
        kg.build(tiny_corpus, store="memory:remote-server-tiny", out=None)
        assert graphs(fresh.url) == graphs("memory:remote-server-tiny") | {"http://example.org/mine"}
        assert number(COUNT_CLAIMS, fresh.url) == number(COUNT_CLAIMS, "memory:remote-server-tiny") == 7
        for graph in graphs("memory:remote-server-tiny"):
            assert content(fresh.url, graph) == content("memory:remote-server-tiny", graph), graph

    def test_a_server_failing_midway_leaves_every_graph_whole_and_names_what_was_written(self, fresh, tiny_corpus):
        kg.build(tiny_corpus, store=fresh.url, out=None)
        kg.build(tiny_corpus, store="memory:server-version-a", out=None)
        change_a1(tiny_corpus)
        kg.build(tiny_corpus, store="memory:server-version-b", out=None)
        every = sorted(graphs("memory:server-version-b"))
        changed = {g for g in every if content("memory:server-version-a", g) != content("memory:server-version-b", g)}

        target = parse_store_url(fresh.url).query.split("/")[2]
        with FailingProxy(f"http://{target}", writes=2, **fresh.proxy) as proxy:
            with pytest.raises(kg.KGError) as error:
                kg.build(tiny_corpus, store=fresh.through(proxy.url) + "&batch=1", out=None)

        written = [str(GRAPH.ontology), str(GRAPH.registry)]
        assert error.value.code == "E903"
        assert error.value.fields["written"] == written
        assert sorted(error.value.fields["not_written"]) == sorted(set(every) - set(written))
        assert "\n" not in error.value.message
        assert changed and changed <= set(error.value.fields["not_written"])
        for graph in every:
            version = "memory:server-version-b" if graph in written else "memory:server-version-a"
            assert content(fresh.url, graph) == content(version, graph), graph

        kg.build(tiny_corpus, store=fresh.url, out=None)  # building again finishes the job
        for graph in every:
            assert content(fresh.url, graph) == content("memory:server-version-b", graph), graph

    def test_replace_graph_writes_one_graph_in_place(self, fresh, tiny_corpus):
        kg.build(tiny_corpus, store=fresh.url, out=None)
        claims = number(COUNT_CLAIMS, fresh.url)
        analysis = str(GRAPH.analysis)
        assert replace_graph(fresh.url, analysis, [(ID.tajikistan, RDFS.comment, Literal("central"))]) == 1
        two = [(ID.tajikistan, RDFS.comment, Literal("very central")), (ID.iraq, RDFS.comment, Literal("a bridge"))]
        assert replace_graph(fresh.url, analysis, two) == 2
        comments = kg.query("SELECT ?c WHERE { GRAPH graph:analysis { ?x rdfs:comment ?c } }", store=fresh.url)
        assert sorted(str(row[0]) for row in comments.rows) == ["a bridge", "very central"]
        assert number(COUNT_CLAIMS, fresh.url) == claims
