"""Problems found in a rule file: every one of them, each naming the rule and the reason.

A supervisor fixing a rule file should see the whole list at once (splink reports every
configuration problem together), so the loader never stops at the first problem: it collects
:class:`Problem` values and only :func:`raise_for` turns them into one :class:`RuleError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from pydantic import ValidationError

from waystation.exc import RuleError

__all__ = ["Problem", "ProblemCode", "pydantic_problems", "raise_for"]


class ProblemCode(StrEnum):
    """Why a rule (or the file) was rejected: a closed list, so tests and the UI can rely on it."""

    UNREADABLE = "unreadable"
    BAD_SHAPE = "bad_shape"
    BAD_FIELD = "bad_field"
    DUPLICATE_ID = "duplicate_id"
    UNKNOWN_CONDITION = "unknown_condition"
    BAD_CONDITION = "bad_condition"
    UNKNOWN_AREA = "unknown_area"
    TOO_COMPLEX = "too_complex"
    WEAK_JUSTIFICATION = "weak_justification"
    SELF_APPROVED = "self_approved"
    BAD_DATES = "bad_dates"
    EXPIRY_TOO_LONG = "expiry_too_long"
    PROTECTED_FIELD = "protected_field"
    PROTECTED_VALUE = "protected_value"
    NATIONALITY_ONLY = "nationality_only"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: the rule it is in (``None`` for the file itself), a code and a sentence."""

    rule_id: str | None
    code: ProblemCode
    reason: str
    source: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.source + (f", line {self.line}" if self.line is not None else "")
        who = f"rule {self.rule_id}" if self.rule_id else "file"
        return f"{where}: {who}: {self.reason} [{self.code.value}]"


def pydantic_problems(
    error: ValidationError, rule_id: str | None, source: str, *, prefix: str = "", line: int | None = None
) -> list[Problem]:
    """One :class:`Problem` per pydantic error, naming the field path in words."""
    found: list[Problem] = []
    for item in error.errors(include_url=False, include_input=False):
        path = ".".join(str(part) for part in item["loc"])
        where = " ".join(p for p in (prefix, path) if p)
        message = str(item["msg"])
        text = f"{where}: {message}" if where else message
        found.append(Problem(rule_id, ProblemCode.BAD_FIELD, text, source, line))
    return found


def raise_for(problems: Sequence[Problem]) -> None:
    """Raise one :class:`RuleError` carrying every problem, if there are any."""
    if problems:
        raise RuleError([str(p) for p in problems])
