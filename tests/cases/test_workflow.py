"""The review state machine: who may take which step, and what the fold remembers."""

from __future__ import annotations

import pytest

from tests.cases.factories import alert, at, decide, step
from waystation.cases import (
    AlertStatus,
    Disposition,
    DispositionRecord,
    ReviewAction,
    Role,
    allowed_actions,
    apply,
    fold,
    may_act_adversely,
)
from waystation.cases.workflow import initial_state
from waystation.exc import Conflict, Forbidden, InputError

TM, FP, INC = Disposition.TRUE_MATCH, Disposition.FALSE_POSITIVE, Disposition.INCONCLUSIVE
A, S = Role.ANALYST, Role.SUPERVISOR


def test_claim_then_decide() -> None:
    state = fold(alert(), [step(ReviewAction.CLAIM, "amira", A, 1), decide(FP, "amira", A, 5)])
    assert state.status is AlertStatus.DECIDED
    assert state.disposition is FP
    assert state.decision is not None
    assert (state.decision.actor, state.decision.role, state.decision.decided_at) == ("amira", A, at(5))
    assert state.assignee is None
    assert len(state.history) == 2
    assert not may_act_adversely(state)


def test_claim_assigns_and_release_frees() -> None:
    state = fold(alert(), [step(ReviewAction.CLAIM, "amira", A, 1)])
    assert (state.status, state.assignee) == (AlertStatus.IN_REVIEW, "amira")
    state = apply(state, step(ReviewAction.RELEASE, "amira", A, 2))
    assert (state.status, state.assignee) == (AlertStatus.OPEN, None)


def test_an_alert_held_by_one_analyst_cannot_be_decided_by_another() -> None:
    state = fold(alert(), [step(ReviewAction.CLAIM, "amira", A, 1)])
    with pytest.raises(Conflict, match="held by amira"):
        apply(state, decide(TM, "boris", A, 2))
    with pytest.raises(Conflict, match="held by amira"):
        apply(state, step(ReviewAction.CLAIM, "boris", A, 2))
    with pytest.raises(Conflict, match="already held by amira"):
        apply(state, step(ReviewAction.CLAIM, "amira", A, 2))
    taken = apply(state, step(ReviewAction.CLAIM, "sofia", S, 2))
    assert taken.assignee == "sofia"
    assert allowed_actions(taken, S, "sofia") == {ReviewAction.RELEASE, ReviewAction.DECIDE}
    assert allowed_actions(taken, A, "amira") == frozenset()


def test_roles_without_review_rights_are_forbidden() -> None:
    state = initial_state(alert())
    for role in (Role.CARRIER, Role.PARTNER, Role.AUDITOR, Role.ADMIN):
        with pytest.raises(Forbidden, match=f"{role.value} may not decide an open alert"):
            apply(state, decide(TM, "x", role, 1))
        assert allowed_actions(state, role, "x") == frozenset()


def test_escalated_alert_is_decided_by_a_supervisor_only() -> None:
    reason = "two listed aliases fit; need the partner's document data"
    state = fold(alert(), [step(ReviewAction.ESCALATE, "amira", A, 1, reason)])
    assert state.status is AlertStatus.ESCALATED
    with pytest.raises(Forbidden, match="only supervisor"):
        apply(state, decide(TM, "amira", A, 2))
    decided = apply(state, decide(TM, "sofia", S, 3))
    assert may_act_adversely(decided)


def test_escalation_needs_a_reason() -> None:
    with pytest.raises(InputError, match="a reason is required"):
        fold(alert(), [step(ReviewAction.ESCALATE, "amira", A, 1)])
    with pytest.raises(InputError, match="restates"):
        fold(alert(), [step(ReviewAction.ESCALATE, "amira", A, 1, "not sure")])


def test_a_decided_alert_is_not_decided_again_by_accident() -> None:
    state = fold(alert(), [decide(FP, "amira", A, 1)])
    with pytest.raises(Conflict, match="it is decided; a supervisor may override"):
        apply(state, decide(TM, "boris", A, 2))
    with pytest.raises(Conflict, match="it is decided"):
        apply(state, decide(TM, "sofia", S, 2))


def test_only_a_supervisor_overrides_and_never_their_own_decision() -> None:
    state = fold(alert(), [decide(FP, "amira", A, 1)])
    with pytest.raises(Forbidden, match="only supervisor"):
        apply(state, decide(TM, "boris", A, 2, override=True))
    overridden = apply(state, decide(TM, "sofia", S, 3, override=True))
    assert overridden.disposition is TM
    assert [d.disposition for d in overridden.decisions] == [FP, TM]
    assert [d.actor for d in overridden.overridden] == ["amira"]
    with pytest.raises(Forbidden, match="someone other than the person who made it"):
        apply(overridden, decide(INC, "sofia", S, 4, override=True))
    again = apply(overridden, decide(FP, "sergei", S, 5, override=True))
    assert [d.disposition for d in again.decisions] == [FP, TM, FP]


def test_override_without_a_decision_is_a_conflict() -> None:
    with pytest.raises(Conflict, match="there is no decision to override"):
        fold(alert(), [decide(TM, "sofia", S, 1, override=True)])


def test_reopen_clears_the_current_decision_but_keeps_it_in_history() -> None:
    reason = "partner sent the listed person's passport scan today"
    state = fold(alert(), [decide(FP, "amira", A, 1), step(ReviewAction.REOPEN, "sofia", S, 2, reason)])
    assert state.status is AlertStatus.OPEN
    assert state.decision is None
    assert [d.disposition for d in state.decisions] == [FP]
    redecided = apply(state, decide(TM, "amira", A, 3))
    assert redecided.disposition is TM
    with pytest.raises(Forbidden, match="only supervisor"):
        fold(alert(), [decide(FP, "amira", A, 1), step(ReviewAction.REOPEN, "amira", A, 2, reason)])


def test_entries_must_not_go_back_in_time_or_cross_alerts() -> None:
    state = fold(alert(), [step(ReviewAction.CLAIM, "amira", A, 10)])
    with pytest.raises(Conflict, match="dated before"):
        apply(state, decide(FP, "amira", A, 5))
    with pytest.raises(Conflict, match="applied to alert A-1"):
        apply(state, decide(FP, "amira", A, 11, alert_id="A-2"))


def test_allowed_actions_per_role() -> None:
    open_state = initial_state(alert())
    assert allowed_actions(open_state, A, "amira") == {
        ReviewAction.CLAIM,
        ReviewAction.DECIDE,
        ReviewAction.ESCALATE,
    }
    assert allowed_actions(open_state, S, "sofia") == {ReviewAction.CLAIM, ReviewAction.DECIDE}
    decided = apply(open_state, decide(FP, "amira", A, 1))
    assert allowed_actions(decided, A, "amira") == frozenset()
    assert allowed_actions(decided, S, "sofia") == {ReviewAction.OVERRIDE, ReviewAction.REOPEN}
    assert allowed_actions(decided, S, "amira") == {ReviewAction.REOPEN}


def test_disposition_record_validates_its_reason_and_time() -> None:
    with pytest.raises(InputError, match="restates"):
        DispositionRecord("A-1", FP, "false positive", "amira", A, at(1))
    with pytest.raises(ValueError, match="timezone-aware"):
        DispositionRecord(
            "A-1", FP, "born 1991, listed person born 1963", "amira", A, at(1).replace(tzinfo=None)
        )
