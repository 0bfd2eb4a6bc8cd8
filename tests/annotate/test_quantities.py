from decimal import Decimal

import pytest

from kg.annotate.quantities import parse_number


def counts(annotated):
    """(value, lower, upper, approximate, kind) of every quantity claim, in text order."""
    return [
        (q.value, q.lower, q.upper, q.approximate, q.kind)
        for q in (c.quantity for c in annotated.claims if c.quantity is not None)
    ]


@pytest.mark.parametrize(
    ("words", "start", "expected"),
    [
        ("about 400", 1, (400, None, None, True, 2)),
        ("over 200", 1, (None, 201, None, False, 2)),
        ("more than 360,000", 2, (None, 360001, None, False, 3)),
        ("up to 40", 2, (None, None, 40, False, 3)),
        ("400 - 500", 0, (None, 400, 500, False, 3)),
        ("seven", 0, (7, None, None, False, 1)),
        ("forty - seven", 0, (47, None, None, False, 3)),
        ("1.5 million", 0, (1500000, None, None, False, 2)),
        ("dozens", 0, (None, 24, 99, False, 1)),
        ("several", 0, (None, 3, 9, False, 1)),
    ],
)
def test_numbers_in_digits_words_ranges_and_bounds(words, start, expected):
    assert parse_number(words.split(), start) == expected


def test_counts_get_the_kind_of_what_they_count(annotate_text):
    annotated = annotate_text(
        "Tajikistan repatriated 84 minors from Iraq. About 400 Kazakhstanis left. "
        "With them are approximately 400-500 children. Around 1,000 militants are held."
    )
    assert counts(annotated) == [
        (84, None, None, False, "children"),
        (400, None, None, True, "people"),
        (None, 400, 500, True, "children"),
        (1000, None, None, True, "fighters"),
    ]


def test_a_mixed_list_takes_the_kind_its_members_share(annotate_text):
    annotated = annotate_text("Security services returned 47 men, women, and children from Syria.")
    assert counts(annotated) == [(47, None, None, False, "people")]
    assert annotated.claims[0].quantity.counted == "men, women, and children"


def test_vague_counts_and_of_phrases(annotate_text):
    annotated = annotate_text(
        "Kazakhstan said dozens of its citizens had been evacuated. Hundreds of Kazakhs have left for Syria."
    )
    assert counts(annotated) == [(None, 24, 99, False, "people"), (None, 200, 999, False, "people")]


def test_numbers_that_count_nothing_known_are_left_alone(annotate_text):
    annotated = annotate_text(
        "In 2014, children under the age of six crossed up to four borders. The 8-year-old war goes on. "
        "The operation took place between May 7 and May 9."
    )
    assert counts(annotated) == []


def test_quantity_claims_have_a_relation_a_speaker_and_provenance(annotate_text):
    annotated = annotate_text(
        "Tokayev said 231 Kazakh citizens were evacuated from Syria.\n\nTajikistan repatriated 84 minors from Iraq.",
        published="2019-05-10",
    )
    first, second = (c for c in annotated.claims if c.quantity is not None)
    assert (first.quantity.value, first.predicate, first.speaker, first.subject) == (
        231,
        "evacuated",
        "tokayev",
        "kazakhstan",
    )
    assert (second.quantity.value, second.predicate, second.speaker, second.subject) == (
        84,
        "repatriated",
        "tca",
        "tajikistan",
    )
    assert first.provenance.method == "machine" and first.provenance.component == "quantities"
    assert isinstance(first.quantity.value, int | Decimal)


def test_a_number_in_words_opens_a_sentence(annotate_text):
    annotated = annotate_text("Eighty-four children were returned from Iraq. Eighteen of the children are orphans.")
    assert counts(annotated) == [(84, None, None, False, "children"), (18, None, None, False, "orphans")]


def test_each_number_of_an_enumeration_is_its_own_claim(annotate_text):
    annotated = annotate_text("Among them are 156 children, 59 women and 16 men. It included 57 women and 18 orphans.")
    assert counts(annotated) == [
        (156, None, None, False, "children"),
        (59, None, None, False, "women"),
        (16, None, None, False, "men"),
        (57, None, None, False, "women"),
        (18, None, None, False, "orphans"),
    ]


def test_an_apposition_does_not_widen_the_kind(annotate_text):
    annotated = annotate_text("Fourteen children, citizens of Kazakhstan, have been brought home from Iraq.")
    assert counts(annotated) == [(14, None, None, False, "children")]


