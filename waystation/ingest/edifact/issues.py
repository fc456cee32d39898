"""A small collector of parse issues located on segments (file, segment number, tag, line)."""

from __future__ import annotations

from collections.abc import Iterable

from waystation.exc import Locator
from waystation.ingest.edifact.segment import Segment
from waystation.model import ParseIssue, Severity

__all__ = ["IssueLog"]


class IssueLog:
    """Collects warnings and errors for one source, in the order found."""

    __slots__ = ("items", "source")

    def __init__(self, source: str, items: Iterable[ParseIssue] = ()) -> None:
        self.source = source
        self.items: list[ParseIssue] = list(items)

    def locator(self, segment: Segment | None, field: str | None = None) -> Locator:
        if segment is None:
            return Locator(self.source, field=field)
        return Locator(self.source, segment.position, segment.tag, field, segment.line)

    def warn(self, code: str, message: str, segment: Segment | None = None, field: str | None = None) -> None:
        self.items.append(ParseIssue(Severity.WARNING, code, message, self.locator(segment, field)))

    def error(
        self, code: str, message: str, segment: Segment | None = None, field: str | None = None
    ) -> None:
        self.items.append(ParseIssue(Severity.ERROR, code, message, self.locator(segment, field)))

    def extend(self, issues: Iterable[ParseIssue]) -> None:
        self.items.extend(issues)

    def freeze(self) -> tuple[ParseIssue, ...]:
        return tuple(self.items)
