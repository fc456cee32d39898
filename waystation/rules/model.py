"""Rules as the engine uses them: validated, built, frozen — and in force only when approved.

A rule is data with a life cycle (PNR Directive Art. 6(4): criteria must be "targeted,
proportionate and specific" and regularly reviewed): an owner writes it with a justification, a
second person approves it, it is in force from ``valid_from`` to ``expires`` (both included;
at most about a year apart, so every rule is reviewed at least yearly) and carries a version
that every hit records. A draft, a self-approved, a future or an expired rule does not fire.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from waystation.rules.areas import Area
from waystation.rules.tree import Node, describe

__all__ = ["Approval", "Rule", "RuleSet", "RuleStatus", "Severity"]


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return {"low": 1, "medium": 2, "high": 3}[self.value]


class RuleStatus(StrEnum):
    """Whether a rule fires at a given moment, and if not, why not."""

    ACTIVE = "active"
    DRAFT = "draft"
    SELF_APPROVED = "self_approved"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class Approval:
    approved_by: str
    approved_at: date


@dataclass(frozen=True, slots=True)
class Rule:
    """One targeting rule, built and checked."""

    id: str
    title: str
    version: int
    owner: str
    justification: str
    valid_from: date
    expires: date
    severity: Severity
    when: Node
    approval: Approval | None = None
    source: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        """``ftf-border-route@3``: how hits and statistics name a rule version."""
        return f"{self.id}@{self.version}"

    def status(self, at: datetime | date) -> RuleStatus:
        day = at.date() if isinstance(at, datetime) else at
        if self.approval is None:
            return RuleStatus.DRAFT
        if self.approval.approved_by.strip().casefold() == self.owner.strip().casefold():
            return RuleStatus.SELF_APPROVED
        if day < self.valid_from or day < self.approval.approved_at:
            return RuleStatus.NOT_YET_VALID
        if day > self.expires:
            return RuleStatus.EXPIRED
        return RuleStatus.ACTIVE

    def is_active(self, at: datetime | date) -> bool:
        return self.status(at) is RuleStatus.ACTIVE

    def describe(self) -> str:
        return describe(self.when)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules of one file, with the areas they were built against."""

    rules: tuple[Rule, ...]
    areas: Mapping[str, Area] = field(default_factory=dict)
    source: str | None = None

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def active(self, at: datetime | date) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.is_active(at))

    def statuses(self, at: datetime | date) -> list[tuple[Rule, RuleStatus]]:
        """Every rule with its status, for the supervisor's listing."""
        return [(r, r.status(at)) for r in self.rules]
