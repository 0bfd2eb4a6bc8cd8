from kg.compile.crosssource import compare_claims
from kg.corpus import read_corpus


def status_of(groups, predicate, value=None):
    return {
        (m.outlet, m.status, m.outlet_count)
        for g in groups
        for m in g.members
        if m.claim.predicate == predicate and (value is None or (m.claim.quantity and m.claim.quantity.value == value))
    }


def test_84_and_86_children_conflict(tiny_corpus):
    groups = compare_claims(read_corpus(tiny_corpus))
    assert status_of(groups, "repatriated", 84) == {("wire", "conflicting", 1)}
    assert status_of(groups, "returned", 86) == {("daily", "conflicting", 1)}


def test_a_day_inside_the_month_corroborates_the_month(tiny_corpus):
    groups = compare_claims(read_corpus(tiny_corpus))
    assert status_of(groups, "sem:hasTimeStamp") == {("wire", "corroborated", 2), ("daily", "corroborated", 2)}


def test_agreeing_figure_from_a_third_outlet_corroborates_and_counts_outlets(tiny_corpus):
    (tiny_corpus / "a3.txt").write_text("Tajikistan repatriated 84 minors, a Weekly source said.\n")
    (tiny_corpus / "a3.yaml").write_text(
        "article: {title: T, outlet: weekly}\n"
        "claims:\n"
        "  - {quote: Tajikistan repatriated 84 minors, subject: tajikistan, predicate: evacuated,\n"
        "     quantity: {value: 84, kind: children}, about: tajik-repatriation}\n"
    )
    groups = compare_claims(read_corpus(tiny_corpus))
    assert status_of(groups, "repatriated", 84) == {("wire", "conflicting", 2)}
    assert status_of(groups, "evacuated", 84) == {("weekly", "conflicting", 2)}
    group = next(g for g in groups if g.key[0] == "quantity")
    assert group.value_count == 2 and group.contested


def test_the_same_outlet_twice_is_one_outlet(tiny_corpus):
    (tiny_corpus / "a3.txt").write_text("Rahmon thanked Iraq again.\n")
    (tiny_corpus / "a3.yaml").write_text(
        "article: {title: T, outlet: wire}\n"
        "claims:\n"
        "  - {quote: Rahmon thanked Iraq, subject: rahmon, predicate: thanked, object: iraq}\n"
    )
    assert status_of(compare_claims(read_corpus(tiny_corpus)), "thanked") == {("wire", "single-source", 1)}
