"""The protected-attribute guard, driven by the table in guard_cases.yml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.rules.factory import rule_file
from waystation.rules import ProblemCode, check_rules, default_policy
from waystation.rules.guard import nationality_only_branch
from waystation.rules.loader import read_rules

CASES: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (Path(__file__).parent / "guard_cases.yml").read_text("utf-8")
)


def _file(case: dict[str, Any]) -> str:
    when = yaml.safe_dump(case["when"], default_flow_style=False, allow_unicode=True)
    return rule_file(when, rule_id="case-rule", title=case.get("title", "Test rule on border travel"))


@pytest.mark.parametrize("case", CASES["forbidden"], ids=[c["case"] for c in CASES["forbidden"]])
def test_forbidden_rule_is_rejected_with_the_reason(case: dict[str, Any]) -> None:
    problems = check_rules(_file(case), "cases.yml")
    assert problems, "the guard accepted a forbidden rule"
    matching = [p for p in problems if p.code.value == case["code"]]
    assert matching, [str(p) for p in problems]
    assert all(p.rule_id == "case-rule" for p in problems)
    assert any(case["says"] in p.reason for p in matching), [p.reason for p in matching]


@pytest.mark.parametrize("case", CASES["lawful"], ids=[c["case"] for c in CASES["lawful"]])
def test_lawful_rule_is_accepted(case: dict[str, Any]) -> None:
    assert [str(p) for p in check_rules(_file(case), "cases.yml")] == []


def test_table_covers_every_protected_category() -> None:
    reasons = " ".join(p.reason for case in CASES["forbidden"] for p in check_rules(_file(case), "x"))
    for label in (
        "(religion or philosophical belief)",
        "(race or ethnic origin)",
        "(political opinion)",
        "(trade-union membership)",
        "(health)",
        "(sex life or sexual orientation)",
        "Charter Art. 21",
    ):
        assert label in reasons, label


def test_all_problems_of_one_rule_are_reported_together() -> None:
    text = rule_file(
        """
        any:
          - nationality: {in: [SYR]}
          - field: {field: traveller.sex, equals: [M]}
          - remark_contains: {terms: [MOML, WCHR]}
        """,
        title="Muslim travellers",
    )
    problems = check_rules(text, "many.yml")
    codes = sorted(p.code.value for p in problems)
    assert codes == [
        "nationality_only",
        "protected_field",
        "protected_value",
        "protected_value",
        "protected_value",
    ]
    assert str(problems[0]).startswith(
        "many.yml, line 2: rule test-rule: condition when.any[1].field reads traveller.sex"
    )


def test_area_named_after_a_religion_is_refused() -> None:
    text = """
areas:
  muslim-countries:
    title: Countries with a Muslim majority
    countries: [SAU, PAK]
rules: []
"""
    problems = check_rules(text, "areas.yml")
    assert [(p.rule_id, p.code) for p in problems] == [(None, ProblemCode.PROTECTED_VALUE)]
    assert "area muslim-countries" in problems[0].reason


def test_field_not_on_whitelist_and_not_forbidden_is_refused() -> None:
    from dataclasses import replace

    policy = default_policy()
    narrowed = replace(
        policy, allowed_fields={k: v for k, v in policy.allowed_fields.items() if k != "leg.carrier"}
    )
    text = rule_file("all: [{field: {field: leg.carrier, equals: [PC]}}, {one_way: {}}]")
    problems = check_rules(text, "x.yml", policy=narrowed)
    assert [p.code for p in problems] == [ProblemCode.PROTECTED_FIELD]
    assert "may read only the fields listed" in problems[0].reason


def test_a_newly_registered_condition_reading_sex_is_refused() -> None:
    """The whitelist protects against future conditions, not only the generic field one."""
    from dataclasses import dataclass

    from waystation.rules import Finding, ReferenceData, RuleSubject
    from waystation.rules.conditions import BaseCondition, BuildContext, Condition, Params, default_registry

    registry = default_registry().copy()

    @dataclass(frozen=True, slots=True)
    class IsMale(BaseCondition):
        def describe(self) -> str:
            return "is male"

        def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
            return Finding("male", subject.traveller.sex == "M", "sex")

    @registry.register(
        "male", params=Params, reads={"traveller.sex"}, summary="the traveller is male (forbidden)"
    )
    def _male(params: Params, context: BuildContext) -> Condition:
        return IsMale()

    text = rule_file("all: [{male: {}}, {one_way: {}}]")
    problems = check_rules(text, "x.yml", registry=registry)
    assert [p.code for p in problems] == [ProblemCode.PROTECTED_FIELD]
    assert "when.all[0].male reads traveller.sex" in problems[0].reason
    assert default_registry().get("male") is None


def test_every_catalogued_field_is_either_allowed_or_forbidden_with_a_reason() -> None:
    from waystation.rules.conditions.field import FIELDS

    policy = default_policy()
    for name in FIELDS:
        assert name in policy.allowed_fields or name in policy.forbidden_fields, name
    assert not set(policy.allowed_fields) & set(policy.forbidden_fields)
    assert policy.nationality_fields <= set(policy.allowed_fields)


def test_nationality_witness_names_the_branch() -> None:
    text = rule_file("any: [{all: [{one_way: {}}, {payment: {methods: [CA]}}]}, {nationality: {in: [SYR]}}]")
    ruleset, problems = read_rules(text, "x.yml")
    assert ruleset.rules == ()
    assert [p.reason for p in problems] == [
        "nationality can never be a rule's only condition, but this rule can fire on "
        "nationality (when.any[1].nationality) alone; add a non-nationality condition to every branch"
    ]
    lawful = read_rules(rule_file("all: [{one_way: {}}, {nationality: {in: [SYR]}}]"), "y.yml")[0]
    assert nationality_only_branch(lawful.rules[0].when, default_policy()) is None
