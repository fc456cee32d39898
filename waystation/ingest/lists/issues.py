"""Recording what a list reader could not use, value by value, without stopping.

Readers are lenient per value: an unknown country name or an unreadable date becomes "unknown"
plus a :class:`~waystation.model.ParseIssue`, so one odd entry never costs the whole list. The
log also resolves country names, the most frequent source of such issues.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from waystation.exc import Locator
from waystation.model import ParseIssue, Severity, to_alpha3

__all__ = ["NO_COUNTRY", "IssueLog"]

# What lists write when they mean "no value" (the UN writes 'na' for a nationality).
NO_COUNTRY = frozenset({"", "na", "n/a", "-0-", "unknown", "none", "stateless"})


@dataclass
class IssueLog:
    """The issues found in one file; ``source`` names the file in every locator."""

    source: str
    issues: list[ParseIssue] = field(default_factory=list)

    def warn(self, code: str, message: str, *, line: int | None = None, tag: str | None = None) -> None:
        self.issues.append(
            ParseIssue(Severity.WARNING, code, message, Locator(self.source, None, tag, None, line))
        )

    def error(self, code: str, message: str, *, line: int | None = None, tag: str | None = None) -> None:
        self.issues.append(
            ParseIssue(Severity.ERROR, code, message, Locator(self.source, None, tag, None, line))
        )

    def country(self, text: str | None, *, line: int | None = None, tag: str | None = None) -> str | None:
        """The alpha-3 code for a country name or code; unknown names are recorded, not guessed."""
        if text is None:
            return None
        cleaned = " ".join(text.split())
        if cleaned.casefold() in NO_COUNTRY:
            return None
        code = to_alpha3(cleaned)
        if code is None:
            self.warn("unknown_country", f"not a known country: {cleaned!r}", line=line, tag=tag)
        return code

    def frozen(self) -> tuple[ParseIssue, ...]:
        return tuple(self.issues)
