"""Reviewing an alert: claim, release, escalate, reopen, decide (with a mandatory reason), clear.

Each step is checked by the pure workflow (``cases.workflow.apply``: who may do what from which
status), appended to the alert's history with an optimistic lock (a reviewer who acted on a stale
view gets ``Conflict``), and logged in the same transaction. Clearing records that a traveller,
confirmed a false positive, is not that list entry: the next screening of the same person on
the same document against the same entry does not alert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from waystation.cases.alerts import DispositionRecord, ReviewStep
from waystation.cases.clearance import clear_traveller as core_clear
from waystation.cases.events import TravellerCleared
from waystation.cases.permissions import Permission, require
from waystation.cases.trail import review_event
from waystation.cases.vocab import Disposition, ReviewAction
from waystation.cases.workflow import apply
from waystation.exc import Conflict, InputError, Locator
from waystation.matching.clearance import entry_digest, person_key
from waystation.matching.compare.documents import document_key
from waystation.services.audit import audited
from waystation.services.principal import Principal
from waystation.services.workspace import Workspace
from waystation.store import (
    StoredAlert,
    StoredClearance,
    add_clearance,
    append_review,
    find_version,
    get_alert,
    load_entries,
    load_travellers,
)

__all__ = ["CLEARANCE_DAYS", "ClearanceResult", "clear_alerted_traveller", "decide", "take_step"]

CLEARANCE_DAYS = 365


def take_step(
    workspace: Workspace,
    principal: Principal,
    alert_id: int,
    action: ReviewAction,
    *,
    reason: str | None = None,
) -> StoredAlert:
    """Claim, release, escalate or reopen an alert (decisions go through :func:`decide`)."""
    require(principal.role, Permission.REVIEW_ALERTS)
    if action in (ReviewAction.DECIDE, ReviewAction.OVERRIDE):
        raise InputError("a decision needs a disposition: use the decision endpoint", Locator(field="action"))
    with audited(workspace) as (session, audit):
        stored = get_alert(session, alert_id)
        entry = ReviewStep(str(alert_id), action, principal.name, principal.role, _now(stored), reason)
        after = apply(stored.state, entry)
        steps = append_review(session, stored, entry, after)
        audit.log(review_event(stored.state, entry, after), principal, at=entry.at)
    return StoredAlert(
        stored.id, after, stored.traveller_id, stored.raw_message_id, stored.flight_id, stored.hit_id, steps
    )


def decide(
    workspace: Workspace,
    principal: Principal,
    alert_id: int,
    disposition: Disposition,
    reason: str,
    *,
    override: bool = False,
) -> StoredAlert:
    """Record a human disposition with its reason; ``override`` declares that it replaces one."""
    require(principal.role, Permission.REVIEW_ALERTS)
    with audited(workspace) as (session, audit):
        stored = get_alert(session, alert_id)
        try:
            entry = DispositionRecord(
                str(alert_id), disposition, reason, principal.name, principal.role, _now(stored), override
            )
        except ValueError as error:
            raise InputError(str(error), Locator(field="reason")) from None
        after = apply(stored.state, entry)
        steps = append_review(session, stored, entry, after)
        audit.log(review_event(stored.state, entry, after), principal, at=entry.at)
    return StoredAlert(
        stored.id, after, stored.traveller_id, stored.raw_message_id, stored.flight_id, stored.hit_id, steps
    )


def _now(stored: StoredAlert) -> datetime:
    """Now, but never before the alert's last step (clocks of two processes may differ slightly)."""
    last = stored.state.history[-1].at if stored.state.history else stored.alert.created_at
    return max(datetime.now(UTC), last)


@dataclass(frozen=True, slots=True)
class ClearanceResult:
    clearance: StoredClearance
    alert: StoredAlert


def clear_alerted_traveller(
    workspace: Workspace, principal: Principal, alert_id: int, reason: str, *, days: int = CLEARANCE_DAYS
) -> ClearanceResult:
    """Clear the traveller of a watchlist alert decided false positive, on their document, until
    ``days`` from now; the next screening of that person and document against that entry does not alert."""
    require(principal.role, Permission.REVIEW_ALERTS)
    if not 1 <= days <= 3 * 366:
        raise InputError("a clearance lasts from 1 day to 3 years", Locator(field="days"))
    now = datetime.now(UTC)
    with audited(workspace) as (session, audit):
        stored = get_alert(session, alert_id)
        alert = stored.alert
        travellers = load_travellers(session, [stored.traveller_id] if stored.traveller_id else [])
        if not travellers:
            raise Conflict(f"alert {alert_id} has no stored traveller to clear")
        traveller = travellers[0].traveller
        document = next((d for d in traveller.documents if document_key(d.number)), None)
        if document is None:
            raise Conflict(
                "the traveller has no document number: a clearance without one would clear namesakes"
            )
        version = find_version(session, alert.source, alert.source_version or "")
        entry = load_entries(session, version.id, [alert.subject]).get(alert.subject) if version else None
        if entry is None:
            raise Conflict(
                f"entry {alert.subject} of {alert.source} is no longer stored; cannot clear against it"
            )
        clearance = core_clear(
            stored.state,
            person_key=person_key(traveller),
            document_key=document_key(document.number),
            actor=principal.name,
            role=principal.role,
            at=now,
            reason=reason,
            expires_at=now + timedelta(days=days),
        )
        kept = add_clearance(
            session, clearance, document_country=document.issuing_country, entry_digest=entry_digest(entry)
        )
        event = TravellerCleared(
            alert.traveller_key,
            alert.alert_id,
            alert.source,
            alert.subject,
            clearance.reason,
            clearance.expires_at.date().isoformat(),
        )
        audit.log(event, principal, at=now)
    return ClearanceResult(kept, stored)
