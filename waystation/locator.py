"""Where something was found: the :class:`Locator` every error, parse issue and provenance carries.

It lives apart from :mod:`waystation.exc` (which re-exports it) only so that it can be compiled:
a parsed message holds one locator per value read (~3,300 for a 300-passenger PAXLST) until it
is answered, and as a Python object each one is tracked by the cyclic garbage collector, which
walks them all in every collection that happens meanwhile. Compiled by mypyc as an *acyclic*
class (``waystation.compiled``, group ``core``) a locator is not tracked at all: it refers only
to strings, whole numbers and ``None``, so it can never be part of a reference cycle. Read from
its source (``WAYSTATION_PURE_PYTHON=1``, or a stale build) it behaves the same, tracked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from waystation._mypyc import mypyc_attr

__all__ = ["Locator"]


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True, init=False)
class Locator:
    """Where something was found: a file, a segment (1-based) with its tag, a field, a line."""

    source: str | None = None
    segment: int | None = None
    tag: str | None = None
    field: str | None = None
    line: int | None = None

    def __init__(
        self,
        source: str | None = None,
        segment: int | None = None,
        tag: str | None = None,
        field: str | None = None,
        line: int | None = None,
    ) -> None:
        # Written out: compiled, mypyc turns each ``object.__setattr__(self, "name", value)`` into
        # a direct store (the dataclass's generated __init__ would set them through descriptors,
        # slower than the Python class was); from source it is the frozen dataclass's own way.
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "segment", segment)
        object.__setattr__(self, "tag", tag)
        object.__setattr__(self, "field", field)
        object.__setattr__(self, "line", line)

    def __str__(self) -> str:
        parts: list[str] = []
        if self.source:
            parts.append(self.source)
        if self.segment is not None:
            parts.append(f"segment {self.segment}" + (f" ({self.tag})" if self.tag else ""))
        elif self.tag:
            parts.append(f"segment {self.tag}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts) if parts else "<unknown location>"

    def with_source(self, source: str) -> Locator:
        """The same place, in a named file (readers often learn the file name last)."""
        return Locator(source, self.segment, self.tag, self.field, self.line)

    def __reduce__(self) -> tuple[Any, ...]:
        # Compiled, the frozen dataclass's own pickling support is lost (it sets fields one by one).
        return (Locator, (self.source, self.segment, self.tag, self.field, self.line))
