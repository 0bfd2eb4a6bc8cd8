"""Centrality on small graphs with known answers, and on the seeds."""

import networkx as nx
import pytest

import kg
from kg.analysis import actor_centrality, ranking

from .conftest import ID


def star():
    G = nx.Graph()
    G.add_edges_from(("centre", leaf, {"weight": 1}) for leaf in ("a", "b", "c", "d"))
    return G


def two_triangles():
    """Triangles a-b-c and d-e-f joined by the bridge c-d."""
    G = nx.Graph()
    G.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    return G


def test_the_centre_of_a_star_has_degree_one():
    scores = actor_centrality(star())
    assert scores["degree"]["centre"] == 1.0
    assert scores["degree"]["a"] == 0.25
    assert scores["betweenness"]["centre"] == 1.0
    assert ranking(scores, "pagerank")[0] == "centre"


def test_bridge_nodes_have_the_highest_betweenness():
    scores = actor_centrality(two_triangles())
    top = ranking(scores, "betweenness")
    assert set(top[:2]) == {"c", "d"}
    assert scores["betweenness"]["c"] == pytest.approx(0.6)
    assert scores["betweenness"]["a"] == 0.0


def test_pagerank_follows_the_weight_of_links():
    G = nx.Graph()
    G.add_edge("a", "b", weight=10)
    G.add_edge("a", "c", weight=1)
    pagerank = actor_centrality(G)["pagerank"]
    assert pagerank["b"] > pagerank["c"]


def test_the_networkx_backend_can_be_named():
    assert actor_centrality(star(), backend="networkx")["degree"]["centre"] == 1.0


def test_a_backend_that_is_not_installed_is_a_clear_error():
    with pytest.raises(kg.KGError, match="E705 networkx backend 'no-such-backend' is not usable"):
        actor_centrality(star(), backend="no-such-backend")


def test_sampled_betweenness_is_seeded():
    G = nx.barabasi_albert_graph(60, 2, seed=1)
    first = actor_centrality(G, k=20)["betweenness"]
    assert first == actor_centrality(G, k=20)["betweenness"]


def test_an_unknown_measure_is_an_error():
    with pytest.raises(kg.KGError, match="E709"):
        ranking(actor_centrality(star()), "closeness")


def test_seed_tokayev_and_kazakhstan_are_the_most_central(seed_actors):
    scores = actor_centrality(seed_actors)
    for measure in ("pagerank", "degree"):
        assert {ID + "tokayev", ID + "kazakhstan"} <= set(ranking(scores, measure)[:3]), measure
