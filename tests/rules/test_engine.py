"""Running rules: which fire, in which order, with what explanation; life cycle decides."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from tests.rules.factory import rule_file, subject
from waystation.rules import (
    Approval,
    DocumentList,
    ReferenceData,
    Rule,
    RuleStatus,
    default_rules,
    evaluate,
    evaluate_rule,
    load_rules,
)
from waystation.rules.loader import read_rules

ROUTE = "all: [{route: {transit: istanbul, destination: syria-border-tr}}, {one_way: {}}]"


def _rule(when: str = ROUTE) -> Rule:
    return load_rules(rule_file(when), "t.yml").rules[0]


def test_active_rule_fires_with_the_conditions_that_held() -> None:
    hit = evaluate_rule(_rule(), subject())
    assert hit is not None
    assert hit.rule_key == "test-rule@1"
    assert [f.condition for f in hit.findings] == ["route", "one_way"]
    assert hit.explanation() == (
        'Rule "Test rule on border travel" (test-rule v1, medium) fired: route: the journey LHR → IST → GZT '
        "changes flights at IST (Arnavutköy, Istanbul, TUR), in area istanbul; ends at GZT (Gaziantep, TUR), "
        "in area syria-border-tr [transit=IST, destination=GZT]; "
        "one_way: booking ABC123 holds no leg back to "
        "LHR (London, GBR): the ticket is one-way [booking=ABC123, legs=2]"
    )


def test_any_lists_every_branch_that_held_and_not_is_marked() -> None:
    rule = _rule(
        "all: [{any: [{payment: {methods: [CA]}}, {party_size: {max: 1}}, {document_expired: {}}]}, "
        "{not: {broken_journey: {}}}, {route: {destination: syria-border-tr}}]"
    )
    hit = evaluate_rule(rule, subject())
    assert hit is not None
    assert [(f.condition, f.negated) for f in hit.findings] == [
        ("payment", False),
        ("party_size", False),
        ("broken_journey", True),
        ("route", False),
    ]
    assert hit.findings[2].text() == (
        "not broken_journey: no break of the selected kinds at the transit points (IST)"
    )


def test_rule_that_does_not_hold_gives_no_hit() -> None:
    assert evaluate_rule(_rule("payment: {methods: [CC]}"), subject()) is None


def test_lifecycle_expired_not_yet_valid_draft_and_self_approved_do_not_fire() -> None:
    rule = _rule()
    assert rule.status(date(2026, 11, 30)) is RuleStatus.ACTIVE
    assert rule.status(date(2027, 5, 31)) is RuleStatus.ACTIVE  # the expiry day is included
    expired = subject(now=datetime(2027, 6, 1, 0, 0))
    assert rule.status(expired.now) is RuleStatus.EXPIRED
    assert evaluate_rule(rule, expired) is None
    early = subject(now=datetime(2026, 5, 31, 23, 59))
    assert rule.status(early.now) is RuleStatus.NOT_YET_VALID
    assert evaluate_rule(rule, early) is None
    draft = replace(rule, approval=None)
    assert draft.status(date(2026, 11, 30)) is RuleStatus.DRAFT
    assert evaluate_rule(draft, subject()) is None
    self_approved = replace(rule, approval=Approval("Supervisor.Demir ", date(2026, 5, 20)))
    assert self_approved.status(date(2026, 11, 30)) is RuleStatus.SELF_APPROVED
    assert evaluate_rule(self_approved, subject()) is None
    approved_late = replace(rule, approval=Approval("head.piu.kaya", date(2026, 12, 15)))
    assert approved_late.status(date(2026, 11, 30)) is RuleStatus.NOT_YET_VALID
    assert evaluate_rule(draft, subject(), enforce_lifecycle=False) is not None


def test_unapproved_rule_in_a_file_loads_as_a_draft_and_never_fires() -> None:
    text = rule_file(ROUTE)
    start = text.index("    approval:")
    end = text.index("    valid_from:")
    ruleset, problems = read_rules(text[:start] + text[end:], "draft.yml")
    assert problems == []
    assert ruleset.statuses(date(2026, 11, 30))[0][1] is RuleStatus.DRAFT
    assert evaluate(ruleset, subject()) == []


def test_self_approved_rule_is_refused_by_the_loader() -> None:
    text = rule_file(ROUTE).replace("approved_by: head.piu.kaya", "approved_by: SUPERVISOR.DEMIR")
    ruleset, problems = read_rules(text, "self.yml")
    assert ruleset.rules == ()
    assert [p.code.value for p in problems] == ["self_approved"]


def test_default_rules_on_the_border_subject_most_severe_first() -> None:
    lost = DocumentList.of("national-lost-stolen", "2026-11-30", [("GBR", "503912774")])
    hits = evaluate(default_rules(), subject(), ReferenceData.of(lost))
    assert [(h.rule_id, h.severity.value) for h in hits] == [
        ("ftf-border-route", "high"),
        ("lost-stolen-document", "high"),
    ]
    assert hits[0].findings[2].sentence == "booking ABC123 was created 46.0 h before departure, within 72 h"


def test_default_draft_would_fire_only_in_a_backtest() -> None:
    from tests.rules.factory import traveller
    from waystation.model import PartialDate, TravelDocument

    new_passport = TravelDocument(
        "P", "C01X00T47", "GBR", PartialDate(2036, 11, 10), PartialDate(2026, 11, 20)
    )
    who = subject(traveller=traveller(documents=(new_passport,)), now=datetime(2026, 12, 5))
    draft = default_rules().get("new-passport-one-way-draft")
    assert draft is not None
    assert draft.status(who.now) is RuleStatus.DRAFT
    assert "new-passport-one-way-draft" not in [h.rule_id for h in evaluate(default_rules(), who)]
    assert evaluate_rule(draft, who, enforce_lifecycle=False) is not None
