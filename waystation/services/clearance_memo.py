"""The clearances in force for screening, read from the store only when they have changed.

Screening checks every hit against the clearances in force (an analyst's "not this person"
decisions). They accumulate — a busy unit clears false positives every day and a clearance lasts
months — and reading all of them for every message grew with their number: 22 ms of CPU per
message at 1,000 clearances, 77 ms at 3,000 (measured, SQLite). Now each message asks one
aggregate (:func:`~waystation.store.clearances_signature`: it changes with every grant and every
revocation, by any process, since clearances are only added and revoked once, never edited or
deleted) and the set is rebuilt only when that changed, or when the clock passes the moment a
remembered clearance starts or ends. So a new clearance or a revocation is seen by the very next
message, in every worker, exactly as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from waystation.matching import Clearance, ClearanceSet
from waystation.services.workspace import Workspace
from waystation.store import StoredClearance, clearances_signature, unrevoked_clearances

__all__ = ["InForceClearances", "clearance_set", "clearances_now"]

_KEY = "clearances-in-force"


@dataclass(frozen=True, slots=True)
class InForceClearances:
    """The clearances in force from ``since`` until ``until`` (``None``: none ends or starts later),
    as stored (in the order granted) and as the matching engine checks them."""

    signature: tuple[object, ...]
    since: datetime
    until: datetime | None
    stored: tuple[StoredClearance, ...]
    cleared: ClearanceSet

    def holds(self, signature: tuple[object, ...], now: datetime) -> bool:
        return signature == self.signature and self.since <= now and (self.until is None or now < self.until)


def clearances_now(workspace: Workspace, session: Session, now: datetime) -> InForceClearances:
    """The clearances in force at ``now`` (what ``clearances_in_force(session, now)`` returns),
    rebuilt only when a clearance was granted or revoked or one starts or ends by ``now``."""
    signature = clearances_signature(session)
    remembered = workspace.cache.get(_KEY)
    if isinstance(remembered, InForceClearances) and remembered.holds(signature, now):
        return remembered
    unrevoked = unrevoked_clearances(session)
    stored = tuple(s for s in unrevoked if s.clearance.at <= now < s.clearance.expires_at)
    changes = [s.clearance.at for s in unrevoked if s.clearance.at > now]
    changes += [s.clearance.expires_at for s in stored]
    found = InForceClearances(signature, now, min(changes, default=None), stored, clearance_set(stored))
    workspace.cache[_KEY] = found
    return found


def clearance_set(stored: Sequence[StoredClearance]) -> ClearanceSet:
    """Stored clearances as the matching engine checks them (those with a document only)."""
    return ClearanceSet(
        Clearance(
            list_name=s.clearance.source,
            entry_id=s.clearance.subject,
            entry_digest=s.entry_digest or "",
            document_number=s.clearance.document_key or "",
            document_country=s.document_country,
            person=s.clearance.person_key,
            reason=s.clearance.reason,
            decided_by=s.clearance.cleared_by,
            decided_at=s.clearance.at,
        )
        for s in stored
        if s.clearance.document_key
    )
