"""The rules package's public surface is pinned."""

from __future__ import annotations

import waystation.rules


def test_rules_exports() -> None:
    assert sorted(waystation.rules.__all__) == [
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
    for name in waystation.rules.__all__:
        assert hasattr(waystation.rules, name), name
