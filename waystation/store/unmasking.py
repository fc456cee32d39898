"""Unmasking requests: appended by the requester, decided once by a supervisor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from waystation.cases.retention import MaskedField
from waystation.cases.vocab import Role
from waystation.exc import Conflict, NotFound
from waystation.store.bulk import insert_returning_ids
from waystation.store.schema import UnmaskRequestRow

__all__ = [
    "StoredUnmaskRequest",
    "add_unmask_request",
    "decide_unmask_request",
    "find_unmask_requests",
    "get_unmask_request",
]


@dataclass(frozen=True, slots=True)
class StoredUnmaskRequest:
    id: int
    traveller_key: str
    case_number: str
    fields: frozenset[MaskedField]
    reason: str
    requested_by: str
    requested_role: Role
    requested_at: datetime
    status: str
    decided_by: str | None
    decided_role: Role | None
    decided_at: datetime | None
    decision_reason: str | None


def _stored(row: UnmaskRequestRow) -> StoredUnmaskRequest:
    return StoredUnmaskRequest(
        row.id,
        row.traveller_key,
        row.case_number,
        frozenset(MaskedField(f) for f in row.fields),
        row.reason,
        row.requested_by,
        Role(row.requested_role),
        row.requested_at,
        row.status,
        row.decided_by,
        Role(row.decided_role) if row.decided_role else None,
        row.decided_at,
        row.decision_reason,
    )


def add_unmask_request(
    session: Session,
    *,
    traveller_key: str,
    case_number: str,
    fields: frozenset[MaskedField],
    reason: str,
    requested_by: str,
    role: Role,
    at: datetime,
) -> StoredUnmaskRequest:
    (ident,) = insert_returning_ids(
        session,
        UnmaskRequestRow,
        [
            {
                "traveller_key": traveller_key,
                "case_number": case_number,
                "fields": sorted(f.value for f in fields),
                "reason": reason,
                "requested_by": requested_by,
                "requested_role": role.value,
                "requested_at": at,
                "status": "pending",
            }
        ],
    )
    return get_unmask_request(session, ident)


def get_unmask_request(session: Session, request_id: int) -> StoredUnmaskRequest:
    row = session.get(UnmaskRequestRow, request_id)
    if row is None:
        raise NotFound(f"no unmasking request {request_id}")
    return _stored(row)


def decide_unmask_request(
    session: Session, request_id: int, *, approved: bool, by: str, role: Role, at: datetime, reason: str
) -> StoredUnmaskRequest:
    """Record the one decision on a pending request; ``Conflict`` if it was decided already."""
    done = session.execute(
        update(UnmaskRequestRow)
        .where(UnmaskRequestRow.id == request_id, UnmaskRequestRow.status == "pending")
        .values(
            status="approved" if approved else "refused",
            decided_by=by,
            decided_role=role.value,
            decided_at=at,
            decision_reason=reason,
        )
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        get_unmask_request(session, request_id)
        raise Conflict(f"unmasking request {request_id} was already decided")
    session.expire_all()
    return get_unmask_request(session, request_id)


def find_unmask_requests(
    session: Session, *, status: str | None = None, requested_by: str | None = None, limit: int = 100
) -> list[StoredUnmaskRequest]:
    statement = select(UnmaskRequestRow).order_by(UnmaskRequestRow.id.desc()).limit(limit)
    if status is not None:
        statement = statement.where(UnmaskRequestRow.status == status)
    if requested_by is not None:
        statement = statement.where(UnmaskRequestRow.requested_by == requested_by)
    return [_stored(row) for row in session.execute(statement).scalars()]
