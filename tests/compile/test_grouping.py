"""Which quantity claims are compared: events, kinds, time scope, modality, and the basis of a status."""

from kg.compile.crosssource import compare_claims, counted_kind, mechanisms_off
from kg.model import Annotated, Article, Claim, Corpus, Entity, Kind, Mention, Provenance, Quantity, Registry, Span

MACHINE = Provenance("machine", "quantities", 0.8)


def registry() -> Registry:
    return Registry(
        entities={
            "kazakhstan": Entity("kazakhstan", "Country", "Kazakhstan"),
            "syria": Entity("syria", "Country", "Syria"),
            "iraq": Entity("iraq", "Country", "Iraq"),
            "op": Entity("op", "Operation", "Operation Wormwood"),
        },
        kinds={
            "people": Kind("people", "people", aliases=("citizens",)),
            "women": Kind("women", "women", broader="people"),
            "children": Kind("children", "children", broader="people"),
            "orphans": Kind("orphans", "orphans", broader="children"),
        },
    )


def article(outlet: str, published: str, sentence: str, number: str, claim: dict, mentions=()) -> Annotated:
    """One sentence, one quantity claim (``number`` is where the figure stands in the sentence)."""
    a = Article(id=f"{outlet}-{number}", text=f"Headline\n\n{sentence}", title="t", outlet=outlet, published=published)
    span = Span.of(a.text, sentence)
    defaults = {"speaker": outlet, "subject": "kazakhstan", "predicate": "returned", "provenance": MACHINE}
    quantity = claim.pop("quantity")
    made = Claim(span=span, quantity=quantity, **{**defaults, **claim})
    found = [Mention(Span.of(a.text, m), (e,)) for m, e in mentions]
    return Annotated(article=a, claims=[made], mentions=found)


def statuses(*articles: Annotated, off: tuple[str, ...] = ()) -> dict[str, tuple[str, str | None]]:
    groups = compare_claims(Corpus(registry(), list(articles)), off=off)
    return {m.article: (m.status, m.basis) for g in groups for m in g.members}


def test_two_events_of_one_country_are_not_compared():
    may = article("wire", "2019-05-10", "Kazakhstan returned 231 citizens from Syria.", "231",
                  {"quantity": Quantity(value=231, counted="citizens", kind="people")})  # fmt: skip
    november = article("daily", "2019-11-13", "Kazakhstan returned 14 citizens from Iraq.", "14",
                       {"quantity": Quantity(value=14, counted="citizens", kind="people")})  # fmt: skip
    assert {k: s for k, (s, _) in statuses(may, november).items()} == {
        "wire-231": "single-source",
        "daily-14": "single-source",
    }


def test_one_event_told_by_two_outlets_is_compared():
    one = article("wire", "2019-05-10", "Kazakhstan returned 231 citizens.", "231",
                  {"quantity": Quantity(value=231, counted="citizens", kind="people")})  # fmt: skip
    other = article("daily", "2019-05-11", "Kazakhstan returned 213 citizens.", "213",
                    {"quantity": Quantity(value=213, counted="citizens", kind="people")})  # fmt: skip
    assert {k: s for k, (s, _) in statuses(one, other).items()} == {
        "wire-231": "conflicting",
        "daily-213": "conflicting",
    }


def test_a_part_and_its_whole_are_not_compared():
    whole = article("wire", "2019-05-10", "Kazakhstan returned 231 citizens.", "231",
                    {"quantity": Quantity(value=231, counted="citizens", kind="people"), "about": "op"})  # fmt: skip
    part = article("daily", "2019-05-10", "Kazakhstan returned 156 children.", "156",
                   {"quantity": Quantity(value=156, counted="children", kind="people"), "about": "op"})  # fmt: skip
    assert {k: s for k, (s, _) in statuses(whole, part).items()} == {
        "wire-231": "single-source",
        "daily-156": "single-source",
    }


def test_the_counted_words_set_the_level():
    r = registry()
    assert counted_kind(Quantity(value=59, counted="women and 16 men", kind="people"), r) == "women"
    assert counted_kind(Quantity(value=47, counted="men, women, and children", kind="men"), r) == "people"
    assert counted_kind(Quantity(value=15, counted="girls", kind="children"), r) == "girls"
    assert counted_kind(Quantity(value=18, counted="the children", kind="children"), r) == "part of children"


