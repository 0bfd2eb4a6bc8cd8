"""Dates in the text, normalised against the article's publication date.

:func:`normalise_date` turns an expression such as "on May 10", "January 6 this year", "last
month", "between May 7 and May 9", "7-9 May" or "since 2011" into ISO dates at the precision the
text gives (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), using dateparser with the article's date as
the reference. A date the text cannot pin down (a weekday when only the article's month is known,
a day without a year when the article's year is unknown) stays unknown.

Examples
--------
>>> normalise_date("on May 10", "2019-05")
When(on='2019-05-10', start=None, end=None)
>>> normalise_date("between May 7 and May 9", "2019-05-10")
When(on=None, start='2019-05-07', end='2019-05-09')
>>> normalise_date("January 6 this year", "2019-01")
When(on='2019-01-06', start=None, end=None)
>>> normalise_date("last month", "2019-05-10")
When(on='2019-04', start=None, end=None)
>>> normalise_date("last week", "2019-11-13")
When(on=None, start='2019-11-04', end='2019-11-10')
>>> normalise_date("since 2011", None)
When(on=None, start='2011', end=None)
>>> normalise_date("on Wednesday", "2019-01") is None
True
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ..vocab import date_period
from .components import Draft

__all__ = ["MONTHS", "WEEKDAYS", "When", "dateline_date", "may_fall_within", "normalise_date", "read_dates", "url_date"]

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")  # fmt: skip
"""English month names, lower case, January first."""
_MONTHS = "|".join(MONTHS)
_MONTH_ABBR = "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_MONTH = rf"(?:{_MONTHS}|{_MONTH_ABBR})\.?"
_NEEDS_DAY = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|week|weekend|days?)\b"
)
_LEAD = re.compile(r"^(?:on|in|during|by|at|of|the|from|early|earlier|mid|late|later|this past)\s+")
_RANGE_OPENERS = ("between", "from")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""English weekday names, lower case, Monday first (``datetime.date.weekday`` order)."""
_WEEKDAY = re.compile(rf"({'|'.join(WEEKDAYS)})")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class When:
    """A normalised date: a single date ``on``, or ``start`` and/or ``end``."""

    on: str | None = None
    start: str | None = None
    end: str | None = None


def may_fall_within(value: str, start: str | None, end: str | None) -> bool:
    """Whether a partial date can fall in the period from ``start`` to ``end`` (None: open on that side).

    Each of them is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and stands for the days it names, so a
    month fits a period that begins or ends within it.

    Examples
    --------
    >>> may_fall_within("2019-05", "2019-05-10", None), may_fall_within("2019-04-30", "2019-05", "2019-06")
    (True, False)
    """
    first, last = date_period(value)
    if start and last < date_period(start)[0]:
        return False
    return not end or first <= date_period(end)[1]


def _base_end(base: str | None) -> dt.datetime | None:
    """The last day of the period the article's date names (the text speaks of the past)."""
    if not base:
        return None
    last = date_period(base)[1]
    return dt.datetime(last.year, last.month, last.day)


@lru_cache(maxsize=8)
def _parser(reference: dt.datetime, future: bool = False) -> Any:
    from dateparser.date import DateDataParser

    prefer = "future" if future else "past"
    return DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": reference, "PREFER_DATES_FROM": prefer, "PREFER_DAY_OF_MONTH": "first"},
    )


def _iso(value: dt.datetime, period: str) -> str:
    if period == "year":
        return f"{value.year:04d}"
    if period == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.date().isoformat()


