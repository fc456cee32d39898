"""Targeting rules ("pre-determined criteria") as data, with the protected-attribute safeguard.

A supervisor writes rules in YAML or JSON; :func:`check_rules` reports every problem of a file
(including rules the law forbids); :func:`load_rules` gives a :class:`RuleSet`; :func:`evaluate`
runs the rules in force over a :class:`RuleSubject` and explains each hit; :func:`backtest` and
:func:`rule_statistics` measure a rule. See docs/rules.md.
"""

from waystation.rules.areas import Area, default_areas, parse_areas
from waystation.rules.backtest import (
    BacktestReport,
    DayResult,
    RuleDisposition,
    RuleStats,
    Verdict,
    backtest,
    rule_statistics,
)
from waystation.rules.conditions import ConditionRegistry, Finding, default_registry
from waystation.rules.defaults import default_rules, default_rules_text
from waystation.rules.engine import RuleHit, evaluate, evaluate_rule
from waystation.rules.loader import check_rules, load_rules, read_rules
from waystation.rules.model import Approval, Rule, RuleSet, RuleStatus, Severity
from waystation.rules.problems import Problem, ProblemCode
from waystation.rules.protected import Policy, default_policy
from waystation.rules.subject import (
    AlertState,
    Companion,
    DocumentList,
    ReferenceData,
    RuleSubject,
    SubjectLeg,
)

__all__ = [
    "AlertState",
    "Approval",
    "Area",
    "BacktestReport",
    "Companion",
    "ConditionRegistry",
    "DayResult",
    "DocumentList",
    "Finding",
    "Policy",
    "Problem",
    "ProblemCode",
    "ReferenceData",
    "Rule",
    "RuleDisposition",
    "RuleHit",
    "RuleSet",
    "RuleStats",
    "RuleStatus",
    "RuleSubject",
    "Severity",
    "SubjectLeg",
    "Verdict",
    "backtest",
    "check_rules",
    "default_areas",
    "default_policy",
    "default_registry",
    "default_rules",
    "default_rules_text",
    "evaluate",
    "evaluate_rule",
    "load_rules",
    "parse_areas",
    "read_rules",
    "rule_statistics",
]
