"""Each core result maps to the audit event the services append."""

from __future__ import annotations

import pytest

from tests.cases.factories import T0, alert, at, decide, step
from waystation.cases import (
    AlertStatus,
    BoardingAnswer,
    CarrierPolicy,
    CaseNumber,
    Disposition,
    OnTrueMatch,
    ReviewAction,
    Role,
    add_note,
    alert_raised,
    apply,
    boarding_answered,
    boarding_answers_given,
    case_closed,
    case_note_added,
    case_opened,
    case_traveller_linked,
    close_case,
    decide_boarding,
    fold,
    link_traveller,
    open_case,
    review_event,
)
from waystation.cases.events import (
    AlertRaised,
    AlertStepTaken,
    BoardingAnswered,
    CaseClosed,
    CaseNoteAdded,
    CaseOpened,
    CaseTravellerLinked,
    DispositionRecorded,
)
from waystation.cases.workflow import initial_state

A, S = Role.ANALYST, Role.SUPERVISOR


def test_alert_and_review_events() -> None:
    hit = alert(score=0.93456)
    assert alert_raised(hit) == AlertRaised(
        "A-1",
        hit.kind,
        "T-100",
        "un-sc-consolidated",
        "2025-02-27",
        "QDi.420",
        "0.9346",
        "name-dob-doc",
        "1.0",
    )
    before = initial_state(hit)
    claim = step(ReviewAction.CLAIM, "amira", A, 1)
    after = apply(before, claim)
    assert review_event(before, claim, after) == AlertStepTaken(
        "A-1", ReviewAction.CLAIM, AlertStatus.OPEN, AlertStatus.IN_REVIEW, None
    )
    decided = apply(after, decide(Disposition.FALSE_POSITIVE, "amira", A, 2))
    override = decide(Disposition.TRUE_MATCH, "sofia", S, 3, override=True)
    assert review_event(decided, override, apply(decided, override)) == DispositionRecorded(
        "A-1",
        Disposition.TRUE_MATCH,
        "passport number and date of birth 1972-09-07 agree with QDi.420",
        True,
        Disposition.FALSE_POSITIVE,
    )


def test_boarding_event_keeps_the_basis_for_the_auditor() -> None:
    policy = CarrierPolicy("p2", "sofia", T0, on_true_match=OnTrueMatch.DENY)
    state = fold(alert(), [decide(Disposition.TRUE_MATCH, "amira", A, 1)])
    event = boarding_answered(
        decide_boarding([state], policy), traveller_key="T-100", traveller_ref="33280801", flight="CA339"
    )
    assert event == BoardingAnswered(
        "T-100", "33280801", "CA339", BoardingAnswer.NO_BOARD, "human_true_match", "p2", ("A-1",)
    )


def test_the_answers_to_one_request_are_one_event() -> None:
    policy = CarrierPolicy("p2", "sofia", T0, on_true_match=OnTrueMatch.DENY)
    denied = fold(alert(), [decide(Disposition.TRUE_MATCH, "amira", A, 1)])
    answers = [
        boarding_answered(
            decide_boarding([denied], policy), traveller_key="T-100", traveller_ref="1", flight="CA339"
        ),
        boarding_answered(
            decide_boarding([], policy), traveller_key="T-101", traveller_ref="2", flight="CA339"
        ),
    ]
    event = boarding_answers_given(7, answers)
    assert event.message_id == 7
    assert event.policy_version == "p2"
    assert event.answers == (
        ("T-100", "1", "CA339", "1Z", "human_true_match", "A-1"),
        ("T-101", "2", "CA339", "0Z", answers[1].basis),
    )
    assert event.passengers() == tuple(answers)
    other = CarrierPolicy("p3", "sofia", T0)
    mixed = [
        *answers,
        boarding_answered(decide_boarding([], other), traveller_key="T", traveller_ref="3", flight="X"),
    ]
    with pytest.raises(ValueError, match="several policy versions"):
        boarding_answers_given(7, mixed)


def test_case_events() -> None:
    case = open_case(
        CaseNumber.issue(2025, 123),
        [alert()],
        title="CA339",
        purpose="travel of a listed ISIL facilitator through the hub",
        actor="amira",
        role=A,
        at=at(1),
    )
    assert case_opened(case) == CaseOpened(
        "WS-2025-000123-5", "travel of a listed ISIL facilitator through the hub", ("A-1",), ("T-100",)
    )
    case = add_note(case, "called the liaison officer", actor="amira", role=A, at=at(2))
    assert case_note_added(case) == CaseNoteAdded("WS-2025-000123-5", 1)
    case = link_traveller(
        case, "T-55", reason="same booking and phone number", actor="amira", role=A, at=at(3)
    )
    assert case_traveller_linked(case) == CaseTravellerLinked(
        "WS-2025-000123-5", "T-55", "same booking and phone number"
    )
    case = close_case(
        case, reason="subject did not travel; booking cancelled", actor="sofia", role=S, at=at(4)
    )
    assert case_closed(case) == CaseClosed("WS-2025-000123-5", "subject did not travel; booking cancelled")
