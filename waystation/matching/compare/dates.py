"""Dates of birth, graded: what a passport says against what a list believes.

A list may state an exact date, a year, an approximate year, a range, or several of these; a
passenger's date may be partial. Each statement is compared and the most favourable one counts
(a list gives several dates because it does not know which is right). Weights are natural-log
likelihood ratios, set from how often each kind of agreement happens by chance (an exact date:
about 1 in 18,000; a year: about 1 in 50) and how often a true match shows it (lists and
passports disagree on a day or a year now and then, and on a decade almost never).

The steep fall for distant years is deliberate: a namesake born twelve years apart must not be
alerted on however well the name agrees (``NAME_CAP`` in names.py keeps names from outvoting it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from waystation.matching.types import Feature
from waystation.model import BirthDate, PartialDate

__all__ = ["birth_years", "compare_dates", "date_bound", "date_evidence", "year_gap_weight"]

EXACT: Final = 9.0
SWAPPED: Final = 6.5
ONE_DAY: Final = 6.0
YEAR_SLIP: Final = 5.5  # same day and month, year off by one (a typing slip)
SAME_MONTH: Final = 2.5
SAME_YEAR: Final = 3.7  # the list gives only a year and it agrees
MONTH_AND_YEAR: Final = SAME_MONTH + 1.5  # either side gives no day; month and year agree
CIRCA_YEAR: Final = 3.0  # the list gives a year as approximate and it agrees
WITHIN_RANGE_MOST: Final = 3.5  # the list gives a range and the year is in it (narrowest range)


def year_gap_weight(gap: int, *, approximate: bool = False) -> float:
    """Evidence against when the birth years are ``gap`` apart (0 is handled by the caller)."""
    if approximate:
        found = _APPROXIMATE_GAPS.get(gap)
        if found is not None:
            return found
        return -6.0 if gap < 10 else -11.0
    found = _GAPS.get(gap)
    if found is not None:
        return found
    return -8.0 if gap < 10 else -12.0


_APPROXIMATE_GAPS = {1: 2.0, 2: 1.0, 3: -1.5, 4: -1.5}
_GAPS = {1: -2.0, 2: -3.5, 3: -5.0, 4: -5.0}


def _placeholder(d: PartialDate) -> bool:
    """1 January: the day and month registries, passports and lists write when only the year is known.

    Many civil registries (Afghanistan, Somalia, Pakistan, refugee documents) record a person whose
    day and month of birth are unknown as born on 1 January of the (often estimated) year, and lists
    copy such dates. A full date on 1 January therefore states a year, not a day: against another
    day of the same year it agrees as a year agrees (``SAME_YEAR``), not as two full dates that
    disagree (``other_day``). Used by v2 (``placeholder=True``); v1 keeps its results.
    """
    return d.month == 1 and d.day == 1


OTHER_DAY_V1: Final = -1.0
OTHER_DAY_V2: Final = 0.0  # same year, another day and month: a list's date is wrong about as often as a
# random traveller shares the year (about 1 in 50), so it is no evidence either way


def _versus_exact(
    q: PartialDate,
    e: PartialDate,
    other_day: float = OTHER_DAY_V1,
    placeholder: bool = False,
    month_slip: bool = False,
) -> tuple[float, str]:
    assert q.year is not None
    assert e.year is not None
    gap = abs(q.year - e.year)
    if q.month is None:
        return (
            (SAME_YEAR, "same year of birth")
            if gap == 0
            else (year_gap_weight(gap), f"born {gap} years apart")
        )
    if q.day is None or e.day is None or e.month is None:
        if gap == 0 and q.month == e.month:
            return MONTH_AND_YEAR, "same month and year of birth"
        if gap == 0:
            return 0.0, "same year, another month"
        return year_gap_weight(gap), f"born {gap} years apart"
    assert q.year is not None
    assert q.month is not None  # (a day needs a month: ``PartialDate``)
    assert e.year is not None
    # (``PartialDate.to_date`` written out: its methods run as interpreted code)
    qd, ed = dt.date(q.year, q.month, q.day), dt.date(e.year, e.month, e.day)
    if qd == ed:
        return EXACT, "same date of birth"
    if q.year == e.year and q.month == e.day and q.day == e.month:
        return SWAPPED, "day and month swapped"
    if abs((qd - ed).days) == 1:
        return ONE_DAY, "one day apart"
    if q.month == e.month and q.day == e.day and gap == 1:
        return YEAR_SLIP, "same day and month, year off by one"
    if gap == 0 and q.month == e.month:
        return SAME_MONTH, "same month and year, another day"
    if gap == 0 and placeholder and (_placeholder(q) or _placeholder(e)):
        return SAME_YEAR, "same year of birth (1 January: day and month unknown)"
    if gap == 0 and q.day == e.day and month_slip:
        # One field wrong, as with the year slip and the same month: the month mistyped or misread
        # (06/09) is as likely as a wrong day, and a random traveller shares day and year as rarely
        # as month and year.
        return SAME_MONTH, "same day and year, another month"
    if gap == 0:
        return other_day, "same year, another day and month"
    return year_gap_weight(gap), f"born {gap} year{'s' if gap > 1 else ''} apart"


def _versus_years(q: PartialDate, first: int, last: int, approximate: bool) -> tuple[float, str]:
    assert q.year is not None
    if first <= q.year <= last:
        if last == first:
            return (CIRCA_YEAR if approximate else SAME_YEAR), "same year of birth" + (
                " (listed as approximate)" if approximate else ""
            )
        width = last - first + 1
        weight = max(0.5, min(WITHIN_RANGE_MOST, 3.9 - 1.2 * (width - 1) ** 0.5))
        return weight, f"born within the listed range {first}–{last}"
    gap = first - q.year if q.year < first else q.year - last
    return year_gap_weight(
        gap, approximate=approximate or last > first
    ), f"born {gap} year{'s' if gap > 1 else ''} outside"


def _one(
    q: PartialDate, statement: BirthDate, other_day: float, placeholder: bool, month_slip: bool
) -> tuple[float, str] | None:
    e = statement.earliest
    if e.year is None or q.year is None:
        return None
    latest = statement.latest
    # ``statement.is_range`` written out, field by field as the dataclass compares: the property
    # and ``PartialDate.__eq__`` run as interpreted code, once per pair and statement.
    ranged = latest is not None and (latest.year != e.year or latest.month != e.month or latest.day != e.day)
    if ranged or e.month is None or statement.approximate:
        last = latest.year if latest and latest.year else e.year
        return _versus_years(q, e.year, last, statement.approximate)
    return _versus_exact(q, e, other_day, placeholder, month_slip)


def date_evidence(
    traveller: PartialDate | None,
    statements: Sequence[BirthDate],
    other_day: float = OTHER_DAY_V1,
    placeholder: bool = False,
    month_slip: bool = False,
) -> tuple[float, str] | None:
    """The best (weight, reason) over the list's statements, or ``None`` when nothing compares;
    ``placeholder``: read 1 January as "day and month unknown" (see ``_placeholder``);
    ``month_slip``: the same day and year in another month agrees as the same month does."""
    if traveller is None or traveller.year is None:
        return None
    best: tuple[float, str] | None = None
    for statement in statements:
        found = _one(traveller, statement, other_day, placeholder, month_slip)
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    return best


def compare_dates(
    traveller: PartialDate | None,
    statements: Sequence[BirthDate],
    other_day: float = OTHER_DAY_V1,
    placeholder: bool = False,
    month_slip: bool = False,
) -> Feature:
    """The date-of-birth evidence: the best agreement over the list's statements."""
    listed = "; ".join(str(s) for s in statements) or "not listed"
    given = str(traveller) if traveller else "not given"
    found = date_evidence(traveller, statements, other_day, placeholder, month_slip)
    if found is None:
        return Feature(
            "date_of_birth",
            0.0,
            given,
            listed,
            f"Date of birth not compared (traveller: {given}; list: {listed}).",
        )
    weight, reason = found
    verdict = (
        "supports" if weight > 0 else ("contradicts" if weight < 0 else "neither supports nor contradicts")
    )
    sentence = f"Date of birth {given} against {listed}: {reason}; this {verdict} the match."
    return Feature("date_of_birth", weight, given, listed, sentence)


def date_bound(year: int | None, listed_years: tuple[int, ...]) -> float:
    """The most a traveller's birth year can earn against a list's years, sorted (cheap, for pruning)."""
    if year is None or not listed_years:
        return 0.0
    # (the years are sorted: a year outside them is nearest the first or the last)
    if year <= listed_years[0]:
        gap = listed_years[0] - year
    elif year >= listed_years[-1]:
        gap = year - listed_years[-1]
    else:
        gap = min(abs(year - y) for y in listed_years)
    return (
        EXACT
        if gap == 0
        else max(YEAR_SLIP, year_gap_weight(gap, approximate=True))
        if gap == 1
        else year_gap_weight(gap, approximate=True)
    )


def birth_years(statements: Sequence[BirthDate]) -> frozenset[int]:
    """Every year a list's statements allow (used by the index for cheap pruning)."""
    years: set[int] = set()
    for statement in statements:
        years.update(statement.years())
    return frozenset(years)
