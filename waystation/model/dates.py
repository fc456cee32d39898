"""Dates as passenger data and watchlists really give them: often partial, sometimes a range.

A passenger's date of birth may lack the day or month (``00``, ``XX``); a list entry may give an
exact date, a year, an approximate year, a range of years, or several of these at once. Keeping
"unknown" distinct from "wrong" is what lets matching grade date evidence honestly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["BirthDate", "PartialDate"]

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date whose month and day may be unknown; the year may be unknown too."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            if self.month is None:
                raise ValueError("a day without a month is not a date")
            if not 1 <= self.day <= 31:
                raise ValueError(f"day out of range: {self.day}")
            if self.year is not None:
                date(self.year, self.month, self.day)  # raises ValueError for 31 February

    @classmethod
    def parse(cls, text: str | None) -> PartialDate | None:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``None`` for empty or unreadable text."""
        if not text:
            return None
        match = _ISO.match(text)
        if not match:
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            return cls(year, month, day)
        except ValueError:
            return None

    @classmethod
    def of(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def is_complete(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None

    def to_date(self) -> date | None:
        """The exact date when it is complete."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def iso(self) -> str:
        """``1972-09-07``, ``1972-09``, ``1972``, or ``""`` when nothing is known."""
        if self.year is None:
            return ""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        return self.iso() or "unknown"


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A watchlist's statement about a birth date.

    ``earliest`` alone is an exact or partial date; with ``latest`` it is a range (the UN's
    ``BETWEEN`` years); ``approximate`` marks "circa"; ``note`` keeps any free text.
    """

    earliest: PartialDate
    latest: PartialDate | None = None
    approximate: bool = False
    note: str | None = None

    @property
    def is_range(self) -> bool:
        return self.latest is not None and self.latest != self.earliest

    def years(self) -> range:
        """The birth years this statement allows (empty when no year is known)."""
        if self.earliest.year is None:
            return range(0)
        last = self.latest.year if self.latest and self.latest.year is not None else self.earliest.year
        return range(self.earliest.year, last + 1)

    def __str__(self) -> str:
        text = self.earliest.iso()
        if self.is_range and self.latest is not None:
            text += f" to {self.latest.iso()}"
        if self.approximate:
            text = f"circa {text}"
        return text or (self.note or "unknown")
