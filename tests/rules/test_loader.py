"""Reading rule files: every problem at once, named by rule; arbitrary input never crashes."""

from __future__ import annotations

import json
from datetime import date

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.rules.factory import rule_file
from waystation.exc import RuleError
from waystation.rules import ProblemCode, Severity, check_rules, default_rules, load_rules, parse_areas
from waystation.rules.loader import read_rules


def test_default_rule_file_is_clean_and_has_a_draft() -> None:
    ruleset = default_rules()
    statuses = {rule.id: status.value for rule, status in ruleset.statuses(date(2026, 11, 25))}
    assert statuses == {
        "ftf-border-route": "active",
        "broken-journey-border": "active",
        "travels-with-confirmed-subject": "active",
        "lost-stolen-document": "active",
        "new-passport-one-way-draft": "draft",
    }
    first = ruleset.rules[0]
    assert (first.key, first.severity, first.owner) == (
        "ftf-border-route@3",
        Severity.HIGH,
        "supervisor.demir",
    )
    assert first.line == 9


def test_file_with_many_problems_reports_each_with_rule_and_line() -> None:
    text = """\
rules:
  - id: no-approval-needed
    title: Shrt
    version: 0
    owner: alice
    justification: TBD
    approval: {approved_by: Alice, approved_at: 2026-01-01}
    valid_from: 2026-01-01
    expires: 2028-01-01
    when: {all: [{rout: {destination: syria-border-tr}}, {route: {destination: raqqa}}]}
  - id: second-rule
    title: Payment in an unknown way
    version: 1
    owner: bob
    justification: >
      Paying with an unknown form of payment code is not something this file can express, and the
      loader must say so while still reporting the problems of the first rule in the same run.
    valid_from: 2026-01-01
    expires: 2026-06-01
    when: {payment: {methods: [BTC]}}
  - id: second-rule
    title: Duplicate identifier here
    version: 1
    owner: bob
    justification: same
    valid_from: 2026-01-01
    expires: 2026-06-01
    when: {one_way: {}}
"""
    problems = check_rules(text, "bad.yml")
    summary = [(p.rule_id, p.code.value, p.line) for p in problems]
    assert summary == [
        ("no-approval-needed", "bad_field", 2),
        ("no-approval-needed", "bad_field", 2),
        ("no-approval-needed", "unknown_condition", 2),
        ("no-approval-needed", "unknown_area", 2),
        ("no-approval-needed", "weak_justification", 2),
        ("no-approval-needed", "weak_justification", 2),
        ("no-approval-needed", "self_approved", 2),
        ("no-approval-needed", "expiry_too_long", 2),
        ("second-rule", "bad_condition", 11),
        ("second-rule", "duplicate_id", 21),
        ("second-rule", "weak_justification", 21),
    ]
    reasons = {p.code.value: p.reason for p in problems}
    assert reasons["unknown_condition"] == "when.all[0].rout: unknown condition 'rout'; did you mean 'route'?"
    assert reasons["unknown_area"].startswith(
        "when.all[1].route: unknown area 'raqqa' (defined: europe, istanbul"
    )
    assert reasons["self_approved"] == "approved by its own owner 'alice': a second person must approve"
    assert (
        reasons["expiry_too_long"]
        == "valid for 730 days; at most 366 (12 months) so that it is reviewed yearly"
    )
    assert reasons["bad_condition"].startswith("when.payment.methods.0: Input should be 'CA', 'CC'")
    assert (
        str(problems[0])
        == "bad.yml, line 2: rule no-approval-needed: title: String should have at least 5 characters "
        "[bad_field]"
    )
    assert "the justification contains placeholder text: tbd" in [p.reason for p in problems]


def test_load_rules_raises_one_error_with_all_problems() -> None:
    text = rule_file("nationality: {in: [SYR]}").replace(
        "approved_by: head.piu.kaya", "approved_by: supervisor.demir"
    )
    with pytest.raises(RuleError) as caught:
        load_rules(text, "x.yml")
    assert len(caught.value.problems) == 2
    assert "[self_approved]" in caught.value.problems[0]
    assert "[nationality_only]" in caught.value.problems[1]


def test_json_rule_file_is_read_too() -> None:
    document = yaml.safe_load(rule_file("one_way: {}"))
    document["rules"][0]["valid_from"] = "2026-06-01"
    document["rules"][0]["expires"] = "2027-05-31"
    document["rules"][0]["approval"]["approved_at"] = "2026-05-20"
    ruleset = load_rules(json.dumps(document), "rules.json")
    assert [r.id for r in ruleset.rules] == ["test-rule"]