def _single(text: str, base: str | None, future: bool = False) -> str | None:
    text = text.strip(" ,.")
    while True:
        stripped = _LEAD.sub("", text)
        if stripped == text:
            break
        text = stripped
    if not text:
        return None
    # "the end of August", "the beginning of March 2019": the month
    text = re.sub(rf"^(?:the )?(?:beginning|start|end|middle) of (?=(?:{_MONTH})\b)", "", text)
    weekday = _WEEKDAY.fullmatch(text)
    if weekday and base is not None and len(base) == 10:
        # "on Sunday" in an article of a Sunday is that day; otherwise the last such day before it
        # (the next one in a sentence about what is to come)
        day = dt.date.fromisoformat(base)
        shift = (day.weekday() - WEEKDAYS.index(weekday.group(1))) % 7
        if future:
            shift = -((WEEKDAYS.index(weekday.group(1)) - day.weekday()) % 7)
        return (day - dt.timedelta(days=shift)).isoformat()
    year_only = re.fullmatch(r"(?:the )?(?:beginning|start|end|middle) of (\d{4})|(\d{4})s?", text)
    if year_only:
        return year_only.group(1) or year_only.group(2)
    end = _base_end(base)
    base_year = end.year if end else None
    if re.search(r"\b(of )?this year\b", text):
        if base_year is None:
            return None
        text = re.sub(r"\s*\b(of )?this year\b", "", text).strip() or str(base_year)
        if not _YEAR.search(text):
            text = f"{text} {base_year}"
    if re.fullmatch(r"last year", text):
        return None if base_year is None else str(base_year - 1)
    if _NEEDS_DAY.search(text) and (base is None or len(base) < 10):
        return None
    if not _YEAR.search(text) and end is None:
        return None
    if not re.search(rf"\b({_MONTH}|last|next|ago|previous|this|yesterday|today|week|month|year)\b", text) and not (
        _YEAR.search(text) or _NEEDS_DAY.search(text)
    ):
        return None  # "7-9" or "13" alone is not a date
    reference = end or dt.datetime(2000, 1, 1)
    data = _parser(reference, future and not re.search(r"\b(last|ago|previous|earlier)\b", text)).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    if period in ("time", "week"):
        period = "day"
    if re.fullmatch(r"(last|next|this) month", text) or (re.fullmatch(_MONTH + r"(\s+\d{4})?", text)):
        period = "month"
    return _iso(data.date_obj, period)


@lru_cache(maxsize=4096)
def normalise_date(text: str, base: str | None = None, future: bool = False) -> When | None:
    """Normalise a date expression against the article date ``base`` (``YYYY[-MM[-DD]]`` or None).

    Parameters
    ----------
    text : str
        The expression as in the text ("on May 10", "between May 7 and 9", "since 2011").
    base : str, optional
        The article's publication date; relative and year-less expressions need it.
    future : bool
        The sentence speaks of what is to come ("is expected in March"): a month or day without a
        year is the next one after ``base``, not the last one before it.

    Returns
    -------
    When or None
        None when the expression cannot be placed.
    """
    lower = " ".join(text.lower().replace("\u2013", "-").replace("\u2014", "-").split())
    lower = re.sub(r"^(on|in|during|from)\s+", "", lower)
    if re.fullmatch(r"(?:the )?(?:last|past|previous|this past) week", lower):
        # the week before the article's: a range of seven days, not a day
        if base is None or len(base) < 10:
            return None
        monday = dt.date.fromisoformat(base) - dt.timedelta(days=dt.date.fromisoformat(base).weekday() + 7)
        return When(start=monday.isoformat(), end=(monday + dt.timedelta(days=6)).isoformat())
    if re.fullmatch(r"(?:earlier )?this week", lower):
        # from the Monday of the article's week to the article's day
        if base is None or len(base) < 10:
            return None
        day = dt.date.fromisoformat(base)
        return When(start=(day - dt.timedelta(days=day.weekday())).isoformat(), end=day.isoformat())
    since = re.match(r"^(?:since|from|starting)\s+(.+)$", lower)
    if since:
        start = _single(since.group(1), base)
        return When(start=start) if start else None
    # ranges: "between May 7 and May 9", "May 7-9", "7-9 May", "2012-2015", "from May 7 to 9"
    m = re.fullmatch(rf"(?:between\s+)?(\d{{1,2}})\s*(?:-|and|to)\s*(\d{{1,2}})\s+({_MONTH})(\s+\d{{4}})?", lower)
    if m:
        month, year = m.group(3), m.group(4) or ""
        return _range(f"{m.group(1)} {month}{year}", f"{m.group(2)} {month}{year}", base)
    m = re.fullmatch(rf"(?:between\s+)?({_MONTH})\s+(\d{{1,2}})\s*(?:-|and|to)\s*(\d{{1,2}})(,?\s+\d{{4}})?", lower)
    if m:
        month, year = m.group(1), m.group(4) or ""
        return _range(f"{month} {m.group(2)}{year}", f"{month} {m.group(3)}{year}", base)
    m = re.fullmatch(r"(?:between\s+)?(\d{4})\s*(?:-|and|to)\s*(\d{2,4})", lower)
    if m:
        second = m.group(2) if len(m.group(2)) == 4 else m.group(1)[:2] + m.group(2)
        return When(start=m.group(1), end=second)
    m = re.fullmatch(r"between\s+(.+?)\s+and\s+(.+)", lower) or re.fullmatch(
        r"from\s+(.+?)\s+(?:to|until)\s+(.+)", lower
    )
    if m:
        return _range(m.group(1), m.group(2), base, future)
    on = _single(lower, base, future)
    return When(on=on) if on else None


