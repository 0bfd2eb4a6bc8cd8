from decimal import Decimal

from kg.model import Quantity, Span


def test_span_of_gives_code_point_offsets_of_the_first_occurrence():
    text = "Kazakhstan’s interim president says 231 Kazakh citizens"
    span = Span.of(text, "231 Kazakh citizens")
    assert (span.start, span.end) == (36, 55)
    assert text[span.start : span.end] == "231 Kazakh citizens"


def test_exact_value_is_its_own_interval():
    assert Quantity(value=47).interval == (Decimal(47), Decimal(47))


def test_about_allows_ten_percent_either_side():
    assert Quantity(value=500, approximate=True).interval == (Decimal("450.0"), Decimal("550.0"))


def test_range_and_open_bounds():
    assert Quantity(lower=400, upper=500).interval == (Decimal(400), Decimal(500))
    assert Quantity(lower=201).interval == (Decimal(201), None)


def test_labels_read_like_the_article():
    assert Quantity(value=84, counted="minors").label == "84 minors"
    assert Quantity(value=400, approximate=True, counted="Kazakhstanis").label == "about 400 Kazakhstanis"
    assert Quantity(lower=400, upper=500, counted="children").label == "400-500 children"
    assert Quantity(lower=201, counted="citizens").label == "at least 201 citizens"


def test_a_claim_is_actual_without_scope_or_date_unless_told():
    from kg.model import Claim
    from kg.vocab import MODALITIES, SCOPES

    claim = Claim(span=Span(0, 1, "x"), speaker="a", subject="b", predicate="returned", quantity=Quantity(value=1))
    assert (claim.modality, claim.scope, claim.as_of) == ("actual", None, None)
    assert MODALITIES == ("actual", "planned", "estimated") and SCOPES == ("cumulative", "increment")
