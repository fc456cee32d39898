"""The carrier-answer policy: what the carrier is told, and that it is told nothing more."""

from __future__ import annotations

import dataclasses

import pytest

from tests.cases.factories import T0, alert, decide, step
from waystation.cases import (
    AlertKind,
    AnswerBasis,
    AutoDeny,
    BoardingAnswer,
    BoardingDecision,
    CarrierPolicy,
    Disposition,
    OnTrueMatch,
    ReviewAction,
    Role,
    carrier_answer,
    decide_boarding,
    fold,
)
from waystation.cases.workflow import initial_state
from waystation.exc import ConfigError, Conflict

A, S = Role.ANALYST, Role.SUPERVISOR
REFER_ALL = CarrierPolicy("p1", "sofia", T0)
DENY_CONFIRMED = CarrierPolicy("p2", "sofia", T0, on_true_match=OnTrueMatch.DENY)
AUTO_UN = CarrierPolicy(
    "p3", "sofia", T0, on_true_match=OnTrueMatch.DENY, auto_deny=(AutoDeny("un-sc-consolidated", 0.97),)
)
BOARD_OPEN = CarrierPolicy(
    "p4", "sofia", T0, on_open_alert=BoardingAnswer.BOARD, on_inconclusive=BoardingAnswer.BOARD
)


def test_no_alerts_board() -> None:
    decision = decide_boarding([], REFER_ALL)
    assert (decision.answer, decision.basis, decision.alert_ids) == (
        BoardingAnswer.BOARD,
        AnswerBasis.NO_ALERTS,
        (),
    )
    assert not decision.needs_review


def test_a_high_score_alone_never_denies_without_a_named_list() -> None:
    state = initial_state(alert(score=1.0))
    assert carrier_answer([state], REFER_ALL) is BoardingAnswer.REFER
    assert carrier_answer([state], DENY_CONFIRMED) is BoardingAnswer.REFER
    assert carrier_answer([state], BOARD_OPEN) is BoardingAnswer.BOARD
    decision = decide_boarding([state], BOARD_OPEN)
    assert (decision.basis, decision.alert_ids, decision.needs_review) == (
        AnswerBasis.OPEN_ALERT,
        ("A-1",),
        True,
    )


def test_auto_deny_only_for_the_named_list_at_its_threshold() -> None:
    assert carrier_answer([initial_state(alert(score=0.97))], AUTO_UN) is BoardingAnswer.NO_BOARD
    assert carrier_answer([initial_state(alert(score=0.96))], AUTO_UN) is BoardingAnswer.REFER
    ofac = alert(score=0.99, source="ofac-sdn", subject="12345")
    assert carrier_answer([initial_state(ofac)], AUTO_UN) is BoardingAnswer.REFER
    rule = alert(kind=AlertKind.RULE, score=1.0, source="un-sc-consolidated", subject="R-7")
    assert carrier_answer([initial_state(rule)], AUTO_UN) is BoardingAnswer.REFER
    decision = decide_boarding([initial_state(alert(score=0.98))], AUTO_UN)
    assert (decision.basis, decision.needs_review) == (AnswerBasis.AUTO_DENY, True)


def test_human_decisions_win_over_the_machine() -> None:
    cleared = fold(alert(score=0.99), [decide(Disposition.FALSE_POSITIVE, "amira", A, 3)])
    assert carrier_answer([cleared], AUTO_UN) is BoardingAnswer.BOARD
    assert decide_boarding([cleared], AUTO_UN).basis is AnswerBasis.CLEARED
    confirmed = fold(alert(score=0.60), [decide(Disposition.TRUE_MATCH, "amira", A, 3)])
    assert carrier_answer([confirmed], REFER_ALL) is BoardingAnswer.REFER
    assert carrier_answer([confirmed], DENY_CONFIRMED) is BoardingAnswer.NO_BOARD
    assert decide_boarding([confirmed], DENY_CONFIRMED).basis is AnswerBasis.HUMAN_TRUE_MATCH
    unsure = fold(alert(), [decide(Disposition.INCONCLUSIVE, "amira", A, 3)])
    assert carrier_answer([unsure], DENY_CONFIRMED) is BoardingAnswer.REFER
    assert carrier_answer([unsure], BOARD_OPEN) is BoardingAnswer.BOARD


