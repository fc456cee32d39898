"""Running rules over a subject: which rules fire, and why, in words an analyst can check.

Only rules in force at ``subject.now`` fire (approved by a second person, between valid_from
and expires); backtesting a draft asks for ``enforce_lifecycle=False`` explicitly. A hit is never
a decision: it becomes an alert that a person reviews, and it carries the rule version and the
findings so that the review and the audit can see exactly what the machine saw.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from waystation.rules.conditions.base import Finding
from waystation.rules.model import Rule, RuleSet, Severity
from waystation.rules.subject import ReferenceData, RuleSubject
from waystation.rules.tree import evaluate_node

__all__ = ["RuleHit", "evaluate", "evaluate_rule"]

_NO_REFERENCES = ReferenceData()


@dataclass(frozen=True, slots=True)
class RuleHit:
    """A rule that fired for a subject, with the findings of the conditions that held."""

    rule_id: str
    rule_version: int
    title: str
    severity: Severity
    subject_id: str
    findings: tuple[Finding, ...]

    @property
    def rule_key(self) -> str:
        return f"{self.rule_id}@{self.rule_version}"

    def explanation(self) -> str:
        """``Rule "…" (ftf-border-route v3, high) fired: route: …; one_way: …``."""
        reasons = "; ".join(f.text() for f in self.findings)
        return f'Rule "{self.title}" ({self.rule_id} v{self.rule_version}, {self.severity}) fired: {reasons}'


def evaluate_rule(
    rule: Rule,
    subject: RuleSubject,
    refs: ReferenceData = _NO_REFERENCES,
    *,
    enforce_lifecycle: bool = True,
) -> RuleHit | None:
    """The hit when the rule fires for the subject, else ``None``."""
    if enforce_lifecycle and not rule.is_active(subject.now):
        return None
    outcome = evaluate_node(rule.when, subject, refs)
    if not outcome.held:
        return None
    return RuleHit(rule.id, rule.version, rule.title, rule.severity, subject.subject_id, outcome.findings)


def evaluate(
    rules: RuleSet | Iterable[Rule], subject: RuleSubject, refs: ReferenceData = _NO_REFERENCES
) -> list[RuleHit]:
    """Every rule in force that fires for the subject, most severe first."""
    pool = rules.rules if isinstance(rules, RuleSet) else tuple(rules)
    hits = [hit for rule in pool if (hit := evaluate_rule(rule, subject, refs)) is not None]
    return sorted(hits, key=lambda h: (-h.severity.rank, h.rule_id))
