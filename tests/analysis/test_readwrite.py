"""Results out: GraphML/GEXF for Gephi, and RDF written back into graph:analysis."""

import xml.etree.ElementTree as ET

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
    G.add_edge("a", "b", claims=[ID + "claim/1/c2", ID + "claim/1/c1"], weight=2)
    H = gephi_graph(G, quotes={ID + "claim/1/c2": "We met."})
    assert {k: v for k, v in H.nodes["a"].items() if k != "viz"} == {"label": "A", "aliases": "x | y", "score": 1.0}
    assert {k: v for k, v in H.nodes["b"].items() if k != "viz"} == {"label": "B", "aliases": "", "score": 0.5}
    # a count, the first claim with a quote, and that quote: no list of IRIs
    edge = {k: v for k, v in H.edges["a", "b"].items() if k != "viz"}
    assert edge == {"claims": 2, "weight": 2, "claim": "id:claim/1/c2", "quote": "We met."}


def test_gephi_colours_by_type_sizes_by_links_and_places_every_node():
    G = nx.Graph()
    G.add_edges_from([("hub", "a"), ("hub", "b"), ("hub", "c")])
    G.nodes["hub"]["type"], G.nodes["a"]["type"] = "Country", "Person"
    H = gephi_graph(G)
    assert H.nodes["hub"]["viz"]["color"] == {"r": 0xF2, "g": 0x8E, "b": 0x2B, "a": 1.0}  # the views' Country
    assert H.nodes["a"]["viz"]["color"] == {"r": 0x4E, "g": 0x79, "b": 0xA7, "a": 1.0}  # the views' Person
    assert H.nodes["hub"]["viz"]["size"] == 40.0 and H.nodes["a"]["viz"]["size"] == 20.0
    places = {(H.nodes[n]["viz"]["position"]["x"], H.nodes[n]["viz"]["position"]["y"]) for n in H}
    assert len(places) == 4
    assert gephi_graph(G).nodes["b"]["viz"] == H.nodes["b"]["viz"]  # the same graph, the same drawing


@pytest.mark.parametrize("format", ["graphml", "gexf"])
def test_a_view_round_trips_through_gephi_formats(tiny_store, tmp_path, format):
    G = to_networkx(tiny_store, view="actors")
    path = write_network(G, tmp_path / f"actors.{format}", format)
    back = nx.read_graphml(path) if format == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == 3 and back.number_of_edges() == 3
    assert back.nodes[ID + "rahmon"]["label"] == "Emomali Rahmon"
    assert back.edges[ID + "iraq", ID + "tajikistan"]["weight"] == 2
    link = (ID + "iraq", ID + "tajikistan")
    assert back.edges[link]["claims"] == len(G.edges[link]["claims"])


def test_gexf_read_back_keeps_its_viz_colours_sizes_and_positions(tiny_store, tmp_path):
    path = write_network(to_networkx(tiny_store, view="actors"), tmp_path / "actors.gexf", "gexf")
    back = nx.read_gexf(path)
    viz = back.nodes[ID + "rahmon"]["viz"]
    assert viz["color"] == {"r": 0x4E, "g": 0x79, "b": 0xA7, "a": 1.0}  # a person
    assert 10.0 <= viz["size"] <= 40.0
    assert set(viz["position"]) == {"x", "y", "z"}


def test_gexf_viz_elements_follow_the_gexf_1_2_viz_schema(tiny_store, tmp_path):
    path = write_network(to_networkx(tiny_store, view="claims"), tmp_path / "claims.gexf", "gexf")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.gexf.net/1.2draft}gexf" and root.get("version") == "1.2"
    viz = "{http://www.gexf.net/1.2draft/viz}"
    nodes = root.iter("{http://www.gexf.net/1.2draft}node")
    for node in nodes:
        children = {child.tag: child for child in node}
        colour, size, position = children[viz + "color"], children[viz + "size"], children[viz + "position"]
        assert all(0 <= int(colour.get(c)) <= 255 for c in "rgb") and 0.0 <= float(colour.get("a")) <= 1.0
        assert float(size.get("value")) > 0
        assert all(float(position.get(axis)) == float(position.get(axis)) for axis in "xyz")  # numbers, not NaN
    thickness = [float(e.get("value")) for e in root.iter(viz + "thickness")]
    assert thickness and min(thickness) > 0
    # no viz element outside the viz namespace, none of another GEXF version
    assert {e.tag.split("}")[0] + "}" for e in root.iter() if "viz" in e.tag} == {viz}


def test_claim_nodes_carry_quote_speaker_outlet_date_and_status(tiny_store, tmp_path):
    path = write_network(to_networkx(tiny_store, view="claims"), tmp_path / "claims.gexf", "gexf")
    claims = [d for _, d in nx.read_gexf(path).nodes(data=True) if d["kind"] == "claim"]
    eighty_four = next(d for d in claims if d["value"] == "84")
    assert eighty_four["speaker"] == "Emomali Rahmon"
    assert eighty_four["status"] == "conflicting"
    assert eighty_four["quote"] == "Tajikistan repatriated 84 minors from Iraq"
    assert (eighty_four["outlet"], eighty_four["date"]) == ("Wire Agency", "2019-05-01")


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
