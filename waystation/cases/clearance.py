"""Cleared travellers: a confirmed false positive that should not alert again.

A namesake of a listed person who flies every week would otherwise be stopped every week. After
a human has decided an alert ``FALSE_POSITIVE``, an analyst or supervisor may record a
:class:`Clearance`: this person (and, when known, this document) is not that entry of that list.
A later hit of the same person, with the same document if the clearance names one, on the same
entry of the same list, is then *not raised* as an alert — the service still records the hit
and the clearance that suppressed it, for the audit.

Limits that keep this safe: a clearance is built only from a human false-positive decision; it
names one entry, never a whole list; it expires (``expires_at``, required); a different document
number alerts again, because a new passport is exactly what a listed person would travel on.
``person_key`` and ``document_key`` are the stable keys matching computes (normalised name and
birth date; document number and issuing country) — the core only compares them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from waystation.cases.alerts import Alert
from waystation.cases.reasons import check_reason
from waystation.cases.timestamps import require_aware
from waystation.cases.vocab import AlertKind, AlertStatus, Disposition, Role
from waystation.cases.workflow import AlertState
from waystation.exc import Conflict, Forbidden

__all__ = ["Clearance", "clear_traveller", "suppressing_clearance"]


@dataclass(frozen=True, slots=True)
class Clearance:
    person_key: str
    document_key: str | None
    source: str
    subject: str
    based_on_alert: str
    cleared_by: str
    role: Role
    at: datetime
    reason: str
    expires_at: datetime

    def covers(self, alert: Alert, person_key: str, document_key: str | None, now: datetime) -> bool:
        """True when this clearance applies to ``alert`` for that person and document at ``now``."""
        return (
            alert.kind is AlertKind.WATCHLIST
            and alert.source == self.source
            and alert.subject == self.subject
            and person_key == self.person_key
            and (self.document_key is None or document_key == self.document_key)
            and self.at <= now < self.expires_at
        )


def clear_traveller(
    state: AlertState,
    *,
    person_key: str,
    document_key: str | None,
    actor: str,
    role: Role,
    at: datetime,
    reason: str,
    expires_at: datetime,
) -> Clearance:
    """A clearance from a watchlist alert whose current human decision is ``FALSE_POSITIVE``."""
    if role not in (Role.ANALYST, Role.SUPERVISOR):
        raise Forbidden(f"a {role.value} may not clear a traveller")
    alert = state.alert
    if alert.kind is not AlertKind.WATCHLIST:
        raise Conflict("only a watchlist alert can clear a traveller against a list entry")
    if state.status is not AlertStatus.DECIDED or state.disposition is not Disposition.FALSE_POSITIVE:
        raise Conflict(f"alert {alert.alert_id} is not decided false positive; nothing to clear")
    require_aware(at, "clearance time")
    require_aware(expires_at, "clearance expiry")
    if expires_at <= at:
        raise Conflict("a clearance must expire after it is granted")
    if not person_key.strip():
        raise Conflict("a clearance needs the person key computed by matching")
    return Clearance(
        person_key,
        document_key,
        alert.source,
        alert.subject,
        alert.alert_id,
        actor,
        role,
        at,
        check_reason(reason),
        expires_at,
    )


def suppressing_clearance(
    alert: Alert,
    person_key: str,
    document_key: str | None,
    clearances: Iterable[Clearance],
    now: datetime,
) -> Clearance | None:
    """The clearance that suppresses this would-be alert, if any (the earliest granted)."""
    covering = [c for c in clearances if c.covers(alert, person_key, document_key, now)]
    return min(covering, key=lambda c: c.at) if covering else None