def _range(a: str, b: str, base: str | None, future: bool = False) -> When | None:
    start, end = _single(a, base, future), _single(b, base, future)
    if start is None and end is None:
        return None
    return When(start=start, end=end)


_DATELINE = re.compile(
    rf"^[A-Z][A-Za-z .'-]*[A-Z],\s+({_MONTH})\s+(\d{{1,2}})(?:,\s+(\d{{4}}))?\s*(?:\(|/)", re.IGNORECASE | re.MULTILINE
)
"""A dateline at the start of a paragraph: "TASHKENT, May 30 (Reuters) -", "MOSCOW, February 10 /TASS/ -"."""


def dateline_date(text: str, today: dt.date | None = None) -> str | None:
    """The date of a dateline near the top of ``text``; None when the year cannot be told.

    A dateline without a year ("MOSCOW, February 10 /TASS/ - ... said on Sunday") takes the first
    year, from the latest year the text mentions, in which that day fell on the weekday its
    paragraph names. Without a weekday, or a year to count from, the year stays unknown: the same
    day falls on the same weekday every five to eleven years, and a guess would mislead.

    Examples
    --------
    >>> dateline_date("TASHKENT, May 30, 2019 (Reuters) - Uzbekistan ...")
    '2019-05-30'
    >>> dateline_date("MOSCOW, February 10 /TASS/ - In 2019 ...") is None
    True
    >>> dateline_date("MOSCOW, February 10 /TASS/ - The ministry said on Sunday it had flown home children held"
    ...               " since 2017.", today=dt.date(2024, 1, 1))
    '2019-02-10'
    >>> dateline_date("MOSCOW, February 10 /TASS/ - The ministry said on Sunday ...") is None
    True
    """
    match = _DATELINE.search(text[:800])
    if match is None or not match.group(1)[:1].isupper() or not match.group(0).split(",")[0].isupper():
        return None
    month = next(i for i, name in enumerate(MONTHS, 1) if name.startswith(match.group(1).lower().rstrip(".")[:3]))
    day = int(match.group(2))
    if match.group(3) is not None:
        try:
            return dt.date(int(match.group(3)), month, day).isoformat()
        except ValueError:
            return None
    paragraph = text[match.end() :].split("\n", 1)[0]
    weekday = re.search(rf"\b({'|'.join(WEEKDAYS)})\b", paragraph.lower())
    if weekday is None:
        return None
    today = today or dt.date.today()
    mentioned = [int(y) for y in _YEAR.findall(text) if int(y) <= today.year]
    if not mentioned:
        return None
    for year in range(max(mentioned), today.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= today and candidate.weekday() == WEEKDAYS.index(weekday.group(1)):
            return candidate.isoformat()
    return None


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
"""A date in a page's address: ``/2019/10/11/``, ``/20190509-``, ``/2019-05-30/``."""


def url_date(url: str | None) -> str | None:
    """The date in a page's address (``.../2019/10/11/slug``), as news sites write it; None without one.

    Examples
    --------
    >>> url_date("https://example.com/en/2019/10/11/mehr-2/"), url_date("https://example.com/en/20190509-story")
    ('2019-10-11', '2019-05-09')
    >>> url_date("https://example.com/node/1494321/world") is None
    True
    """
    match = _URL_DATE.search(urlsplit(url).path) if url else None
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    except ValueError:
        return None


_FUTURE_WORDS = frozenset(
    {"will", "'ll", "shall", "would", "could", "might", "next", "upcoming", "due", "expect", "expects", "expected",
     "plan", "plans", "planned", "planning", "intend", "intends", "intended", "scheduled", "hopes", "aims"}
)  # fmt: skip
"""Words of a sentence about what is to come (the model's tagger is not loaded: words, not tags)."""


_PHRASE_DEPS = frozenset({"prep", "pobj", "pcomp", "npadvmod", "nummod", "compound", "det", "amod", "appos", "nmod",
                          "quantmod", "cc", "conj", "punct"})  # fmt: skip
"""Dependencies inside the phrase of a date; the clause it dates is above them."""


def _speaks_of_future(span: Any) -> bool:
    """Whether the clause a date modifies speaks of what is to come ("is expected in March", "plans to return
    ... in March", "will return in March"), not only the sentence ("we will go on," he said in January)."""
    token, steps = span.root, 0
    while token.dep_ in _PHRASE_DEPS and token.head is not token and steps < 8:
        token, steps = token.head, steps + 1
    clause = [token, token.head] if token.dep_ == "xcomp" else [token]
    return any(
        t.lower_ in _FUTURE_WORDS or any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_WORDS for c in t.children)
        for t in clause
    )


