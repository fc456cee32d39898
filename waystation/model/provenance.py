"""Where every value came from, and what went wrong while reading it.

A fact in waystation is never just a value: it carries the file or message it came from, the
segment (or CSV line) and the raw text as received, so an analyst or auditor can always go back
to what the carrier or the list publisher actually said (the idea of followthemoney statements).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from waystation._mypyc import mypyc_attr
from waystation.locator import Locator

__all__ = ["ParseIssue", "Provenance", "Severity", "read_at"]


# Compiled by mypyc as an acyclic class (group ``core`` of ``waystation.compiled``), like its
# Locator: a parsed message keeps one provenance per value read (~3,300 for 300 passengers)
# until it is answered, and as Python objects they and their locators were two thirds of the
# objects the cyclic collector had to walk meanwhile. It refers to a locator, a string and a
# datetime, none of which can refer back, so it can never be part of a reference cycle and is
# not tracked. Read from its source it behaves the same, tracked.
@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True, init=False)
class Provenance:
    """The place a value was read from, the raw text there, and when it was seen."""

    locator: Locator
    raw: str | None = None
    seen_at: datetime | None = None

    def __init__(self, locator: Locator, raw: str | None = None, seen_at: datetime | None = None) -> None:
        # Written out, as Locator's (direct stores when compiled).
        object.__setattr__(self, "locator", locator)
        object.__setattr__(self, "raw", raw)
        object.__setattr__(self, "seen_at", seen_at)

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

    def parts(
        self,
    ) -> tuple[str | None, int | None, str | None, str | None, int | None, str | None, datetime | None]:
        """``(source, segment, tag, field, line, raw, seen_at)`` in one call: what the store reads
        of every value (~3,600 per 300-passenger message). Compiled, each attribute read from
        Python goes through a descriptor the interpreter cannot specialize (~20 ns each, where a
        slot was ~8); this reads them natively."""
        locator = self.locator
        return (
            locator.source,
            locator.segment,
            locator.tag,
            locator.field,
            locator.line,
            self.raw,
            self.seen_at,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Compiled, the frozen dataclass's own pickling support is lost (it sets fields one by one).
        return (Provenance, (self.locator, self.raw, self.seen_at))


def read_at(
    source: str | None,
    segment: int | None,
    tag: str | None,
    field: str | None,
    line: int | None,
    raw: str | None,
) -> Provenance:
    """``Provenance(Locator(source, segment, tag, field, line), raw)``: a value read from a segment
    (or line) as the readers record it (~3,300 times for a 300-passenger PAXLST). One call into the
    compiled module instead of two: the readers are compiled in another group, so each call from
    them goes through Python's calling convention, while here both objects are made natively."""
    return Provenance(Locator(source, segment, tag, field, line), raw)


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
