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


# -- agreement between values: linear in the claims --------------------------------------------

from rdflib import RDFS, Literal  # noqa: E402

from kg.compile import CompiledCorpus  # noqa: E402
from kg.model import Annotated, Article, Claim, Quantity, Registry, Span  # noqa: E402
from kg.namespace import KG  # noqa: E402


def _report(n: int, outlet: str, value: int, speaker: str | None = None, approximate: bool = False) -> Annotated:
    text = f"{value} people returned."
    article = Article(id=f"r{n}", text=text, title="t", outlet=outlet)
    claim = Claim(
        span=Span.of(text, text),
        speaker=speaker or outlet,
        subject="kz",
        predicate="repatriated",
        quantity=Quantity(value=value, kind="people", approximate=approximate),
        about="op",
    )
    return Annotated(article=article, claims=[claim])


def _reports(n: int) -> list[Annotated]:
    """n reports about one operation from 10 outlets (o0 ... o9, in turn): 43 in every fifth, else 47."""
    return [_report(i, f"o{i % 10}", 43 if i % 5 == 0 else 47) for i in range(n)]


def test_each_distinct_value_is_a_node_and_each_claim_supports_one():
    compiled = CompiledCorpus(Registry(), [_report(0, "afp", 47), _report(1, "tca", 47), _report(2, "dp", 43)])
    triples = {(s, p, o) for s, p, o, _ in compiled}
    (group,) = compiled.groups
    assert [(v.text, len(v.members), sorted(v.originals)) for v in group.values] == [
        ("47 people", 2, ["afp", "tca"]),
        ("43 people", 1, ["dp"]),
    ]
    seven, three = (v.iri for v in group.values)
    assert {(seven, KG.conflictsWithValue, three), (three, KG.conflictsWithValue, seven)} <= triples
    assert {(seven, KG.valueOf, group.iri), (three, KG.valueOf, group.iri)} <= triples
    assert {(seven, RDFS.label, Literal("47 people")), (seven, KG.outletCount, Literal(2))} <= triples
    supported = {(m.iri, KG.supportsValue, v) for m, v in zip(group.members, (seven, seven, three), strict=True)}
    assert supported == {t for t in triples if t[1] == KG.supportsValue}
    assert not {p for _, p, _ in triples} & {KG.conflictsWith, KG.corroborates}  # no claim-to-claim links


def test_overlapping_values_agree_and_their_claims_corroborate_each_other():
    about = _report(3, "rfe", 45, approximate=True)  # "about 45": 47 falls inside it
    compiled = CompiledCorpus(Registry(), [_report(0, "afp", 47), about], ontology=False)
    list(compiled)
    (group,) = compiled.groups
    values = {v.text: v for v in group.values}
    assert [w.text for w in values["about 45 people"].agrees] == ["47 people"]
    assert {m.status for m in group.members} == {"corroborated"}
    assert [o.outlet for o in group.members[0].corroborations] == ["rfe"]


def test_one_speaker_giving_two_figures_in_one_article_does_not_conflict_with_itself():
    text = "47 people returned, or 43 by another count."
    article = Article(id="x", text=text, title="t", outlet="afp")
    claims = [
        Claim(Span.of(text, quote), "afp", "kz", "repatriated", quantity=Quantity(value=n, kind="people"), about="op")
        for quote, n in (("47 people returned", 47), ("43 by another count", 43))
    ]
    compiled = CompiledCorpus(Registry(), [Annotated(article=article, claims=claims)], ontology=False)
    list(compiled)
    (group,) = compiled.groups
    assert [m.status for m in group.members] == ["single-source", "single-source"]
    assert not group.contested and all(not v.conflicts for v in group.values)


def test_a_thousand_reports_about_one_operation_make_links_linear_in_the_claims():
    reports = _reports(1000)
    compiled = CompiledCorpus(Registry(), reports, ontology=False)
    quads = list(compiled)
    (group,) = compiled.groups
    assert len(group.values) == 2
    assert {m.status for m in group.members} == {"conflicting"}
    links = [p for _, p, _, _ in quads if p in (KG.supportsValue, KG.conflictsWithValue, KG.agreesWithValue)]
    assert len(links) == 1000 + 2  # one per claim, and 47 against 43 both ways
    # o0 and o5 say 43, the other eight outlets 47
    assert {(m.claim.quantity.value, m.outlet_count) for m in group.members} == {(43, 2), (47, 8)}