def read_dates(doc: Draft) -> Draft:
    """Normalise every DATE entity of the prose against the article's date.

    An article whose metadata gives no date is dated by its address (``/2019/10/11/``) or its
    dateline, where it has one; the date says which (``published_basis``).
    """
    article = doc.article
    if not article.published:
        for basis, found_date in (("url", url_date(article.url)), ("dateline", dateline_date(article.text))):
            if found_date is not None:
                article.published, article.published_inferred, article.published_basis = found_date, True, basis
                break
    base = doc.article.published
    found = []
    spans: list[list] = []
    sdoc = doc.doc
    for ent in sdoc.ents:
        if ent.label_ != "DATE" and not (
            # "between May 7 and 9": the model may tag "May 7 and" a date and "9" a number
            ent.label_ == "CARDINAL"
            and spans
            and spans[-1][1] == ent.start
            and sdoc[ent.start - 1].lower_ in ("and", "to", "-", "–")
            and ent.text.isdigit()
            and 1 <= int(ent.text) <= 31
        ):
            continue
        # "7-9" and "May", or "May 7" and "May 9" after "between": one date
        gap = sdoc[spans[-1][1] : ent.start].text.strip(" ,").lower() if spans else None
        if gap == "" or (gap in ("and", "to", "-", "–", "until") and spans[-1][2]):
            spans[-1][1] = ent.end
        else:
            before = sdoc[ent.start - 1].lower_ if ent.start > 0 else ""
            spans.append([ent.start, ent.end, before in _RANGE_OPENERS])
    for start, end, opened in spans:
        text = sdoc[start:end].text
        if opened or (start > 0 and sdoc[start - 1].lower_ in ("since", "until")):
            text = f"{sdoc[start - 1].text} {text}"  # "between May 7 and May 9", "since 2011"
        when = normalise_date(text, base, _speaks_of_future(sdoc[start:end]) if base else False)
        if when is not None:
            found.append((start, end, when))
    doc.extras["dates"] = found
    return doc
