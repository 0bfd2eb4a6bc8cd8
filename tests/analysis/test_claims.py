"""Claim support: distinct outlets per value, conflicts, single-source groups."""

import pytest

from kg.analysis import claim_source_graph, claim_support


@pytest.fixture(scope="module")
def seed_groups(seed_store):
    return claim_support(claim_source_graph(seed_store))


def group_of(groups, topic, predicate, kind):
    found = [g for g in groups if (g.topic_label, g.predicate, g.kind) == (topic, predicate, kind)]
    assert len(found) == 1, [(g.topic_label, g.predicate, g.kind) for g in groups if g.topic_label == topic]
    return found[0]


def test_tiny_84_and_86_minors_conflict(tiny_store):
    groups = claim_support(claim_source_graph(tiny_store))
    contested = [g for g in groups if g.contested]
    assert len(contested) == 1
    assert {v.value: v.conflicts_with for v in contested[0].values} == {"84": ["86"], "86": ["84"]}
    assert {v.value: v.outlet_labels for v in contested[0].values} == {"84": ["Wire Agency"], "86": ["The Daily"]}
    assert groups[0] is contested[0]


def test_tiny_dates_that_overlap_are_corroborated_by_two_outlets(tiny_store):
    groups = claim_support(claim_source_graph(tiny_store))
    dates = next(g for g in groups if g.predicate == "hasTimeStamp")
    assert dates.verdict == "corroborated" and dates.outlets == 2
    assert {v.value for v in dates.values} == {"2019-04", "2019-04-30"}


def test_tiny_single_source_groups(tiny_store):
    groups = claim_support(claim_source_graph(tiny_store))
    assert sorted(g.predicate for g in groups if g.single_source) == ["agent", "origin", "thanked"]


def test_seed_january_2019_figures_are_contested(seed_groups):
    january = group_of(seed_groups, "Operation Zhusan, January 2019", "repatriated", "people")
    assert january.contested and january.verdict == "contested"
    values = {v.value: v for v in january.values}
    assert {"47", "43"} <= set(values)
    assert values["47"].conflicts_with == ["43"]
    assert values["43"].conflicts_with == ["47"]
    assert values["47"].outlet_labels == ["Agence France-Presse", "The Times of Central Asia", "Vestnik Kavkaza"]
    assert values["43"].outlet_labels == ["The Defense Post"]
    assert values["47"].status == values["43"].status == "conflicting"


def test_seed_231_is_corroborated_by_three_outlets(seed_groups):
    may = group_of(seed_groups, "Operation Zhusan, May 2019", "repatriated", "people")
    value = next(v for v in may.values if v.value == "231")
    assert len(value.outlets) == 3
    assert value.status == "corroborated"
    assert not may.contested


def test_seed_contested_groups_come_first(seed_groups):
    assert [g.contested for g in seed_groups[:2]] == [True, True]
    assert not any(g.contested for g in seed_groups[2:])
