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


def test_claim_pairs_reach_every_conflicting_value_and_grow_with_the_claims():
    from kg.compile import CompiledCorpus, to_dataset
    from kg.graphdata import claim_pairs
    from kg.model import Annotated, Article, Claim, Quantity, Registry, Span

    def report(n: int) -> Annotated:
        value = 43 if n % 5 == 0 else 47
        text = f"{value} people returned."
        claim = Claim(
            Span.of(text, text), f"o{n % 10}", "kz", "repatriated", quantity=Quantity(value=value), about="op"
        )
        return Annotated(article=Article(id=f"r{n}", text=text, title="t", outlet=f"o{n % 10}"), claims=[claim])

    ds = to_dataset(CompiledCorpus(Registry(), [report(n) for n in range(60)], ontology=False))
    data = read_graph_data(ds, ("claims", "triples", "quantities", "articles", "conflicts", "agreements"))
    value = {c.iri: data.quantities[c.object].value for c in data.claims}
    assert (data.conflicts, data.agreements) == claim_pairs(ds)
    # 48 claims of 47 against 12 of 43: 576 pairs in all, drawn as one pair per claim
    assert len(data.conflicts) == 59 and {c for pair in data.conflicts for c in pair} == set(value)
    assert all({value[a], value[b]} == {"43", "47"} for a, b in data.conflicts)
    assert 0 < len(data.agreements) <= 60 and all(value[a] == value[b] for a, b in data.agreements)
    outlet = {c.iri: data.outlet(c.article) for c in data.claims}
    assert all(outlet[a] != outlet[b] for a, b in data.agreements)
