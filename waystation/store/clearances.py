"""Storing and finding clearances, the redress mechanism (:mod:`waystation.cases.clearance`).

The cases core decides whether a clearance may be granted (only after a human false-positive
decision, with a reason and an expiry) and whether it covers a new hit; the store keeps them and
hands back the ones in force. A clearance is revoked at most once and never edited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from waystation.cases.clearance import Clearance
from waystation.cases.vocab import Role
from waystation.exc import Conflict, InputError, NotFound
from waystation.store.bulk import insert_returning_ids, table_of
from waystation.store.core import execute
from waystation.store.schema import ClearanceRow, ListEntryRow, ListVersionRow, WatchlistRow
from waystation.store.types import utc_now

__all__ = [
    "StoredClearance",
    "add_clearance",
    "clearances_for_subject",
    "clearances_in_force",
    "clearances_signature",
    "revoke_clearance",
    "unrevoked_clearances",
]


@dataclass(frozen=True, slots=True)
class StoredClearance:
    """A stored clearance with its id, the entry's content hash when granted, and any revocation."""

    id: int
    clearance: Clearance
    entry_sha256: str | None
    document_country: str | None
    entry_digest: str | None
    revoked_by: str | None
    revoked_at: datetime | None
    revoke_reason: str | None

    def in_force(self, now: datetime) -> bool:
        return self.revoked_at is None and self.clearance.at <= now < self.clearance.expires_at


def add_clearance(
    session: Session,
    clearance: Clearance,
    *,
    document_country: str | None = None,
    entry_digest: str | None = None,
) -> StoredClearance:
    """Keep a granted clearance (the entry's current content hash is recorded when the list is stored).

    ``document_country`` and ``entry_digest`` are the matching engine's issuer and entry digest,
    kept beside the cases record so either side can check a later hit against it.
    """
    entry_sha256 = session.execute(
        select(ListEntryRow.body_sha256)
        .join(ListVersionRow, ListVersionRow.id == ListEntryRow.list_version_id)
        .join(WatchlistRow, WatchlistRow.id == ListVersionRow.watchlist_id)
        .where(WatchlistRow.name == clearance.source, ListEntryRow.entry_id == clearance.subject)
        .order_by(ListVersionRow.seq.desc())
        .limit(1)
    ).scalar()
    (clearance_id,) = insert_returning_ids(
        session,
        ClearanceRow,
        [
            {
                "person_key": clearance.person_key,
                "document_key": clearance.document_key,
                "source": clearance.source,
                "subject": clearance.subject,
                "based_on_alert": clearance.based_on_alert,
                "cleared_by": clearance.cleared_by,
                "role": clearance.role.value,
                "cleared_at": clearance.at,
                "reason": clearance.reason,
                "expires_at": clearance.expires_at,
                "entry_sha256": entry_sha256,
                "document_country": document_country,
                "entry_digest": entry_digest,
            }
        ],
    )
    return _one(session, clearance_id)


def revoke_clearance(
    session: Session, clearance_id: int, *, revoked_by: str, reason: str, revoked_at: datetime | None = None
) -> StoredClearance:
    """Withdraw a clearance (it stays on record); a clearance is revoked at most once."""
    if not reason.strip() or not revoked_by.strip():
        raise InputError("revoking a clearance needs the name of the person revoking it and a reason")
    result = session.execute(
        update(ClearanceRow)
        .where(ClearanceRow.id == clearance_id, ClearanceRow.revoked_at.is_(None))
        .values(revoked_by=revoked_by, revoked_at=revoked_at or utc_now(), revoke_reason=reason)
    )
    if getattr(result, "rowcount", 1) == 0:
        _one(session, clearance_id)  # raises NotFound when there is no such clearance
        raise Conflict(f"clearance {clearance_id} is already revoked")
    return _one(session, clearance_id)


def clearances_in_force(
    session: Session, now: datetime, *, source: str | None = None, person_key: str | None = None
) -> list[StoredClearance]:
    """Clearances granted by ``now``, not expired and not revoked (of one list or person, or all)."""
    criteria = [
        ClearanceRow.revoked_at.is_(None),
        ClearanceRow.cleared_at <= now,
        ClearanceRow.expires_at > now,
    ]
    if source is not None:
        criteria.append(ClearanceRow.source == source)
    if person_key is not None:
        criteria.append(ClearanceRow.person_key == person_key)
    return _many(session, *criteria)


def unrevoked_clearances(session: Session) -> list[StoredClearance]:
    """Every clearance not revoked, whatever its dates, in the order granted."""
    return _many(session, ClearanceRow.revoked_at.is_(None))


def clearances_signature(session: Session) -> tuple[object, ...]:
    """A value that changes whenever a clearance is granted or revoked: clearances are only ever
    added and revoked at most once (never edited or deleted), so their count, the highest id, the
    latest grant and the count of revoked ones cannot all stay the same across a change."""
    return tuple(execute(session, _SIGNATURE).one())


_CLEARANCES = table_of(ClearanceRow)
_SIGNATURE = select(  # built once: every screened message asks
    func.count(),
    func.max(_CLEARANCES.c.id),
    func.max(_CLEARANCES.c.cleared_at),
    func.count(_CLEARANCES.c.revoked_at),
)


def clearances_for_subject(session: Session, source: str, subject: str) -> list[StoredClearance]:
    """Every clearance ever recorded against one list entry, expired and revoked ones included."""
    return _many(session, ClearanceRow.source == source, ClearanceRow.subject == subject)


def _many(session: Session, *criteria: ColumnElement[bool]) -> list[StoredClearance]:
    statement = (
        select(ClearanceRow)
        .where(*criteria)
        .order_by(ClearanceRow.id)
        .execution_options(populate_existing=True)
    )
    return [_stored(row) for row in session.execute(statement).scalars()]


def _one(session: Session, clearance_id: int) -> StoredClearance:
    found = _many(session, ClearanceRow.id == clearance_id)
    if not found:
        raise NotFound(f"no clearance {clearance_id}")
    return found[0]


def _stored(row: ClearanceRow) -> StoredClearance:
    clearance = Clearance(
        person_key=row.person_key,
        document_key=row.document_key,
        source=row.source,
        subject=row.subject,
        based_on_alert=row.based_on_alert,
        cleared_by=row.cleared_by,
        role=Role(row.role),
        at=row.cleared_at,
        reason=row.reason,
        expires_at=row.expires_at,
    )
    return StoredClearance(
        id=row.id,
        clearance=clearance,
        entry_sha256=row.entry_sha256,
        document_country=row.document_country,
        entry_digest=row.entry_digest,
        revoked_by=row.revoked_by,
        revoked_at=row.revoked_at,
        revoke_reason=row.revoke_reason,
    )
