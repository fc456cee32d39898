"""Case numbers: ``WS-2025-000123-5`` — prefix, year, sequence, Luhn check digit.

The case number is the key of purpose limitation: multi-hop network queries and unmasking of
depersonalised data are only allowed under an open case, so analysts type case numbers into
forms and auditors read them in logs. A check digit (Luhn over year and sequence) turns a typo
into a clear error instead of a silent look-up of someone else's case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from waystation.exc import InputError, Locator

__all__ = ["CaseNumber"]

_PATTERN = re.compile(r"^([A-Z]{2,6})-(\d{4})-(\d{6})-(\d)$")


def _luhn_digit(digits: str) -> int:
    """The Luhn check digit for ``digits`` (doubling from the rightmost digit)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return (10 - total % 10) % 10


@dataclass(frozen=True, slots=True, order=True)
class CaseNumber:
    """A case number; build with :meth:`issue`, read user input with :meth:`parse`."""

    prefix: str
    year: int
    sequence: int

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[A-Z]{2,6}", self.prefix):
            raise ValueError(f"case prefix must be 2-6 capital letters, got {self.prefix!r}")
        if not 2000 <= self.year <= 9999:
            raise ValueError(f"case year out of range: {self.year}")
        if not 1 <= self.sequence <= 999_999:
            raise ValueError(f"case sequence out of range: {self.sequence}")

    @classmethod
    def issue(cls, year: int, sequence: int, prefix: str = "WS") -> CaseNumber:
        """The number for the ``sequence``-th case opened in ``year`` (the store keeps the counter)."""
        return cls(prefix, year, sequence)

    @property
    def check_digit(self) -> int:
        return _luhn_digit(f"{self.year:04d}{self.sequence:06d}")

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year:04d}-{self.sequence:06d}-{self.check_digit}"

    @classmethod
    def parse(cls, text: str | None, *, field: str = "case_number") -> CaseNumber:
        """Read a typed case number (spaces and case forgiven); ``InputError`` names the field."""
        tidy = "".join((text or "").split()).upper()
        match = _PATTERN.match(tidy)
        if not match:
            raise InputError(f"{text!r} is not a case number like WS-2025-000123-5", Locator(field=field))
        prefix, year, sequence, check = match.groups()
        if int(sequence) == 0 or int(year) < 2000:
            raise InputError(f"{text!r} is not a case number that can exist", Locator(field=field))
        number = cls(prefix, int(year), int(sequence))
        if number.check_digit != int(check):
            raise InputError(f"{text!r} has a wrong check digit: mistyped?", Locator(field=field))
        return number