def test_a_running_total_and_a_later_total_do_not_conflict():
    august = article("wire", "2019-08-31", "Kazakhstan has returned 595 citizens in total.", "595",
                     {"quantity": Quantity(value=595, kind="people"), "scope": "cumulative", "as_of": "2019-08"})  # fmt: skip
    later = article("daily", "2020-12-14", "Kazakhstan has returned 607 citizens in total.", "607",
                    {"quantity": Quantity(value=607, kind="people"), "scope": "cumulative", "as_of": "2020-12"})  # fmt: skip
    same = article("weekly", "2019-09-03", "Kazakhstan has returned about 600 citizens so far.", "600",
                   {"quantity": Quantity(value=600, approximate=True, kind="people"), "scope": "cumulative",
                    "as_of": "2019-08"})  # fmt: skip
    found = statuses(august, later, same)
    assert {k: s for k, (s, _) in found.items()} == {
        "wire-595": "corroborated",
        "daily-607": "single-source",
        "weekly-600": "corroborated",
    }


def test_a_plan_is_not_compared_with_what_happened():
    # "more" also makes the plan an increment, so scope is switched off: modality alone must keep them apart
    done = article("wire", "2019-11-13", "Kazakhstan returned 14 children.", "14",
                   {"quantity": Quantity(value=14, counted="children", kind="children"), "about": "op"})  # fmt: skip
    plan = article("daily", "2019-11-14", "Kazakhstan intends to return 20 more children.", "20",
                   {"quantity": Quantity(value=20, counted="more children", kind="children"), "about": "op",
                    "modality": "planned"})  # fmt: skip
    assert {k: s for k, (s, _) in statuses(done, plan, off=("scope",)).items()} == {
        "wire-14": "single-source",
        "daily-20": "single-source",
    }


def test_the_basis_of_a_conflict_names_both_values_and_sources():
    one = article("kazinform", "2019-05-10", "Kazakhstan returned 59 women.", "59",
                  {"quantity": Quantity(value=59, counted="women", kind="women"), "about": "op", "speaker": "knb"})  # fmt: skip
    other = article("reuters", "2019-05-10", "Kazakhstan returned 57 women.", "57",
                    {"quantity": Quantity(value=57, counted="women", kind="women"), "about": "op"})  # fmt: skip
    found = statuses(one, other)
    assert found["kazinform-59"] == (
        "conflicting",
        "59 women (kazinform, knb) vs 57 women (reuters): same event Operation Wormwood, same group (women), "
        "values differ; machine claims only",
    )


def test_a_claim_whose_acting_country_is_unknown_is_not_compared_and_says_so():
    unknown = article("wire", "2019-05-10", "Officials said 231 people came back.", "231",
                      {"quantity": Quantity(value=231, kind="people"), "subject": "officials"})  # fmt: skip
    other = article("daily", "2019-05-10", "Kazakhstan returned 213 citizens.", "213",
                    {"quantity": Quantity(value=213, counted="citizens", kind="people")})  # fmt: skip
    found = statuses(unknown, other)
    assert found["wire-231"] == ("single-source", "not compared: the event is unknown (no acting country)")
    assert found["daily-213"] == ("single-source", None)


def test_each_mechanism_can_be_switched_off():
    assert mechanisms_off("") == frozenset()
    assert mechanisms_off("events,sources") == {"events", "sources"}
    one = article("wire", "2019-05-10", "Kazakhstan returned 231 citizens from Syria.", "231",
                  {"quantity": Quantity(value=231, counted="citizens", kind="people")})  # fmt: skip
    other = article("daily", "2019-11-13", "Kazakhstan returned 14 citizens from Iraq.", "14",
                    {"quantity": Quantity(value=14, counted="citizens", kind="people")})  # fmt: skip
    groups = compare_claims(Corpus(registry(), [one, other]), off=("events",))
    assert {m.article: m.status for g in groups for m in g.members} == {
        "wire-231": "conflicting",
        "daily-14": "conflicting",
    }


