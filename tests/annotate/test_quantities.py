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
