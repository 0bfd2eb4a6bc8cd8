"""Paths between actors and the actors around one, on hand-built graphs and on the seeds."""

import networkx as nx
import pytest

import kg
from kg.analysis import connection, ego_members

from .conftest import ID


def diamond():
    """a reaches d through b (3 + 3 articles) or c (1 + 1)."""
    G = nx.Graph(view="actors")
    G.add_edge("a", "b", weight=3)
    G.add_edge("b", "d", weight=3)
    G.add_edge("a", "c", weight=1)
    G.add_edge("c", "d", weight=1)
    G.add_edge("x", "y", weight=1)
    return G


def test_the_best_supported_shortest_path_is_chosen():
    assert [(h.source, h.target) for h in connection(diamond(), "a", "d")] == [("a", "b"), ("b", "d")]


def test_each_hop_keeps_its_link_attributes():
    assert [h.data["weight"] for h in connection(diamond(), "a", "d")] == [3, 3]


def test_a_disconnected_pair_is_a_clear_error():
    with pytest.raises(kg.KGError, match="E703 no path between a and x in the actors view"):
        connection(diamond(), "a", "x")


def test_ego_members_are_nearest_first_with_the_link_reaching_them():
    members = ego_members(diamond(), "a", depth=2)
    assert [(m.node, m.distance, m.via) for m in members] == [("b", 1, "a"), ("c", 1, "a"), ("d", 2, "b")]


def test_depth_one_is_the_neighbours():
    assert {m.node for m in ego_members(diamond(), "b", depth=1)} == {"a", "d"}


def test_seed_path_from_tokayev_to_tajikistan_goes_through_named_nodes(seed_network):
    hops = connection(seed_network, ID + "tokayev", ID + "tajikistan")
    nodes = [hops[0].source] + [h.target for h in hops]
    assert nodes[0] == ID + "tokayev" and nodes[-1] == ID + "tajikistan"
    assert ID + "tajik-repatriation-2019-04" in nodes
    assert all(seed_network.nodes[n]["label"] and not seed_network.nodes[n]["label"].startswith("http") for n in nodes)
    assert all(h.data["claims"] and h.data["weight"] >= 1 for h in hops)


def test_seed_rakhymberdiyev_is_not_connected_to_tokayev(seed_network):
    with pytest.raises(kg.KGError, match="E703"):
        connection(seed_network, ID + "tokayev", ID + "rakhymberdiyev")
