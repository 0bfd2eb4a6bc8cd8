import datetime as dt

import pytest

from kg.annotate.dates import When, dateline_date, may_fall_within, normalise_date, url_date
from kg.model import Article


@pytest.mark.parametrize(
    ("text", "base", "expected"),
    [
        ("on May 10", "2019-05", When(on="2019-05-10")),
        ("Friday, May 10", "2019-05-10", When(on="2019-05-10")),
        ("January 6 this year", "2019-01", When(on="2019-01-06")),
        ("in January of this year", "2019-05", When(on="2019-01")),
        ("last month", "2019-05-10", When(on="2019-04")),
        ("November 13", "2017-11", When(on="2017-11-13")),
        ("in 2014", None, When(on="2014")),
        ("since 2011", None, When(start="2011")),
        ("between May 7 and May 9", "2019-05-10", When(start="2019-05-07", end="2019-05-09")),
        ("between May 7 and 9", "2019-05", When(start="2019-05-07", end="2019-05-09")),
        ("7-9 May", "2019-05", When(start="2019-05-07", end="2019-05-09")),
        ("2012–2015", None, When(start="2012", end="2015")),
        ("the beginning of 2017", None, When(on="2017")),
    ],
)
def test_dates_are_normalised_against_the_article_date(text, base, expected):
    assert normalise_date(text, base) == expected


def test_a_day_in_the_past_of_the_article_month_is_not_pushed_a_year_back():
    # the article is from November 2017 (day unknown): "November 20" is in 2017, not 2016
    assert normalise_date("November 20", "2017-11") == When(on="2017-11-20")


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("on Wednesday", "2019-01"),  # a weekday needs the article's day
        ("earlier this week", "2019-05"),
        ("May 10", None),  # a day without a year needs the article's year
        ("7-9", "2019-05"),  # numbers alone are not a date
        ("in recent years", "2019-05"),
    ],
)
def test_dates_the_text_does_not_pin_down_stay_unknown(text, base):
    assert normalise_date(text, base) is None


@pytest.mark.parametrize(
    ("value", "start", "end", "expected"),
    [
        ("2019-05", "2019-05-10", None, True),  # the month holds the start
        ("2019-04-30", "2019-05", "2019-06", False),
        ("2019-06-30", "2019-05", "2019-06", True),
        ("2019-07", "2019-05", "2019-06", False),
        ("2019", "2019-12-31", "2020", True),
        ("2019-03-19", None, "2019-03-19", True),  # open at the start
        ("2019-03-20", None, "2019-03-19", False),
    ],
)
def test_a_partial_date_falls_within_a_period_when_the_days_they_name_meet(value, start, end, expected):
    assert may_fall_within(value, start, end) is expected


def test_last_week_is_a_range_of_seven_days():
    from kg.annotate.dates import When, normalise_date

    assert normalise_date("last week", "2019-11-13") == When(start="2019-11-04", end="2019-11-10")
    assert normalise_date("last week", "2019-11") is None


def test_a_dateline_with_a_year_dates_an_article_without_metadata(annotate_text):
    annotated = annotate_text("Headline here\n\nTASHKENT, May 30, 2019 (Reuters) - Uzbekistan returned 156 citizens.")
    a = annotated.article
    assert (a.published, a.published_inferred, a.published_basis) == ("2019-05-30", True, "dateline")


def test_metadata_outranks_the_dateline(annotate_text):
    annotated = annotate_text(
        "TASHKENT, May 30, 2019 (Reuters) - Uzbekistan returned 156 citizens.", published="2019-06-01"
    )
    assert (annotated.article.published, annotated.article.published_inferred) == ("2019-06-01", False)


@pytest.mark.parametrize(
    ("text", "base", "expected"),
    [
        ("on Sunday", "2019-02-10", When(on="2019-02-10")),  # the article's own weekday is its day
        ("on Tuesday", "2019-11-13", When(on="2019-11-12")),  # another weekday: the last one before it
        ("earlier this month", "2019-11-13", When(on="2019-11")),
        ("in March", "2019-11-13", When(on="2019-03")),
        ("earlier this week", "2019-11-13", When(start="2019-11-11", end="2019-11-13")),
        ("between January and the end of August", "2019-09-03", When(start="2019-01", end="2019-08")),
    ],
)
def test_relative_dates_are_placed_against_the_article_day(text, base, expected):
    assert normalise_date(text, base) == expected


def test_a_month_in_a_sentence_about_the_future_is_the_next_one():
    assert normalise_date("in March", "2019-02-10") == When(on="2018-03")
    assert normalise_date("in March", "2019-02-10", future=True) == When(on="2019-03")
    assert normalise_date("on Friday", "2019-11-13", future=True) == When(on="2019-11-15")


def test_a_planned_return_is_dated_by_the_next_month_it_names(annotate_text):
    annotated = annotate_text(
        "Kazakhstan brought 14 children home from Iraq on Sunday. "
        "Kazakhstan plans to return 14 more children from Iraq in March.",
        published="2019-02-10",
    )
    assert [op.on for op in annotated.operations] == ["2019-02-10", "2019-03"]


def test_a_date_in_the_page_address_dates_an_article_without_metadata(pipeline):
    article = Article(id="u", text="Uzbekistan returned 64 children from Iraq on Friday.", title="", outlet="Wire",
                      url="https://example.org/en/2019/10/11/mehr-2/")  # fmt: skip
    a = pipeline(article).article
    assert (a.published, a.published_inferred, a.published_basis) == ("2019-10-11", True, "url")
    assert url_date("https://example.org/news/20190509-kazakhstan") == "2019-05-09"
    assert url_date("https://example.org/node/1494321/world") is None


def test_a_dateline_without_a_year_takes_the_year_its_weekday_fits():
    text = "MOSCOW, February 10 /TASS/ - Thirty children came home, the ministry said on Sunday.\n\nSince 2017 ..."
    assert dateline_date(text, today=dt.date(2026, 1, 1)) == "2019-02-10"  # 2019 is the first year from 2017
    # no weekday, or no year to count from: unknown rather than a guess
    assert dateline_date("MOSCOW, February 10 /TASS/ - Thirty children came home.\n\nSince 2017 ...") is None
    assert dateline_date("MOSCOW, February 10 /TASS/ - Thirty children came home on Sunday.") is None
