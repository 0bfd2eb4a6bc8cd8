"""Communities on small graphs with known answers, and on the seeds."""

import networkx as nx

from kg.analysis import actor_communities, community_index

from .conftest import ID


def test_two_triangles_joined_by_one_edge_are_two_communities():
    G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    assert actor_communities(G) == [{"a", "b", "c"}, {"d", "e", "f"}]


def test_the_largest_community_is_number_zero():
    G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "a"), ("x", "y")])
    index = community_index(actor_communities(G))
    assert index["a"] == 0 and index["x"] == 1


def test_communities_are_the_same_every_run():
    G = nx.les_miserables_graph()
    assert actor_communities(G) == actor_communities(G)


def test_an_empty_graph_has_no_communities():
    assert actor_communities(nx.Graph()) == []


def test_seed_tokayev_and_the_knb_are_reported_together(seed_actors):
    index = community_index(actor_communities(seed_actors))
    assert index[ID + "tokayev"] == index[ID + "knb"]
    assert index[ID + "tajik-government"] != index[ID + "tokayev"]
