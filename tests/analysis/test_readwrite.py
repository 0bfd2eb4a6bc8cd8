"""Results out: GraphML/GEXF for Gephi, and RDF written back into graph:analysis."""

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import XSD

import kg
from kg.analysis import (
    actor_centrality,
    actor_communities,
    community_index,
    gephi_graph,
    to_networkx,
    write_analysis,
    write_network,
)
from kg.store import replace_graph

from .conftest import ID

PAGERANK_ORDER = "SELECT ?label ?pr WHERE { ?a kg:pagerank ?pr ; rdfs:label ?label } ORDER BY DESC(?pr)"


def test_gephi_attributes_are_strings_and_numbers():
    G = nx.Graph()
    G.add_node("a", label="A", aliases=["x", "y"], score=1)
    G.add_node("b", label="B", aliases=[], score=0.5, note=None)
    G.add_edge("a", "b", claims=["c1", "c2"], weight=2)
    H = gephi_graph(G)
    assert H.nodes["a"] == {"label": "A", "aliases": "x | y", "score": 1.0}
    assert H.nodes["b"] == {"label": "B", "aliases": "", "score": 0.5}
    assert H.edges["a", "b"] == {"claims": "c1 | c2", "weight": 2}


@pytest.mark.parametrize("format", ["graphml", "gexf"])
def test_a_view_round_trips_through_gephi_formats(tiny_store, tmp_path, format):
    G = to_networkx(tiny_store, view="actors")
    path = write_network(G, tmp_path / f"actors.{format}", format)
    back = nx.read_graphml(path) if format == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == 3 and back.number_of_edges() == 3
    assert back.nodes[ID + "rahmon"]["label"] == "Emomali Rahmon"
    assert back.edges[ID + "iraq", ID + "tajikistan"]["weight"] == 2


def test_an_unwritable_export_is_a_clear_error(tiny_store, tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(kg.KGError, match="E708 cannot write"):
        write_network(to_networkx(tiny_store), tmp_path / "file" / "actors.graphml")


def test_centralities_written_back_order_a_sparql_query(seed_copy, seed_actors):
    scores = actor_centrality(seed_actors)
    count = write_analysis(seed_copy, centrality=scores)
    assert count == 3 * len(seed_actors) + 1
    rows = kg.query(PAGERANK_ORDER, store=seed_copy).rows
    assert str(rows[0][0]) == "Kazakhstan"
    assert rows[0][1].datatype == XSD.decimal
    when = kg.query("SELECT ?t WHERE { GRAPH graph:analysis { graph:analysis kg:analysedAt ?t } }", store=seed_copy)
    assert len(when.rows) == 1


def test_writing_communities_keeps_the_centralities_and_replaces_itself(seed_copy, seed_actors):
    write_analysis(seed_copy, centrality=actor_centrality(seed_actors))
    index = community_index(actor_communities(seed_actors))
    write_analysis(seed_copy, communities=index)
    count = write_analysis(seed_copy, communities=index)
    assert count == 4 * len(seed_actors) + 1
    same = kg.query(
        "ASK { id:tokayev kg:community ?c . id:knb kg:community ?c . id:tokayev kg:degree ?d }", store=seed_copy
    )
    assert same.boolean is True


def test_the_rest_of_the_store_is_left_alone(seed_copy, seed_actors):
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != graph:analysis) }"
    before = kg.query(count, store=seed_copy).rows[0][0]
    write_analysis(seed_copy, centrality=actor_centrality(seed_actors))
    assert kg.query(count, store=seed_copy).rows[0][0] == before


def test_a_store_in_use_is_refused_and_unchanged(seed_copy, seed_actors):
    holder = ox.Store(f"{seed_copy}/oxigraph")  # another writer holds the store
    try:
        with pytest.raises(kg.KGError, match="E203"):
            write_analysis(seed_copy, centrality=actor_centrality(seed_actors))
    finally:
        del holder
    assert kg.query("ASK { ?a kg:pagerank ?p }", store=seed_copy).boolean is False


def test_memory_stores_take_analysis_results(tiny_store):
    kg.write_store("memory:analysis-test", [])
    assert replace_graph("memory:analysis-test", "https://kg.example.org/graph/analysis", []) == 0
    count = write_analysis("memory:analysis-test", communities={ID + "a": 0, ID + "b": 1})
    assert count == 3
    assert kg.query("ASK { id:b kg:community 1 }", store="memory:analysis-test").boolean is True
