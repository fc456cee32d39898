"""Property: no sequence of allowed steps reaches an adverse action without a human true match.

Random reviewers (analysts, supervisors, and roles that must never review) take random steps on
one alert; steps the workflow refuses are dropped, as the service would drop them. After every
accepted step the invariants must hold, under a policy that denies boarding on a confirmed match.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.cases.factories import REASONS, T0, alert
from waystation.cases import (
    AlertStatus,
    BoardingAnswer,
    CarrierPolicy,
    Disposition,
    DispositionRecord,
    OnTrueMatch,
    ReviewAction,
    ReviewEntry,
    ReviewStep,
    Role,
    apply,
    carrier_answer,
    fold,
    may_act_adversely,
)
from waystation.cases.workflow import initial_state
from waystation.exc import Conflict, Forbidden

PEOPLE = [
    ("amira", Role.ANALYST),
    ("boris", Role.ANALYST),
    ("sofia", Role.SUPERVISOR),
    ("sergei", Role.SUPERVISOR),
    ("cx-dcs", Role.CARRIER),
    ("interpol", Role.PARTNER),
    ("dpo", Role.AUDITOR),
    ("root", Role.ADMIN),
]
POLICY = CarrierPolicy("deny-confirmed", "sofia", T0, on_true_match=OnTrueMatch.DENY)
REASON = "the listed person's passport number was read from the MRZ"


@st.composite
def entries(draw: st.DrawFn) -> list[ReviewEntry]:
    count = draw(st.integers(0, 14))
    made: list[ReviewEntry] = []
    for minute in range(1, count + 1):
        actor, role = draw(st.sampled_from(PEOPLE))
        action = draw(st.sampled_from(list(ReviewAction)))
        when = T0 + timedelta(minutes=minute)
        if action in (ReviewAction.DECIDE, ReviewAction.OVERRIDE):
            disposition = draw(st.sampled_from(list(Disposition)))
            override = action is ReviewAction.OVERRIDE
            made.append(
                DispositionRecord("A-1", disposition, REASONS[disposition], actor, role, when, override)
            )
        else:
            made.append(ReviewStep("A-1", action, actor, role, when, REASON))
    return made


@settings(max_examples=300, deadline=None)
@given(entries(), st.floats(0.0, 1.0))
def test_no_adverse_answer_without_a_human_true_match(steps: list[ReviewEntry], score: float) -> None:
    state = initial_state(alert(score=score))
    accepted: list[ReviewEntry] = []
    for entry in steps:
        previous = state
        try:
            state = apply(state, entry)
        except (Conflict, Forbidden):
            assert state is previous
            continue
        accepted.append(entry)
        assert entry.role in (Role.ANALYST, Role.SUPERVISOR)
        if isinstance(entry, DispositionRecord) and entry.override:
            assert previous.decision is not None
            assert previous.decision.actor != entry.actor
            assert entry.role is Role.SUPERVISOR
        answer = carrier_answer([state], POLICY)
        event(f"answer {answer.label}")
        if answer is BoardingAnswer.NO_BOARD:
            assert may_act_adversely(state)
            assert state.decision is not None
            assert state.decision.disposition is Disposition.TRUE_MATCH
            assert state.decision in accepted
        assert (state.status is AlertStatus.DECIDED) == (state.decision is not None)
        # appended, never overwritten: every accepted decision is still there, in order
        assert state.decisions == tuple(e for e in accepted if isinstance(e, DispositionRecord))
        assert state.history == tuple(accepted)
    assert fold(state.alert, accepted) == state
