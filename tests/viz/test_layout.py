"""Precomputed layouts: deterministic, components kept close, large graphs fast enough to precompute."""

import math

import networkx as nx

from kg.viz.layout import EDGE_LENGTH, SPRING_LIMIT, layout


def test_the_same_graph_gets_the_same_layout():
    G = nx.karate_club_graph()
    assert layout(G) == layout(nx.karate_club_graph())


def test_small_components_are_packed_near_the_large_one():
    G = nx.disjoint_union_all([nx.cycle_graph(30), nx.path_graph(2), nx.path_graph(2), nx.empty_graph(3)])
    pos = layout(G)
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    # 30 nodes on a cycle with edges of EDGE_LENGTH px span about 30 * EDGE_LENGTH / pi; the rest sits beside it
    assert max(max(xs) - min(xs), max(ys) - min(ys)) < 3 * 30 * EDGE_LENGTH / math.pi


def test_edges_are_about_edge_length_long():
    G = nx.grid_2d_graph(6, 6)
    pos = layout(G)
    lengths = sorted(math.dist(pos[u], pos[v]) for u, v in G.edges())
    assert abs(lengths[len(lengths) // 2] - EDGE_LENGTH) < 1


def test_a_graph_above_the_spring_limit_is_laid_out_by_igraph():
    G = nx.gnm_random_graph(SPRING_LIMIT * 3, SPRING_LIMIT * 4, seed=1)
    G = G.subgraph(max(nx.connected_components(G), key=len)).copy()
    pos = layout(G)
    assert set(pos) == set(G)
    lengths = sorted(math.dist(pos[u], pos[v]) for u, v in G.edges())
    assert abs(lengths[len(lengths) // 2] - EDGE_LENGTH) < 1
