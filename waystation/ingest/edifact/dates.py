"""Dates as passenger messages write them, and the century rules for two-digit years.

A two-digit year is resolved per field, against a pivot date (the message's date or
``ParseContext.today``, as the caller decides):

* birth and issue dates are in the past: the latest century that puts the date on or before
  the pivot (``180412`` is 2018, ``560620`` is 1956);
* expiry dates may lie in the future, but within reason: the latest century that puts the date
  no more than 20 years after the pivot (``201215`` is 2020; ``610218`` is 1961 and is then
  flagged as implausible by the reader);
* flight, booking and interchange dates are near the pivot: the closest century.

DTM format codes are honoured (102 ``CCYYMMDD``, 201 ``YYMMDDHHMM``, 203 ``CCYYMMDDHHMM``,
204 with seconds); without one the length decides. Day or month written ``00`` or ``XX`` in a
birth date gives a partial date rather than nothing.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache

from waystation.model import PartialDate
from waystation.numbers import is_number

__all__ = [
    "EXPIRY_YEARS_AHEAD",
    "DateKind",
    "ddmmmyy",
    "ddmmyy",
    "dtm_value",
    "full_year",
    "partial_yymmdd",
    "with_time",
    "yymmdd",
]

EXPIRY_YEARS_AHEAD = 20
# A manifest repeats few distinct dates (one flight day, birth dates shared by thousands): the
# readers below are pure, so each distinct (text, kind, pivot) is worked out once.
_CACHED = 16_384
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
    )
}
_DDMMMYY = re.compile(r"^\s*(\d{1,2})([A-Z]{3})(\d{2}|\d{4})\s*$")
_DIGITS = re.compile(r"^\d+$")


class DateKind(StrEnum):
    """Which century rule a two-digit year follows."""

    BIRTH = "birth"
    ISSUE = "issue"
    EXPIRY = "expiry"
    EVENT = "event"


def _shift(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=_CACHED)
def full_year(yy: int, month: int, day: int, kind: DateKind, pivot: date) -> date | None:
    """The date for a two-digit year under the rule for ``kind`` (``None`` for an impossible date)."""
    century = pivot.year // 100 * 100
    if kind is DateKind.EVENT:
        candidates = [
            d for d in (_shift(c + yy, month, day) for c in (century - 100, century, century + 100)) if d
        ]
        return min(candidates, key=lambda d: abs((d - pivot).days)) if candidates else None
    if kind is DateKind.EXPIRY:
        limit = _shift(pivot.year + EXPIRY_YEARS_AHEAD, pivot.month, min(pivot.day, 28)) or pivot
    else:
        limit = pivot
    # The latest candidate on or before the limit; when there is none, the earliest candidate.
    # Nearly every birth date in a manifest is a new one: latest first, most stop at the second.
    earliest = None
    for start in (century + 100, century, century - 100):
        candidate = _shift(start + yy, month, day)
        if candidate is not None:
            if candidate <= limit:
                return candidate
            earliest = candidate
    return earliest


@lru_cache(maxsize=_CACHED)
def yymmdd(text: str | None, kind: DateKind, pivot: date) -> date | None:
    """``YYMMDD`` to a date; ``None`` when it is not one."""
    if not text or len(text.strip()) != 6 or not _DIGITS.match(text.strip()):
        return None
    value = text.strip()
    return full_year(int(value[:2]), int(value[2:4]), int(value[4:6]), kind, pivot)


@lru_cache(maxsize=_CACHED)
def partial_yymmdd(text: str | None, kind: DateKind, pivot: date) -> PartialDate | None:
    """``YYMMDD`` or ``CCYYMMDD`` where day or month may be ``00``/``XX`` (unknown)."""
    if not text:
        return None
    value = text.strip().upper()
    if len(value) not in (6, 8):
        return None
    year_text, month_text, day_text = value[:-4], value[-4:-2], value[-2:]
    if not is_number(year_text):
        return None
    month = None if month_text in ("00", "XX") else month_text
    day = None if day_text in ("00", "XX") or month is None else day_text
    if (month and not is_number(month)) or (day and not is_number(day)):
        return None
    if month and day:
        if len(year_text) == 4:
            exact = _shift(int(year_text), int(month), int(day))
        else:
            exact = full_year(int(year_text), int(month), int(day), kind, pivot)
        return PartialDate.of(exact) if exact else None
    if len(year_text) == 4:
        year = int(year_text)
    else:
        anchor = full_year(int(year_text), int(month or 1), 1, kind, pivot)
        if anchor is None:
            return None
        year = anchor.year
    try:
        return PartialDate(year, int(month) if month else None, None)
    except ValueError:
        return None


@lru_cache(maxsize=_CACHED)
def ddmmyy(text: str | None, kind: DateKind, pivot: date) -> date | None:
    """PNRGOV ``DDMMYY`` (``061210`` is 6 December 2010)."""
    if not text or len(text.strip()) != 6 or not _DIGITS.match(text.strip()):
        return None
    value = text.strip()
    return full_year(int(value[4:6]), int(value[2:4]), int(value[:2]), kind, pivot)


@lru_cache(maxsize=_CACHED)
def ddmmmyy(text: str | None, kind: DateKind, pivot: date) -> date | None:
    """SSR ``DDMMMYY`` (``12JUL64``), also with a four-digit year."""
    if not text:
        return None
    match = _DDMMMYY.match(text.upper())
    if not match or match.group(2) not in _MONTHS:
        return None
    day, month, year = int(match.group(1)), _MONTHS[match.group(2)], match.group(3)
    if len(year) == 4:
        return _shift(int(year), month, day)
    return full_year(int(year), month, day, kind, pivot)


def with_time(day: date | None, hhmm: str | None) -> datetime | date | None:
    """A datetime when a valid ``HHMM``/``HHMMSS`` is given, else the date alone (never an invented time)."""
    if day is None:
        return None
    value = (hhmm or "").strip()
    if len(value) not in (4, 6) or not is_number(value):
        return day
    hour, minute, second = int(value[:2]), int(value[2:4]), int(value[4:6] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return day
    return datetime(day.year, day.month, day.day, hour, minute, second)


@lru_cache(maxsize=_CACHED)
def dtm_value(text: str | None, fmt: str | None, kind: DateKind, pivot: date) -> datetime | date | None:
    """A DTM value under its format code (102, 201, 203, 204), or by its length when there is none."""
    value = (text or "").strip()
    if not is_number(value):
        return None
    code = (fmt or "").strip() or {6: "101", 8: "102", 10: "201", 12: "203", 14: "204"}.get(len(value), "")
    if code == "101" and len(value) == 6:
        return yymmdd(value, kind, pivot)
    if code == "102" and len(value) == 8:
        return _shift(int(value[:4]), int(value[4:6]), int(value[6:8]))
    if code == "201" and len(value) == 10:
        return with_time(yymmdd(value[:6], kind, pivot), value[6:10])
    if code == "203" and len(value) == 12:
        return with_time(_shift(int(value[:4]), int(value[4:6]), int(value[6:8])), value[8:12])
    if code == "204" and len(value) == 14:
        return with_time(_shift(int(value[:4]), int(value[4:6]), int(value[6:8])), value[8:14])
    return None