def test_a_part_of_them_counts_its_own_kind(annotate_text):
    annotated = annotate_text("Kazakhstan brought back 413 citizens, 300 of them children.")
    assert counts(annotated) == [(413, None, None, False, "people"), (300, None, None, False, "children")]


def test_bounds_and_dozens(annotate_text):
    annotated = annotate_text(
        "At least 79 children are back. Kazakhstan returned over 1,000 citizens and two dozen women."
    )
    assert counts(annotated) == [
        (None, 79, None, False, "children"),
        (None, 1001, None, False, "people"),
        (24, None, None, True, "women"),
    ]
    assert annotated.claims[0].quantity.label == "at least 79 children"


def test_money_and_percentages_are_not_counts_of_people(annotate_text):
    annotated = annotate_text("The government paid $400 per child. About 95 percent of the 200 returnees were women.")
    assert counts(annotated) == [(200, None, None, False, "people")]


def test_a_number_apart_from_its_noun_counts_what_the_total_counts(annotate_text):
    annotated = annotate_text(
        "The number of citizens brought back this year reached 220. The total returned from Syria stood at about 500.",
        published="2019-10-11",
    )
    assert counts(annotated) == [(220, None, None, False, "people"), (500, None, None, True, "people")]
    assert [(c.scope, c.as_of) for c in annotated.claims] == [("cumulative", "2019-10-11")] * 2


def test_dates_times_ordinals_and_counters_are_not_claims(annotate_text):
    annotated = annotate_text(
        "Comments (0). Posted at 12:05 on 31.05.2019. The second stage began in 2019 with the first 30 flights."
    )
    assert counts(annotated) == []


def test_plans_estimates_and_increments(annotate_text):
    annotated = annotate_text(
        "Kazakhstan intends to return another 14 children. Four more women are expected on the next flight. "
        "About 400 Kazakhstanis are believed to remain in Syria. Kazakhstan returned 231 citizens."
    )
    assert [(c.quantity.value, c.modality, c.scope) for c in annotated.claims if c.quantity] == [
        (14, "planned", "increment"),
        (4, "planned", "increment"),
        (400, "estimated", None),
        (231, "actual", None),
    ]


def test_words_that_only_begin_like_a_plan_plan_nothing(annotate_text):
    annotated = annotate_text(
        "A plane carrying 64 children landed in Tashkent on Friday. William said 30 children were returned."
    )
    assert [(c.quantity.value, c.modality) for c in annotated.claims if c.quantity] == [(64, "actual"), (30, "actual")]


def test_a_running_total_counts_to_the_date_the_text_gives(annotate_text):
    annotated = annotate_text(
        "By August 2019, 595 citizens had been repatriated since January. In total, 112 children have been returned.",
        published="2019-09-03",
    )
    assert [(c.quantity.value, c.scope, c.as_of) for c in annotated.claims if c.quantity] == [
        (595, "cumulative", "2019-08"),
        (112, "cumulative", "2019-09-03"),
    ]


def test_a_count_of_those_already_returned_is_a_running_total(annotate_text):
    annotated = annotate_text(
        "More than 100 children have already been returned to Russia from Iraq, the ministry said.",
        published="2019-02-10",
    )
    assert [(c.quantity.lower, c.scope, c.as_of) for c in annotated.claims if c.quantity] == [
        (101, "cumulative", "2019-02-10")
    ]


def test_a_headline_figure_the_body_repeats_is_one_claim_on_the_body_sentence(annotate_text):
    annotated = annotate_text(
        "Kazakhstan brings home 14 children from Iraq\n\n"
        "Fourteen children have been brought home from Iraq, the Ministry of Foreign Affairs of Kazakhstan said."
    )
    claims = [c for c in annotated.claims if c.quantity]
    assert [(c.quantity.value, c.span.quote[:9]) for c in claims] == [(14, "Fourteen ")]


def test_the_subject_before_a_participle_clause_is_the_one_who_acted(annotate_text):
    # the parser hangs "Tajikistan" on "criticised"; the country that opens the sentence brought them home
    annotated = annotate_text(
        "Kazakhstan sent a plane. Tajikistan, criticised for moving slowly, brought home one woman and four children "
        "in October this year.",
        published="2020-12-14",
    )
    claims = [(c.subject, c.quantity.value, c.scope) for c in annotated.claims if c.quantity]
    assert claims == [("tajikistan", 1, None), ("tajikistan", 4, None)]  # "in October this year" dates them: no total
