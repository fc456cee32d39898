"""The audit event for each result of the core, so services log the same facts the same way.

A service that raises an alert, applies a review step, answers a carrier or changes a case
calls the core, then appends what this module returns to the hash-chained log in the same
transaction. Keeping the mapping here (and not in each service) means the auditor reads one
vocabulary, and a new field in an event is added in one place.
"""

from __future__ import annotations

from collections.abc import Sequence

from waystation.cases.alerts import Alert, DispositionRecord, ReviewEntry
from waystation.cases.case import Case
from waystation.cases.events import (
    AlertRaised,
    AlertStepTaken,
    AuditEvent,
    BoardingAnswered,
    BoardingAnswersGiven,
    CaseClosed,
    CaseNoteAdded,
    CaseOpened,
    CaseTravellerLinked,
    DispositionRecorded,
)
from waystation.cases.policy import BoardingDecision
from waystation.cases.workflow import AlertState

__all__ = [
    "alert_raised",
    "boarding_answered",
    "boarding_answers_given",
    "case_closed",
    "case_note_added",
    "case_opened",
    "case_traveller_linked",
    "review_event",
]


def alert_raised(alert: Alert) -> AlertRaised:
    """Scores are written with four decimals: the log holds no floats (see ``events``)."""
    return AlertRaised(
        alert.alert_id,
        alert.kind,
        alert.traveller_key,
        alert.source,
        alert.source_version,
        alert.subject,
        f"{alert.score:.4f}",
        alert.algorithm,
        alert.algorithm_version,
    )


def review_event(before: AlertState, entry: ReviewEntry, after: AlertState) -> AuditEvent:
    """The event for one applied review entry (``after`` is ``workflow.apply(before, entry)``)."""
    if isinstance(entry, DispositionRecord):
        replaced = before.decision.disposition if entry.override and before.decision else None
        return DispositionRecorded(entry.alert_id, entry.disposition, entry.reason, entry.override, replaced)
    return AlertStepTaken(entry.alert_id, entry.action, before.status, after.status, entry.reason)


def boarding_answered(
    decision: BoardingDecision, *, traveller_key: str, traveller_ref: str, flight: str
) -> BoardingAnswered:
    return BoardingAnswered(
        traveller_key,
        traveller_ref,
        flight,
        decision.answer,
        decision.basis.value,
        decision.policy_version,
        decision.alert_ids,
    )


def boarding_answers_given(message_id: int, answers: Sequence[BoardingAnswered]) -> BoardingAnswersGiven:
    """One record for the answers to one request (``answers`` from :func:`boarding_answered`, all
    under one policy version: a request is decided under the policy in force when it came)."""
    versions = {a.policy_version for a in answers}
    if len(versions) > 1:
        raise ValueError(f"one request answered under several policy versions: {sorted(versions)}")
    return BoardingAnswersGiven(
        message_id,
        versions.pop() if versions else "",
        tuple(
            (a.traveller_key, a.traveller_ref, a.flight, a.answer.value, a.basis, *a.alert_ids)
            for a in answers
        ),
    )


def case_opened(case: Case) -> CaseOpened:
    return CaseOpened(str(case.number), case.purpose, case.alert_ids, case.travellers)


def case_note_added(case: Case) -> CaseNoteAdded:
    """For the note just added (the last one); the note text stays in the case, not the log."""
    return CaseNoteAdded(str(case.number), len(case.notes))


def case_traveller_linked(case: Case) -> CaseTravellerLinked:
    """For the link just added (the last one)."""
    link = case.links[-1]
    return CaseTravellerLinked(str(case.number), link.traveller_key, link.reason)


def case_closed(case: Case) -> CaseClosed:
    if case.closure is None:
        raise ValueError(f"case {case.number} is not closed")
    return CaseClosed(str(case.number), case.closure.reason)