def test_a_reopened_alert_is_undecided_again() -> None:
    reason = "second document in the PNR names another birth year"
    reopened = fold(
        alert(),
        [decide(Disposition.TRUE_MATCH, "amira", A, 1), step(ReviewAction.REOPEN, "sofia", S, 2, reason)],
    )
    assert carrier_answer([reopened], DENY_CONFIRMED) is BoardingAnswer.REFER


def test_strictest_answer_across_a_travellers_alerts() -> None:
    cleared = fold(alert("A-1"), [decide(Disposition.FALSE_POSITIVE, "amira", A, 1, alert_id="A-1")])
    pending = initial_state(
        alert("A-2", kind=AlertKind.NETWORK, source="booking", subject="T-100 -booking-> T-7")
    )
    confirmed = fold(alert("A-3"), [decide(Disposition.TRUE_MATCH, "amira", A, 1, alert_id="A-3")])
    decision = decide_boarding([cleared, pending, confirmed], DENY_CONFIRMED)
    assert (decision.answer, decision.basis, decision.alert_ids) == (
        BoardingAnswer.NO_BOARD,
        AnswerBasis.HUMAN_TRUE_MATCH,
        ("A-3",),
    )
    assert decision.needs_review
    two_open = decide_boarding([cleared, pending, initial_state(alert("A-4"))], REFER_ALL)
    assert (two_open.answer, two_open.alert_ids) == (BoardingAnswer.REFER, ("A-2", "A-4"))


def test_insufficient_data_ranks_above_refer_below_no_board() -> None:
    assert carrier_answer([], REFER_ALL, insufficient_data=True) is BoardingAnswer.INSUFFICIENT_DATA
    assert carrier_answer([initial_state(alert())], REFER_ALL, insufficient_data=True) is (
        BoardingAnswer.INSUFFICIENT_DATA
    )
    confirmed = fold(alert(), [decide(Disposition.TRUE_MATCH, "amira", A, 1)])
    assert carrier_answer([confirmed], DENY_CONFIRMED, insufficient_data=True) is BoardingAnswer.NO_BOARD


def test_the_carrier_learns_the_code_only() -> None:
    decision = decide_boarding([initial_state(alert(score=0.99))], AUTO_UN)
    assert decision.for_carrier() is BoardingAnswer.NO_BOARD
    assert isinstance(decision.for_carrier(), BoardingAnswer)
    assert [f.name for f in dataclasses.fields(BoardingDecision)] == [
        "answer",
        "basis",
        "alert_ids",
        "needs_review",
        "policy_version",
    ]


def test_one_traveller_per_decision() -> None:
    with pytest.raises(Conflict, match="2 travellers"):
        decide_boarding(
            [initial_state(alert("A-1")), initial_state(alert("A-2", traveller="T-200"))], REFER_ALL
        )


def test_policy_problems_are_reported_together() -> None:
    bad = CarrierPolicy(
        "",
        "sofia",
        T0,
        on_open_alert=BoardingAnswer.NO_BOARD,
        on_inconclusive=BoardingAnswer.INSUFFICIENT_DATA,
        auto_deny=(AutoDeny("un-sc-consolidated", 0.0), AutoDeny("un-sc-consolidated", 0.9)),
    )
    with pytest.raises(ConfigError) as caught:
        decide_boarding([], bad)
    assert caught.value.problems == (
        "the policy needs a version",
        "on_open_alert must be board or refer, not no_board",
        "on_inconclusive must be board or refer, not insufficient_data",
        "auto no-board threshold for 'un-sc-consolidated' must be in (0, 1]",
        "watchlist 'un-sc-consolidated' has two auto no-board rules",
        "auto no-board is configured but a human-confirmed match only refers: "
        "confirming a hit would soften the answer",
    )
