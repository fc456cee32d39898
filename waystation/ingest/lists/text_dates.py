"""Birth dates written as words: "12 Mar 1975", "Nov. 1973", "circa 1970", "1965 to 1968".

OFAC remarks hold every birth date as text, and the UN falls back to text in a NOTE when its
structured fields cannot say it ("Between Aug. and Sep. 1977"). What cannot be read (a Hijri
date, "30-35 years old") is not guessed: the caller keeps the text as the date's note.
"""

from __future__ import annotations

import re

from waystation.model import BirthDate, PartialDate

__all__ = ["MONTHS", "parse_text_date", "partial_date"]

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_M = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}})\s+{_M}\s+(\d{{4}})$", re.I)
_MONTH_DAY_YEAR = re.compile(rf"^{_M}\s+(\d{{1,2}}),?\s+(\d{{4}})$", re.I)
_MONTH_YEAR = re.compile(rf"^{_M}\s*(\d{{4}})$", re.I)
_YEAR = re.compile(r"^(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_RANGE = re.compile(r"^(?:between\s+)?(.+?)\s+(?:to|and|-|–)\s+(.+)$", re.I)
_YEARS = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")
_CIRCA = re.compile(r"^(?:circa|approximately|approx\.?|about|ca\.?|c\.)\s+", re.I)


def partial_date(text: str) -> PartialDate | None:
    """One date of any precision written in words or digits; ``None`` when unreadable."""
    text = " ".join(text.split()).strip(" .;,")
    try:
        if match := _DAY_MONTH_YEAR.match(text):
            return PartialDate(int(match[3]), MONTHS[match[2][:3].lower()], int(match[1]))
        if match := _MONTH_DAY_YEAR.match(text):
            return PartialDate(int(match[3]), MONTHS[match[1][:3].lower()], int(match[2]))
        if match := _MONTH_YEAR.match(text):
            return PartialDate(int(match[2]), MONTHS[match[1][:3].lower()])
        if match := _YEAR.match(text):
            return PartialDate(int(match[1]))
        if match := _ISO.match(text):
            return PartialDate(int(match[1]), int(match[2]), int(match[3]) if match[3] else None)
        if match := _DMY.match(text):
            return PartialDate(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None


def _month_only(text: str) -> int | None:
    match = re.fullmatch(_M, text.strip(), re.I)
    return MONTHS[match[1].lower()] if match else None


def parse_text_date(text: str) -> BirthDate | None:
    """A birth-date statement from text, or ``None`` when the text gives no readable date.

    Ranges take their missing year from the other end ("Between Aug. and Sep. 1977").
    """
    text = " ".join(text.split()).strip(" .;,")
    approximate = False
    if _CIRCA.match(text):
        approximate = True
        text = _CIRCA.sub("", text)
    single = partial_date(text)
    if single is not None:
        return BirthDate(single, approximate=approximate)
    match = _RANGE.match(text) or _YEARS.match(text)
    if not match:
        return None
    first_text, last_text = match[1], match[2]
    last = partial_date(last_text)
    first = partial_date(first_text)
    if first is None and last is not None and last.year is not None:
        month = _month_only(first_text)
        first = PartialDate(last.year, month) if month else None
    if first is None or last is None:
        return None
    return BirthDate(first, last, approximate=approximate)