def test_local_areas_and_shared_areas() -> None:
    text = """
areas:
  north-iraq:
    title: Northern Iraq airports
    airports: [ebl, isu]
  istanbul:
    title: Redefined
    airports: [IST]
rules: []
"""
    problems = check_rules(text, "a.yml")
    assert [p.reason for p in problems] == ["area istanbul redefines a shared area"]
    ruleset, _ = read_rules(text, "a.yml", areas={})
    assert sorted(ruleset.areas["north-iraq"].airports) == ["EBL", "ISU"]


def test_shared_area_file_problems() -> None:
    areas, problems = parse_areas("areas: {x: {title: none}, Bad Name: {title: t, airports: [GZT]}}", "s.yml")
    assert areas == {}
    assert [p.reason for p in problems] == [
        "area name 'x' must be lower-case letters, digits, '-' or '_'",
        "area name 'Bad Name' must be lower-case letters, digits, '-' or '_'",
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "a rule file is a mapping with a 'rules' list (and optionally 'areas')"),
        ("- 1\n- 2", "a rule file is a mapping with a 'rules' list (and optionally 'areas')"),
        ("rules: 3", "'rules' must be a list of rules"),
        ("rules: []\nrulez: []", "unknown top-level keys: rulez"),
        ("rules: [3]", "each rule must be a mapping"),
        ("rules: [{id: abc}]\n", "has no conditions ('when')"),
        ("format: other\nrules: []", "format must be 'waystation-rules/1'"),
        ("rules: [\n", "not valid YAML/JSON"),
    ],
)
def test_bad_shapes_are_problems_not_crashes(text: str, reason: str) -> None:
    problems = check_rules(text, "shape.yml")
    assert any(reason in p.reason for p in problems), [str(p) for p in problems]


def test_deeply_nested_and_oversized_trees_are_refused() -> None:
    deep = "one_way: {}"
    for _ in range(10):
        deep = f"not: {{{deep}}}"
    problems = check_rules(rule_file(deep), "deep.yml")
    assert [p.code for p in problems] == [ProblemCode.TOO_COMPLEX]
    wide = "all: [" + ", ".join(["{one_way: {}}"] * 45) + "]"
    problems = check_rules(rule_file(wide), "wide.yml")
    assert [p.reason for p in problems] == ["when.all[40].one_way: more than 40 conditions in one rule"]


def test_yaml_alias_bomb_is_bounded() -> None:
    bomb = "a: &a [{one_way: {}}, {one_way: {}}]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{{all: *{chr(97 + i)}}}, {{all: *{chr(97 + i)}}}]\n"
        for i in range(15)
    )
    text = bomb + rule_file("all: *p").replace("rules:\n", "rules:\n", 1)
    problems = check_rules(text, "bomb.yml")
    assert [p.code for p in problems] == [ProblemCode.BAD_SHAPE, ProblemCode.TOO_COMPLEX]
    assert problems[1].reason.endswith("conditions nested deeper than 8 levels")


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20), st.dates()
)
_values = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                ["rules", "areas", "when", "all", "any", "not", "route", "id", "title", "x", "in"]
            )
            | st.text(max_size=8),
            children,
            max_size=4,
        ),
    ),
    max_leaves=30,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_values)
def test_loader_never_crashes_on_arbitrary_yaml(value: object) -> None:
    text = yaml.safe_dump(value, allow_unicode=True)
    problems = check_rules(text, "fuzz.yml")
    _, again = read_rules(text, "fuzz.yml")
    assert [str(p) for p in problems] == [str(p) for p in again]
    assert all(p.source == "fuzz.yml" and p.reason for p in problems)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_loader_never_crashes_on_arbitrary_text(text: str) -> None:
    problems = check_rules(text, "fuzz.txt")
    assert all(isinstance(p.code, ProblemCode) for p in problems)


_conditions = st.recursive(
    st.sampled_from(
        [
            {"one_way": {}},
            {"nationality": {"in": ["SYR"]}},
            {"payment": {"methods": ["CA"]}},
            {"route": {"destination": "syria-border-tr"}},
            {"field": {"field": "traveller.sex", "equals": ["M"]}},
            {"remark_contains": {"terms": ["MOML"]}},
        ]
    ),
    lambda children: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(children, min_size=1, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(children, min_size=1, max_size=3)),
        st.builds(lambda x: {"not": x}, children),
    ),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(_conditions)
def test_generated_condition_trees_either_load_or_give_rule_problems(when: dict[str, object]) -> None:
    text = rule_file(yaml.safe_dump(when))
    ruleset, problems = read_rules(text, "gen.yml")
    assert bool(ruleset.rules) != bool(problems)
    assert all(p.rule_id == "test-rule" for p in problems)