def test_an_undated_running_total_joins_the_only_total_of_its_country_and_group():
    dated = article("wire", "2019-02-10", "Kazakhstan has returned 112 children in total.", "112",
                    {"quantity": Quantity(value=112, kind="children"), "scope": "cumulative", "as_of": "2019-02-10"})  # fmt: skip
    undated = article("daily", None, "Kazakhstan has returned more than 100 children in all.", "100",
                      {"quantity": Quantity(lower=101, kind="children"), "scope": "cumulative"})  # fmt: skip
    found = statuses(dated, undated)
    assert {k: s for k, (s, _) in found.items()} == {"wire-112": "corroborated", "daily-100": "corroborated"}
    assert "as of 2019-02-10 (the only one)" in found["daily-100"][1]
    # with two totals of different dates to choose from, it is not compared
    later = article("weekly", "2019-09-01", "Kazakhstan has returned 130 children in total.", "130",
                    {"quantity": Quantity(value=130, kind="children"), "scope": "cumulative", "as_of": "2019-09-01"})  # fmt: skip
    found = statuses(dated, undated, later)
    assert found["daily-100"] == (
        "single-source",
        "not compared: a running total whose date is unknown (2019-02-10 or 2019-09-01)",
    )


def test_a_figure_naming_no_event_or_action_joins_the_event_of_its_country_and_month():
    # "231 of its citizens" with no verb of its own: the event of May names the action
    named = [
        article(outlet, "2019-05-10", f"Kazakhstan returned {n} citizens.", str(n),
                {"quantity": Quantity(value=n, counted="citizens", kind="people"), "about": "op"})
        for outlet, n in (("wire", 231), ("daily", 231))
    ]  # fmt: skip
    bare = article("weekly", "2019-05-11", "Kazakhstan said 231 of its citizens were involved.", "231",
                   {"quantity": Quantity(value=231, counted="citizens", kind="people"), "predicate": "involved"})  # fmt: skip
    found = statuses(*named, bare)
    assert {k: s for k, (s, _) in found.items()} == {
        "wire-231": "corroborated",
        "daily-231": "corroborated",
        "weekly-231": "corroborated",
    }


def test_a_copy_reads_its_figures_as_the_text_it_copies_does():
    body = " ".join(f"Paragraph word{i}." for i in range(30))
    sentence = "Kazakhstan returned 231 citizens."

    def site(outlet: str, published: str | None, about: str | None) -> Annotated:
        a = Article(id=outlet, text=f"Headline\n\n{sentence} {body}", title="t", outlet=outlet, published=published)
        claim = Claim(Span.of(a.text, sentence), outlet, "kazakhstan", "returned",
                      quantity=Quantity(value=231, counted="citizens", kind="people"), about=about, provenance=MACHINE)  # fmt: skip
        return Annotated(article=a, claims=[claim])

    # the undated copy names no event, and its own month is unknown: it follows its original
    original, copy = site("afp", "2019-05-09", "op"), site("mirror", None, None)
    other = article("daily", "2019-05-10", "Kazakhstan returned 231 citizens.", "231",
                    {"quantity": Quantity(value=231, counted="citizens", kind="people"), "about": "op"})  # fmt: skip
    # Kazakhstan returned people in January too: the month decides which event a figure is about
    january = [
        article(outlet, "2019-01-10", "Kazakhstan returned 47 citizens.", "47",
                {"quantity": Quantity(value=47, counted="citizens", kind="people"), "about": "op-january"})
        for outlet in ("wire", "tass")
    ]  # fmt: skip
    corpus = Corpus(registry(), [original, copy, other, *january])
    (group,) = [g for g in compare_claims(corpus) if g.key[1] == "op"]
    assert {(m.article, m.original, m.status, m.outlet_count) for m in group.members} == {
        ("afp", "afp", "corroborated", 2),
        ("mirror", "afp", "corroborated", 2),  # a copy of afp: two original sources, not three
        ("daily-231", "daily", "corroborated", 2),
    }
    off = compare_claims(corpus, off=("sources",))
    assert [m.basis for g in off for m in g.members if m.article == "mirror"] == [
        "not compared: the event is ambiguous (no date)"
    ]
