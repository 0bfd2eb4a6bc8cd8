"""Paths between actors and the actors around one, on hand-built graphs and on the seeds."""

import itertools

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


# --- paths in time (issue 17) ---------------------------------------------------------------------


def dated_diamond():
    """a reaches d through b (2019, then back to 2015) or through c (2019-02, then 2019-05)."""
    G = nx.Graph(view="network")
    G.add_edge("a", "b", weight=3, claims=["ab"])
    G.add_edge("b", "d", weight=3, claims=["bd"])
    G.add_edge("a", "c", weight=1, claims=["ac"])
    G.add_edge("c", "d", weight=1, claims=["cd"])
    G.add_edge("b", "c", weight=1, claims=["bc"])
    dates = {"ab": "2019", "bd": "2015", "ac": "2019-02", "cd": "2019-05-10", "bc": "2020"}
    return G, dates


def hops(paths):
    return [[(h.source, h.target, h.date) for h in path] for path in paths]


def test_a_path_that_would_go_back_in_time_is_not_returned_in_time():
    G, dates = dated_diamond()
    assert hops(kg.analysis.connections(G, "a", "d", dates=dates)) == [[("a", "b", "2019"), ("b", "d", "2015")]]
    in_time = kg.analysis.connections(G, "a", "d", dates=dates, in_time=True)
    assert hops(in_time) == [[("a", "c", "2019-02"), ("c", "d", "2019-05-10")]]


def test_a_year_is_not_earlier_than_a_month_in_it():
    G, dates = dated_diamond()
    dates["cd"] = "2019"  # 2019-02 then 2019: the year covers February and after
    assert hops(kg.analysis.connections(G, "a", "d", dates=dates, in_time=True))[0][1] == ("c", "d", "2019")


def test_k_shortest_paths_come_shortest_first_best_supported_first():
    G, dates = dated_diamond()
    paths = kg.analysis.connections(G, "a", "d", k=4, dates=dates)
    assert [[h.source for h in p] + [p[-1].target] for p in paths] == [
        ["a", "b", "d"], ["a", "c", "d"], ["a", "b", "c", "d"], ["a", "c", "b", "d"],
    ]  # fmt: skip


def test_since_and_until_keep_links_dated_within():
    G, dates = dated_diamond()
    paths = kg.analysis.connections(G, "a", "d", k=5, dates=dates, since="2019-01", until="2019-12")
    assert hops(paths) == [[("a", "c", "2019-02"), ("c", "d", "2019-05-10")]]
    with pytest.raises(kg.KGError, match="E711 no path between a and d in the network view through links dated"):
        kg.analysis.connections(G, "a", "d", dates=dates, since="2021")


def test_no_path_in_time_is_a_clear_error():
    G, dates = dated_diamond()
    dates.update(ac="2020", bc="2021")
    with pytest.raises(kg.KGError, match=r"E711 .* that keeps to time"):
        kg.analysis.connections(G, "a", "d", dates=dates, in_time=True)


def test_seed_paths_in_time_never_step_back(seed_store):
    def dates_of(*options):
        rows = kg.analysis.analyze_path(seed_store, "Tokayev", "Nazarbayev", k=5, **dict(options)).rows
        paths: dict[int, list[str]] = {}
        for row in rows:
            paths.setdefault(row["path"], []).append(row["date"])
        return list(paths.values())

    def in_order(days):
        return all(kg.vocab.date_period(b)[1] >= kg.vocab.date_period(a)[0] for a, b in itertools.pairwise(days))

    assert not all(in_order(days) for days in dates_of())  # the seeds have a path back in time
    timed = dates_of(("in_time", True))
    assert len(timed) == 5 and all(in_order(days) for days in timed)
    assert all(day for days in timed for day in days)  # every hop dated
