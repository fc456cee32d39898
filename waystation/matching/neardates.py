"""Which listed birth dates can give a traveller's date its big evidence, so the index can bound the rest low.

A date of birth adds up to 9 nats (``compare.dates.EXACT``), but only a listed *full* date near the
traveller's can earn more than 4: the same date, day and month swapped, one day apart, or the same
day and month a year off. Every other statement — another day of the same year, a year, a range, a
circa, a month — earns at most ``SAME_MONTH + 1.5`` (4.0) in the traveller's year and 2.0 a year
off. On a million-name list some 15,000 people share a birth year, but only a few dozen share a
full date: keying listed full dates lets the index give those few the year's bound and everybody
else the much lower "apart" bound (``apart_bounds``), exactly, before any date is compared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Final

from waystation.matching.compare.dates import (
    CIRCA_YEAR,
    MONTH_AND_YEAR,
    OTHER_DAY_V1,
    OTHER_DAY_V2,
    SAME_YEAR,
    WITHIN_RANGE_MOST,
    year_gap_weight,
)
from waystation.model import BirthDate, PartialDate

__all__ = [
    "apart_bounds",
    "date_key",
    "exact_keys",
    "exactly_dated",
    "middle_keys",
    "middle_keys_of",
    "near_keys",
    "other_day_bounds",
]

# The most a listed statement that is not a full date near the traveller's can add, per year gap
# (0 and 1; from 2 on the caller's year bounds apply as they are). Year 0: the same month of a date
# without a day (MONTH_AND_YEAR), a year (SAME_YEAR), a range (WITHIN_RANGE_MOST), a circa year
# (CIRCA_YEAR), another day (v2: 0, month slip 2.5, 1 January 3.7). A year off: a circa or a range
# (2.0); full dates a year off earn ``YEAR_SLIP`` only with the same day and month, which is near.
_APART: Final = (
    max(MONTH_AND_YEAR, SAME_YEAR, WITHIN_RANGE_MOST, CIRCA_YEAR),
    max(year_gap_weight(1, approximate=True), year_gap_weight(1)),
)


# The most a listed full date that is neither near the traveller's full date nor "middle" (the same
# month or the same day of that year, or 1 January, which reads as a year) can add: another day of
# the same year (v1 -1, v2 0), and a year or more off, what two full dates a year apart earn.
_OTHER_DAY: Final = (max(OTHER_DAY_V1, OTHER_DAY_V2), year_gap_weight(1))
_KEPT: Final = 4096
_NEAR_KEPT: Final = 16_384  # (travellers' full dates: some 40 bytes each, as a key and a small tuple)
_ANY_MONTH: Final = 13  # (a middle key's month for "the same day in any month")


def date_key(d: PartialDate) -> int | None:
    """A full date as one integer (``YYYYMMDD``); ``None`` when the year, month or day is unknown."""
    if d.year is None or d.month is None or d.day is None:
        return None
    return d.year * 10000 + d.month * 100 + d.day


def exact_keys(statements: Iterable[BirthDate]) -> list[int]:
    """The keys of a listed person's full, exact dates of birth (what ``compare.dates`` compares
    date against date; ranges, circa dates, years and months are compared by year)."""
    keys = []
    for statement in statements:
        if statement.is_range or statement.approximate:
            continue
        key = date_key(statement.earliest)
        if key is not None:
            keys.append(key)
    return keys


def exactly_dated(statements: Sequence[BirthDate]) -> bool:
    """Whether every birth date a list gives for a person is a full, exact date (then, against a
    traveller's full date, a statement neither near nor middle earns only ``other_day_bounds``)."""
    return bool(statements) and len(exact_keys(statements)) == len(statements)


def middle_keys(key: int) -> tuple[int, ...]:
    """The keys under which a listed full date (``date_key``) is filed for ``middle_keys_of``: its
    year and month, and its year and day."""
    year, rest = divmod(key, 10000)
    month, day = divmod(rest, 100)
    return (year * 10000 + month * 100, year * 10000 + _ANY_MONTH * 100 + day)


def middle_keys_of(born: PartialDate) -> tuple[int, ...]:
    """What a traveller's full date looks up among ``middle_keys``: listed full dates of the same
    year with the same month or the same day (each may earn ``SAME_MONTH``), and 1 January of that
    year (a placeholder, ``SAME_YEAR``). ``born`` must be a full date.

    (Not memoized: three sums cost less than hashing the date, which ``PartialDate`` does in
    interpreted code.)"""
    assert born.year is not None
    assert born.month is not None
    assert born.day is not None
    year = born.year * 10000
    return (year + born.month * 100, year + _ANY_MONTH * 100 + born.day, year + 100)


def near_keys(born: PartialDate | None) -> tuple[int, ...]:
    """The full listed dates that may earn a traveller born ``born`` more than ``apart_bounds``:
    the same date, one day either side, day and month swapped, the same day and month a year off.
    Empty for a partial date (then nothing listed earns more than the apart bounds).

    Remembered by the date's key (``date_key``, an integer: hashing a ``PartialDate`` runs its
    interpreted ``__hash__``), for up to ``_NEAR_KEPT`` dates, then forgotten all at once."""
    if born is None:
        return ()
    year, month, day = born.year, born.month, born.day
    if year is None or month is None or day is None:
        return ()
    key = year * 10000 + month * 100 + day
    found = _NEAR.get(key)
    if found is None:
        found = _near_keys(year, month, day)
        if len(_NEAR) >= _NEAR_KEPT:
            _NEAR.clear()
        _NEAR[key] = found
    return found


def _near_keys(year: int, month: int, day: int) -> tuple[int, ...]:
    """``near_keys`` of a full date, worked out (``try``, not ``contextlib.suppress``: a context
    manager is three calls of interpreted code each time)."""
    found: list[dt.date] = []
    try:
        same = dt.date(year, month, day)
    except ValueError:
        return ()
    found.append(same)
    for step in (-1, 1):
        try:  # noqa: SIM105
            found.append(same + dt.timedelta(days=step))
        except OverflowError:
            pass
        try:  # noqa: SIM105
            found.append(dt.date(year + step, month, day))
        except ValueError:  # (29 February a year off)
            pass
    if day <= 12:
        try:  # noqa: SIM105
            found.append(dt.date(year, day, month))
        except ValueError:
            pass
    return tuple(dict.fromkeys(d.year * 10000 + d.month * 100 + d.day for d in found))


_NEAR: dict[int, tuple[int, ...]] = {}


@lru_cache(maxsize=_KEPT)  # (asked once per traveller; a few thousand dates recur)
def apart_bounds(year_bounds: tuple[float, ...]) -> tuple[float, ...]:
    """``year_bounds`` (the most a date adds per year gap) for entries with no full date near the
    traveller's: never more than the year bound itself, and far less for gaps 0 and 1."""
    out = list(year_bounds)
    for gap, most in enumerate(_APART[: len(out)]):
        out[gap] = min(out[gap], most)
    return tuple(out)


@lru_cache(maxsize=_KEPT)  # (asked once per traveller; a few thousand dates recur)
def other_day_bounds(year_bounds: tuple[float, ...]) -> tuple[float, ...]:
    """``apart_bounds`` for an exactly dated entry (``exactly_dated``) with no full date near or in
    the middle of the traveller's full date (which must not be 1 January: that reads as a year)."""
    out = list(apart_bounds(year_bounds))
    for gap, most in enumerate(_OTHER_DAY[: len(out)]):
        out[gap] = min(out[gap], most)
    return tuple(out)
