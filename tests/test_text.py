import pytest

from kg.text import QuoteNotFound, find_all, find_quote, find_repeats, normalise


def test_a_paragraph_repeated_with_other_quote_marks_is_a_repeat():
    text = 'He said "hostage" here.\n\nOther words in between.\n\nHe said “hostage” here.'
    repeats = find_repeats(text, min_chars=5)
    assert [r.quote for r in repeats] == ["He said “hostage” here."]


def test_quotes_anchor_in_the_first_copy_not_the_repeat():
    text = "Intro line here.\n\nNazarbayev said 47 people returned.\n\nNazarbayev said 47 people returned."
    span = find_quote(text, "47 people", excluded=find_repeats(text, min_chars=5))
    assert span.start == text.index("47 people")


def test_surface_forms_match_whole_words_only():
    text = "IS fighters, not ISIS fighters, and not THIS."
    assert [s.start for s in find_all(text, "IS", whole_words=True)] == [0]


def test_missing_quote_hints_at_typographic_difference():
    text = "Tokayev said they came with “foreign partners.”"
    with pytest.raises(QuoteNotFound) as info:
        find_quote(text, 'with "foreign partners."')
    assert "differs only in quote marks" in info.value.hint
    assert "“foreign partners.”" in info.value.hint


def test_missing_quote_hints_at_the_closest_passage():
    text = "On April 30, neighboring Tajikistan repatriated 84 minors from Iraq."
    with pytest.raises(QuoteNotFound) as info:
        find_quote(text, "Tajikistan repatriated 48 minors from Iraq")
    assert "closest passage" in info.value.hint


def test_normalise_folds_quotes_dashes_ellipsis_and_space():
    assert normalise("“On January 6 this year…  47”\n– AFP") == '"On January 6 this year... 47" - AFP'
