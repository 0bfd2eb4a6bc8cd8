"""The one reader of a built store: what analysis, the views and the exports are made of."""

import pytest

import kg
from kg.graphdata import PARTS, Quantity, read_graph_data

ID = "https://kg.example.org/id/"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    store = str(tmp_path_factory.mktemp("graphdata") / "store")
    kg.build("tests/data/tiny", store=store, out=None)
    return read_graph_data(store)


def test_entities_have_their_most_specific_type_label_and_aliases(tiny):
    assert tiny.entities[ID + "rahmon"].label == "Emomali Rahmon"
    assert tiny.entities[ID + "tajikistan"].type == "Country"  # also a kg:Place


def test_a_quantity_reads_as_the_label_the_build_stored(tiny):
    assert sorted(q.label for q in tiny.quantities.values()) == ["84 minors", "86 children"]
    assert sorted(q.text for q in tiny.quantities.values()) == ["84", "86"]
    assert Quantity("q", "at least 201 citizens", lower="201", counted="citizens").text == "at least 201"


def test_claims_carry_quote_status_group_and_article(tiny):
    claims = [c for c in tiny.claims if c.type == "Claim" and c.object in tiny.quantities]
    assert {c.status for c in claims} == {"conflicting"}
    assert all(c.quote and c.group in tiny.groups and c.article in tiny.articles for c in claims)
    assert all(c.start is not None and c.end > c.start for c in claims)


def test_a_part_not_read_is_empty_and_required_parts_are_checked(tmp_path):
    store = str(tmp_path / "store")
    kg.build("tests/data/tiny", store=store, out=None)
    data = read_graph_data(store, ("entities",))
    assert data.entities and not data.claims and not data.quantities
    with pytest.raises(ValueError, match="without claims"):
        data.require("claims")
    with pytest.raises(ValueError, match="unknown parts"):
        read_graph_data(store, ("people",))
    assert set(PARTS) >= {"entities", "claims", "quotes", "quantities", "groups", "articles"}
