"""The review workflow: which role may take which step from which status, and the fold over history.

::

    OPEN ──claim──► IN_REVIEW ──decide──► DECIDED ──override (supervisor, not the decider)──► DECIDED
     │ ▲               │  │                  │
     │ └───release─────┘  └─escalate─┐       └──reopen (supervisor, reason)──► OPEN
     ├──decide──► DECIDED            ▼
     └──escalate──────────────► ESCALATED ──decide (supervisor)──► DECIDED
                                     └──release (supervisor, reason)──► OPEN

The table :data:`TRANSITIONS` is the whole policy; :func:`apply` enforces it and raises
``Conflict`` when no one may take the step from this status (or someone else holds the alert) and
``Forbidden`` when someone may, but not this role (or a supervisor overrides their own decision:
a re-decision needs a second pair of eyes). Re-decisions happen only two ways, both recorded:
a supervisor's declared override, or a supervisor's reopen followed by a fresh decision.
Nothing here is automated: every step names a human actor and role, and the only thing that
lets an adverse action go ahead (:func:`may_act_adversely`) is a human ``TRUE_MATCH``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from waystation.cases.alerts import Alert, DispositionRecord, ReviewEntry
from waystation.cases.reasons import check_reason
from waystation.cases.vocab import AlertStatus, Disposition, ReviewAction, Role
from waystation.exc import Conflict, Forbidden

__all__ = [
    "TRANSITIONS",
    "AlertState",
    "Transition",
    "allowed_actions",
    "apply",
    "fold",
    "initial_state",
    "may_act_adversely",
]

_A, _S = Role.ANALYST, Role.SUPERVISOR


@dataclass(frozen=True, slots=True)
class Transition:
    """One allowed step: from ``source`` by ``action`` to ``target``, for ``roles``."""

    source: AlertStatus
    action: ReviewAction
    target: AlertStatus
    roles: frozenset[Role]
    needs_reason: bool = False


def _t(
    source: AlertStatus,
    action: ReviewAction,
    target: AlertStatus,
    roles: Iterable[Role],
    needs_reason: bool = False,
) -> tuple[tuple[AlertStatus, ReviewAction], Transition]:
    return (source, action), Transition(source, action, target, frozenset(roles), needs_reason)


_O, _R, _E, _D = AlertStatus.OPEN, AlertStatus.IN_REVIEW, AlertStatus.ESCALATED, AlertStatus.DECIDED

TRANSITIONS: Mapping[tuple[AlertStatus, ReviewAction], Transition] = dict(
    [
        _t(_O, ReviewAction.CLAIM, _R, (_A, _S)),
        _t(_R, ReviewAction.CLAIM, _R, (_S,)),  # a supervisor takes over a held alert
        _t(_R, ReviewAction.RELEASE, _O, (_A, _S)),
        _t(_E, ReviewAction.RELEASE, _O, (_S,), needs_reason=True),
        _t(_O, ReviewAction.ESCALATE, _E, (_A,), needs_reason=True),
        _t(_R, ReviewAction.ESCALATE, _E, (_A,), needs_reason=True),
        _t(_O, ReviewAction.DECIDE, _D, (_A, _S)),
        _t(_R, ReviewAction.DECIDE, _D, (_A, _S)),
        _t(_E, ReviewAction.DECIDE, _D, (_S,)),
        _t(_D, ReviewAction.OVERRIDE, _D, (_S,)),
        _t(_D, ReviewAction.REOPEN, _O, (_S,), needs_reason=True),
    ]
)


@dataclass(frozen=True, slots=True)
class AlertState:
    """An alert with its history folded: status, who holds it, the current and all decisions."""

    alert: Alert
    status: AlertStatus = AlertStatus.OPEN
    assignee: str | None = None
    decision: DispositionRecord | None = None
    decisions: tuple[DispositionRecord, ...] = ()
    history: tuple[ReviewEntry, ...] = field(default=())

    @property
    def disposition(self) -> Disposition | None:
        """The current human disposition (``None`` while undecided or after a reopen)."""
        return self.decision.disposition if self.decision else None

    @property
    def needs_review(self) -> bool:
        return self.status is not AlertStatus.DECIDED

    @property
    def overridden(self) -> tuple[DispositionRecord, ...]:
        """Every earlier decision that a later one replaced (kept, never deleted)."""
        return tuple(d for d in self.decisions if d is not self.decision)


def _an(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def initial_state(alert: Alert) -> AlertState:
    return AlertState(alert)


def _check(state: AlertState, action: ReviewAction, role: Role, actor: str) -> Transition:
    """The transition for this step, or the error that explains why it may not be taken."""
    status = state.status
    transition = TRANSITIONS.get((status, action))
    if transition is None:
        hint = ""
        if action is ReviewAction.DECIDE and status is AlertStatus.DECIDED:
            hint = "; a supervisor may override it, declaring the override"
        elif action is ReviewAction.OVERRIDE:
            hint = "; there is no decision to override"
        raise Conflict(f"cannot {action.value} alert {state.alert.alert_id}: it is {status.value}{hint}")
    if action is ReviewAction.CLAIM and status is AlertStatus.IN_REVIEW and state.assignee == actor:
        raise Conflict(f"alert {state.alert.alert_id} is already held by {actor}")
    held_by_other = status is AlertStatus.IN_REVIEW and state.assignee not in (None, actor)
    if held_by_other and role is Role.ANALYST:
        raise Conflict(f"alert {state.alert.alert_id} is held by {state.assignee}")
    if role not in transition.roles:
        allowed = " or ".join(sorted(r.value for r in transition.roles))
        raise Forbidden(
            f"{_an(role.value)} may not {action.value} {_an(status.value)} alert (only {allowed})"
        )
    if action is ReviewAction.OVERRIDE and state.decision is not None and state.decision.actor == actor:
        raise Forbidden("a decision must be overridden by someone other than the person who made it")
    return transition


def apply(state: AlertState, entry: ReviewEntry) -> AlertState:
    """The state after ``entry``; raises ``Conflict``, ``Forbidden`` or ``InputError`` (reason)."""
    if entry.alert_id != state.alert.alert_id:
        raise Conflict(f"entry for alert {entry.alert_id} applied to alert {state.alert.alert_id}")
    last = state.history[-1].at if state.history else state.alert.created_at
    if entry.at < last:
        raise Conflict(f"a step on alert {entry.alert_id} is dated before the step it follows")
    transition = _check(state, entry.action, entry.role, entry.actor)
    history = (*state.history, entry)
    if isinstance(entry, DispositionRecord):
        return replace(
            state,
            status=transition.target,
            assignee=None,
            decision=entry,
            decisions=(*state.decisions, entry),
            history=history,
        )
    if transition.needs_reason:
        check_reason(entry.reason)
    target = transition.target
    assignee = entry.actor if target is AlertStatus.IN_REVIEW else None
    decision = None if entry.action is ReviewAction.REOPEN else state.decision
    return replace(state, status=target, assignee=assignee, decision=decision, history=history)


def fold(alert: Alert, history: Iterable[ReviewEntry]) -> AlertState:
    """Replay an alert's stored history; a history the workflow would not allow raises."""
    state = initial_state(alert)
    for entry in history:
        state = apply(state, entry)
    return state


def allowed_actions(state: AlertState, role: Role, actor: str) -> frozenset[ReviewAction]:
    """The steps ``actor`` in ``role`` may take now (what the review page offers as buttons)."""
    allowed: set[ReviewAction] = set()
    for action in ReviewAction:
        try:
            _check(state, action, role, actor)
        except (Conflict, Forbidden):
            continue
        allowed.add(action)
    return frozenset(allowed)


def may_act_adversely(state: AlertState) -> bool:
    """True only when a human's current decision on this alert is ``TRUE_MATCH``."""
    decision = state.decision
    return (
        state.status is AlertStatus.DECIDED
        and decision is not None
        and decision.disposition is Disposition.TRUE_MATCH
        and decision.role in (Role.ANALYST, Role.SUPERVISOR)
    )
