"""Alerts and the records of what humans did with them.

An :class:`Alert` is the machine's claim: "this traveller may be that list entry / fits that rule
/ is linked to that subject", with the score, the algorithm name and version that produced it and
the sentences that explain it. It is never edited. What reviewers do is *appended* as
:class:`ReviewStep` and :class:`DispositionRecord` entries, and the alert's current state is a fold
over them (``workflow.fold``) — the idea of nomenklatura's resolver edges, where a judgement is a
new row with its user and time rather than an update in place. So an override leaves the decision
it overrides in the history, and an auditor can replay exactly who concluded what, when and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeAlias

from waystation.cases.reasons import check_reason
from waystation.cases.timestamps import require_aware
from waystation.cases.vocab import AlertKind, AlertStatus, Disposition, ReviewAction, Role

__all__ = ["Alert", "DispositionRecord", "ReviewEntry", "ReviewStep"]


@dataclass(frozen=True, slots=True)
class Alert:
    """One automated hit put before a human.

    ``source`` is what produced the hit and what statistics are counted by: the list name for a
    watchlist alert, the rule id for a rule alert, the link kind for a network alert;
    ``source_version`` is the list or rule version. ``subject`` is what was hit: the list's own
    entry id (``QDi.420``), the rule id, or the network path (``T1 -booking-> T2``).
    ``traveller_key`` identifies the person in the store across messages; ``traveller_ref`` is the
    carrier's reference in the message (the ``RFF+ABO`` that a CUSRES answer is matched on).
    ``status`` is the status the alert was created with (always ``OPEN``); the current status is
    ``workflow.fold(alert, history).status``.
    """

    alert_id: str
    kind: AlertKind
    traveller_key: str
    traveller_ref: str
    flight: str
    flight_date: date | None
    source: str
    source_version: str | None
    subject: str
    score: float
    algorithm: str
    algorithm_version: str
    explanation: tuple[str, ...]
    created_at: datetime
    status: AlertStatus = AlertStatus.OPEN

    def __post_init__(self) -> None:
        for name in ("alert_id", "traveller_key", "source", "subject", "algorithm", "algorithm_version"):
            if not getattr(self, name).strip():
                raise ValueError(f"alert {name} must not be empty")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"alert score must be within 0..1, got {self.score}")
        require_aware(self.created_at, "alert created_at")
        if self.status is not AlertStatus.OPEN:
            raise ValueError("an alert is created open; its later status comes from its history")


@dataclass(frozen=True, slots=True)
class DispositionRecord:
    """A human decision on one alert: what, why, who, in which role, when.

    ``override`` is the decider's explicit statement that this replaces an earlier decision; the
    workflow refuses an override that is not declared as one, so no decision is replaced by
    accident (a double-submitted form, two analysts racing on the same alert).
    """

    alert_id: str
    disposition: Disposition
    reason: str
    actor: str
    role: Role
    decided_at: datetime
    override: bool = False

    def __post_init__(self) -> None:
        if not self.actor.strip():
            raise ValueError("a disposition needs the actor who made it")
        require_aware(self.decided_at, "disposition decided_at")
        object.__setattr__(self, "reason", check_reason(self.reason))

    @property
    def action(self) -> ReviewAction:
        return ReviewAction.OVERRIDE if self.override else ReviewAction.DECIDE

    @property
    def at(self) -> datetime:
        return self.decided_at


@dataclass(frozen=True, slots=True)
class ReviewStep:
    """Any other workflow step: claim, release, escalate, reopen (``DECIDE``/``OVERRIDE`` are dispositions).

    ``reason`` is required for escalating and reopening — the person who picks the alert up next
    must know why it came back — and checked by the workflow, which knows the action.
    """

    alert_id: str
    action: ReviewAction
    actor: str
    role: Role
    at: datetime
    reason: str | None = None

    def __post_init__(self) -> None:
        if self.action in (ReviewAction.DECIDE, ReviewAction.OVERRIDE):
            raise ValueError("a decision is a DispositionRecord, not a ReviewStep")
        if not self.actor.strip():
            raise ValueError("a review step needs the actor who took it")
        require_aware(self.at, "review step time")
        if self.reason is not None:
            object.__setattr__(self, "reason", " ".join(self.reason.split()) or None)


ReviewEntry: TypeAlias = ReviewStep | DispositionRecord
