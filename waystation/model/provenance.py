"""Where every value came from, and what went wrong while reading it.

A fact in waystation is never just a value: it carries the file or message it came from, the
segment (or CSV line) and the raw text as received, so an analyst or auditor can always go back
to what the carrier or the list publisher actually said (the idea of followthemoney statements).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from waystation.exc import Locator

__all__ = ["ParseIssue", "Provenance", "Severity"]

_set = object.__setattr__


@dataclass(frozen=True, slots=True, init=False)
class Provenance:
    """The place a value was read from, the raw text there, and when it was seen."""

    locator: Locator
    raw: str | None = None
    seen_at: datetime | None = None

    def __init__(self, locator: Locator, raw: str | None = None, seen_at: datetime | None = None) -> None:
        # As the generated __init__, with object.__setattr__ looked up once (~3,300 per manifest).
        _set(self, "locator", locator)
        _set(self, "raw", raw)
        _set(self, "seen_at", seen_at)

    @classmethod
    def at(
        cls,
        source: str | None,
        segment: int | None = None,
        tag: str | None = None,
        raw: str | None = None,
        *,
        field: str | None = None,
        line: int | None = None,
    ) -> Provenance:
        """Shorthand for the common case of a segment (or line) in a named source."""
        return cls(Locator(source, segment, tag, field, line), raw)

    def __str__(self) -> str:
        return str(self.locator)


class Severity(StrEnum):
    """How bad a parse issue is: warnings keep the value (or mark it unknown); errors lose it."""

    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class ParseIssue:
    """A problem found while reading input: lenient per value, recorded, never silent."""

    severity: Severity
    code: str
    message: str
    locator: Locator

    def __str__(self) -> str:
        return f"{self.severity.value}: {self.locator}: {self.message} [{self.code}]"
