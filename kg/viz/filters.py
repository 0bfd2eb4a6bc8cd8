"""The options that narrow a page, checked: dates typed by a person, and whether a date falls in a period."""

from __future__ import annotations

import datetime as dt

from ..errors import KGError
from ..vocab import date_period

__all__ = ["overlaps", "parse_date"]


def parse_date(value: str | dt.date | None, option: str) -> str | None:
    """A ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date as text, checked.

    Examples
    --------
    >>> parse_date("2019-06", "--until")
    '2019-06'
    >>> parse_date("2019-13", "--until")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: E803 --until '2019-13' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        date_period(text)
    except ValueError:
        raise KGError("E803", option=option, value=str(value)) from None
    return text


def overlaps(date: str | None, since: str | None, until: str | None) -> bool:
    """Whether the period a partial date names overlaps ``since`` .. ``until`` (either may be open).

    >>> overlaps("2019", "2019-05-01", None), overlaps("2018-12", "2019-01", "2019-06"), overlaps("", None, None)
    (True, False, False)
    """
    if not date:
        return False
    try:
        start, end = date_period(date)
    except ValueError:
        return False
    return not ((since and end < date_period(since)[0]) or (until and start > date_period(until)[1]))
