"""Clearances (confirmed false positives) and their revocation: the redress mechanism.

A clearance is recorded from what identifies the person on the next trip too: the normalized
document number and issuing country, a name key (folded tokens, order-free) and the birth date.
The list entry's content hash at the time is kept, so matching can tell whether the entry has
changed since the analyst decided. Clearances are appended and may be revoked once, never edited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from waystation.exc import Conflict, InputError, NotFound
from waystation.model import Name, PartialDate
from waystation.store.bulk import insert_returning_ids
from waystation.store.keys import document_key, name_key, partial_date_text
from waystation.store.schema import ClearanceRow, ListEntryRow, ListVersionRow, WatchlistRow
from waystation.store.types import utc_now

__all__ = [
    "Clearance",
    "NewClearance",
    "active_clearances",
    "add_clearance",
    "clearances_for_document",
    "clearances_for_entry",
    "revoke_clearance",
]


@dataclass(frozen=True, slots=True)
class NewClearance:
    """An analyst's decision that a person is not a list entry."""

    list_name: str
    entry_id: str
    name: Name
    cleared_by: str
    reason: str
    birth_date: PartialDate | None = None
    document_number: str | None = None
    document_country: str | None = None
    traveller_id: int | None = None
    hit_id: int | None = None


@dataclass(frozen=True, slots=True)
class Clearance:
    id: int
    list_name: str
    entry_id: str
    entry_sha256: str | None
    document_key: str | None
    document_country: str | None
    name_key: str
    birth_date: str | None
    traveller_id: int | None
    hit_id: int | None
    cleared_by: str
    cleared_at: datetime
    reason: str
    revoked_by: str | None
    revoked_at: datetime | None
    revoke_reason: str | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def add_clearance(session: Session, new: NewClearance, *, cleared_at: datetime | None = None) -> Clearance:
    """Record a clearance; the entry must exist in some imported version of the list."""
    if not new.reason.strip() or not new.cleared_by.strip():
        raise InputError("a clearance needs the name of the analyst and a reason")
    found = session.execute(
        select(WatchlistRow.id, ListEntryRow.body_sha256)
        .join(ListVersionRow, ListVersionRow.watchlist_id == WatchlistRow.id)
        .join(ListEntryRow, ListEntryRow.list_version_id == ListVersionRow.id)
        .where(WatchlistRow.name == new.list_name, ListEntryRow.entry_id == new.entry_id)
        .order_by(ListVersionRow.seq.desc())
        .limit(1)
    ).one_or_none()
    if found is None:
        raise NotFound(f"no entry {new.entry_id} in any version of {new.list_name}")
    watchlist_id, body_sha256 = found
    (clearance_id,) = insert_returning_ids(
        session,
        ClearanceRow,
        [
            {
                "watchlist_id": watchlist_id,
                "entry_id": new.entry_id,
                "entry_sha256": body_sha256,
                "document_key": document_key(new.document_number),
                "document_country": new.document_country,
                "name_key": name_key(new.name),
                "birth_date": partial_date_text(new.birth_date),
                "traveller_id": new.traveller_id,
                "hit_id": new.hit_id,
                "cleared_by": new.cleared_by,
                "cleared_at": cleared_at or utc_now(),
                "reason": new.reason,
            }
        ],
    )
    return _one(session, clearance_id)


def revoke_clearance(
    session: Session, clearance_id: int, *, revoked_by: str, reason: str, revoked_at: datetime | None = None
) -> Clearance:
    """Withdraw a clearance (it stays on record); a clearance is revoked at most once."""
    if not reason.strip() or not revoked_by.strip():
        raise InputError("revoking a clearance needs the name of the analyst and a reason")
    result = session.execute(
        update(ClearanceRow)
        .where(ClearanceRow.id == clearance_id, ClearanceRow.revoked_at.is_(None))
        .values(revoked_by=revoked_by, revoked_at=revoked_at or utc_now(), revoke_reason=reason)
    )
    if getattr(result, "rowcount", 1) == 0:
        _one(session, clearance_id)  # raises NotFound when there is no such clearance
        raise Conflict(f"clearance {clearance_id} is already revoked")
    return _one(session, clearance_id)


def _many(session: Session, *criteria: ColumnElement[bool]) -> list[Clearance]:
    statement = (
        select(ClearanceRow, WatchlistRow.name)
        .join(WatchlistRow, WatchlistRow.id == ClearanceRow.watchlist_id)
        .where(*criteria)
        .order_by(ClearanceRow.id)
        .execution_options(populate_existing=True)
    )
    return [_clearance(row, name) for row, name in session.execute(statement)]


def _one(session: Session, clearance_id: int) -> Clearance:
    found = _many(session, ClearanceRow.id == clearance_id)
    if not found:
        raise NotFound(f"no clearance {clearance_id}")
    return found[0]


def active_clearances(session: Session, list_name: str | None = None) -> list[Clearance]:
    """Every clearance in force (of one list, or of all), for matching to load."""
    criteria: list[ColumnElement[bool]] = [ClearanceRow.revoked_at.is_(None)]
    if list_name is not None:
        criteria.append(WatchlistRow.name == list_name)
    return _many(session, *criteria)


def clearances_for_document(session: Session, number: str, country: str | None) -> list[Clearance]:
    """Clearances in force for a document (number normalized as stored; any issuer when ``None``)."""
    criteria: list[ColumnElement[bool]] = [
        ClearanceRow.revoked_at.is_(None),
        ClearanceRow.document_key == document_key(number),
    ]
    if country is not None:
        criteria.append(ClearanceRow.document_country == country)
    return _many(session, *criteria)


def clearances_for_entry(session: Session, list_name: str, entry_id: str) -> list[Clearance]:
    """Every clearance ever recorded against an entry, revoked ones included."""
    return _many(session, WatchlistRow.name == list_name, ClearanceRow.entry_id == entry_id)


def _clearance(row: ClearanceRow, list_name: str) -> Clearance:
    return Clearance(
        id=row.id,
        list_name=list_name,
        entry_id=row.entry_id,
        entry_sha256=row.entry_sha256,
        document_key=row.document_key,
        document_country=row.document_country,
        name_key=row.name_key,
        birth_date=row.birth_date,
        traveller_id=row.traveller_id,
        hit_id=row.hit_id,
        cleared_by=row.cleared_by,
        cleared_at=row.cleared_at,
        reason=row.reason,
        revoked_by=row.revoked_by,
        revoked_at=row.revoked_at,
        revoke_reason=row.revoke_reason,
    )
