"""From the RDF graph to networkx views: who is a node, what links them, what each link remembers."""

import pytest
from rdflib import Dataset

import kg
from kg.analysis import actor_graph, claim_source_graph, read_graph_data, to_networkx
from kg.analysis.convert import EXAMPLE

from .conftest import ID

OP, TAJ, IRAQ, RAHMON = ID + "tajik-repatriation", ID + "tajikistan", ID + "iraq", ID + "rahmon"
A1, A2 = ID + "article/a1", ID + "article/a2"


def labelled_edges(G):
    return {frozenset((G.nodes[u]["label"], G.nodes[v]["label"])): d for u, v, d in G.edges(data=True)}


def test_network_view_links_every_two_participants_of_a_claim(tiny_store):
    G = to_networkx(tiny_store, view="network")
    assert set(G) == {OP, TAJ, IRAQ, RAHMON}
    assert sorted((G.nodes[u]["label"], G.nodes[v]["label"]) for u, v in G.edges) == [
        ("Emomali Rahmon", "Tajik repatriation from Iraq"),
        ("Emomali Rahmon", "Tajikistan"),
        ("Iraq", "Emomali Rahmon"),
        ("Iraq", "Tajik repatriation from Iraq"),
        ("Tajik repatriation from Iraq", "Tajikistan"),
    ]


def test_outlets_reporting_in_their_own_voice_are_not_nodes(tiny_store):
    G = to_networkx(tiny_store, view="network")
    assert ID + "wire" not in G and ID + "daily" not in G


def test_a_link_weighs_its_distinct_articles_and_keeps_its_claims(tiny_store):
    G = to_networkx(tiny_store, view="network")
    link = G.edges[OP, TAJ]
    assert link["weight"] == 2
    assert link["articles"] == [A1, A2]
    assert len(link["claims"]) == 4
    assert all(c.startswith(ID + "claim/") for c in link["claims"])
    assert link["roles"] == ["agent", "repatriated", "returned", "speaker"]


def test_a_named_speaker_is_linked_to_what_it_speaks_of(tiny_store):
    G = to_networkx(tiny_store, view="network")
    assert G.edges[RAHMON, OP]["roles"] == ["speaker"]
    assert G.edges[RAHMON, TAJ]["predicates"] == ["said"]


def test_actors_view_links_actors_through_a_shared_operation(tiny_store):
    G = to_networkx(tiny_store, view="actors")
    assert set(G) == {TAJ, IRAQ, RAHMON}
    through_op = G.edges[TAJ, IRAQ]
    assert through_op["via"] == [OP]
    assert through_op["predicates"] == []
    assert through_op["weight"] == 2
    assert G.edges[IRAQ, RAHMON]["predicates"] == ["thanked"]
    assert G.edges[IRAQ, RAHMON]["weight"] == 1


def test_bipartite_view_has_only_actor_operation_links(tiny_store):
    G = to_networkx(tiny_store, view="bipartite")
    assert {G.nodes[n]["bipartite"] for n in G} == {0, 1}
    assert all(G.nodes[u]["bipartite"] != G.nodes[v]["bipartite"] for u, v in G.edges)
    assert G.number_of_edges() == 3


def test_claims_view_joins_claims_to_groups_outlets_and_speakers(tiny_store):
    G = claim_source_graph(tiny_store)
    kinds = [d["kind"] for _, d in G.nodes(data=True)]
    assert kinds.count("group") == 5 and kinds.count("claim") == 7
    values = {d["value"] for _, d in G.nodes(data=True) if d["kind"] == "claim"}
    assert {"84", "86", "2019-04", "2019-04-30", "Iraq", "Tajikistan"} <= values
    conflicts = [
        (G.nodes[a]["value"], G.nodes[b]["value"]) for a, b, d in G.edges(data=True) if d["relation"] == "conflicts"
    ]
    assert sorted(map(sorted, conflicts)) == [["84", "86"]]


def test_rdf_in_memory_converts_like_a_store():
    ds = Dataset()
    ds.parse(data=EXAMPLE, format="turtle")
    G = actor_graph(ds)
    assert sorted(G.nodes[n]["label"] for n in G) == ["Kazakhstan", "Tokayev"]


def test_a_construct_result_converts(tiny_store):
    results = kg.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", store=tiny_store)
    G = to_networkx(results, view="network")
    assert set(G) == {OP, TAJ, IRAQ, RAHMON}


def test_an_unknown_view_is_an_error(tiny_store):
    with pytest.raises(kg.KGError, match="E704 unknown view 'people'"):
        to_networkx(tiny_store, view="people")


def test_conversion_reads_each_claim_once(seed_store):
    data = read_graph_data(seed_store)
    claims = kg.query("SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Claim }", store=seed_store).rows[0][0].toPython()
    statements = kg.query("SELECT (COUNT(?s) AS ?n) WHERE { ?s a kg:Statement }", store=seed_store).rows[0][0]
    assert len(data.claims) == claims + statements.toPython()


def test_seed_actors_are_named_nodes(seed_actors):
    assert seed_actors.nodes[ID + "tokayev"]["label"] == "Kassym-Jomart Tokayev"
    assert "Kasym-Zhomart Tokayev" in seed_actors.nodes[ID + "tokayev"]["aliases"]
    assert {d["type"] for _, d in seed_actors.nodes(data=True)} <= {
        "Person", "Country", "GovernmentBody", "Organisation", "ArmedGroup", "MediaOutlet", "Group"
    }  # fmt: skip


def test_seed_tokayev_is_linked_to_kazakhstan_by_several_articles(seed_actors):
    link = seed_actors.edges[ID + "tokayev", ID + "kazakhstan"]
    assert link["weight"] >= 3
    assert ID + "zhusan-2" in link["via"]
