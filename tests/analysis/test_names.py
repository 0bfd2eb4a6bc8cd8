"""Names as users type them: labels, aliases and ids, any case; clear errors otherwise."""

import networkx as nx
import pytest

import kg
from kg.analysis import resolve

from .conftest import ID


def test_labels_aliases_and_ids_in_any_case(seed_actors):
    for name in ("Tokayev", "kassym-jomart tokayev", "KASYM-ZHOMART TOKAYEV", "tokayev", "id:tokayev", ID + "tokayev"):
        assert resolve(seed_actors, name) == ID + "tokayev", name


def test_an_unknown_name_suggests_the_closest(seed_actors):
    with pytest.raises(kg.KGError, match=r"E801 unknown name 'Tokaev' in the actors view; closest: 'Tokayev'"):
        resolve(seed_actors, "Tokaev")


def test_a_name_of_two_nodes_is_ambiguous():
    G = nx.Graph()
    G.add_node(ID + "a", label="Foreign Ministry", aliases=["MFA"])
    G.add_node(ID + "b", label="Ministry of Foreign Affairs", aliases=["MFA"])
    with pytest.raises(kg.KGError, match=r"E802 ambiguous name 'mfa': it names Foreign Ministry \(id:a\), "):
        resolve(G, "mfa")


def test_a_place_is_named_but_is_not_a_node(seed_network):
    with pytest.raises(kg.KGError, match=r"E707 'Baghdad' names id:baghdad \(Place\)"):
        resolve(seed_network, "Baghdad")


def test_an_operation_is_not_in_the_actors_view(seed_actors):
    with pytest.raises(kg.KGError, match=r"E707 .*--view network"):
        resolve(seed_actors, "zhusan-1")
