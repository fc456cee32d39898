"""Appending to and reading the hash-chained audit log (``cases.chain``).

:func:`append_audit` first writes the one-row ``audit_head`` and reads it back in the same
statement (``UPDATE … RETURNING``: SQLite's write lock, or the row lock on PostgreSQL, until the
caller's transaction ends), seals the new records after it and inserts them: appenders are
serialised, so no two records ever chain to the same predecessor. Call it last in a
transaction, to hold that lock briefly.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from waystation.cases.chain import GENESIS, AuditRecord, ChainHead, seal_all
from waystation.cases.events import AuditEvent, AuditEventType
from waystation.store.bulk import insert_ignore, insert_rows, table_of
from waystation.store.core import execute
from waystation.store.schema import AuditHeadRow, AuditRecordRow

__all__ = ["append_audit", "audit_head", "audit_records", "count_audit", "iter_audit"]

_HEAD = 1


def _record(row: AuditRecordRow) -> AuditRecord:
    return AuditRecord(
        sequence=row.sequence,
        at=row.at,
        actor=row.actor,
        role=row.role,
        event_type=AuditEventType(row.event_type),
        payload=row.payload,
        previous_hash=row.previous_hash,
        hash=row.hash,
    )


# Built once (every audited transaction sends both): building costs more than sending them.
_HEAD_TABLE = table_of(AuditHeadRow)
_LOCK_HEAD = (
    update(_HEAD_TABLE)
    .where(_HEAD_TABLE.c.id == _HEAD)
    .values(sequence=_HEAD_TABLE.c.sequence)
    .returning(_HEAD_TABLE.c.sequence, _HEAD_TABLE.c.hash)
)
_MOVE_HEAD = (
    update(_HEAD_TABLE)
    .where(_HEAD_TABLE.c.id == _HEAD)
    .values(sequence=bindparam("new_sequence"), hash=bindparam("new_hash"))
)


def _lock_head(session: Session) -> ChainHead | None:
    """Lock the head row and read it in one statement (``UPDATE … RETURNING``); ``None`` when missing."""
    row = execute(session, _LOCK_HEAD).one_or_none()
    return ChainHead(row.sequence, row.hash) if row is not None else None


def _lock_and_read_head(session: Session) -> ChainHead:
    """Lock the head row (creating it from the log when missing) and read it."""
    head = _lock_head(session)
    if head is None:
        last = session.execute(
            select(AuditRecordRow.sequence, AuditRecordRow.hash)
            .order_by(AuditRecordRow.sequence.desc())
            .limit(1)
        ).one_or_none()
        start = ChainHead(last[0], last[1]) if last else ChainHead(0, GENESIS)
        row = {"id": _HEAD, "sequence": start.sequence, "hash": start.hash}
        insert_ignore(session, AuditHeadRow, [row], keys=["id"])  # a concurrent creator wins, we wait
        head = _lock_head(session)
        if head is None:  # pragma: no cover - inserted just above, or by a concurrent creator
            raise RuntimeError("the audit head row could not be created")
    return head


def append_audit(
    session: Session, entries: Sequence[tuple[AuditEvent, str, str, datetime]]
) -> list[AuditRecord]:
    """Seal ``(event, actor, role, at)`` entries after the head and store them.

    The records chain on from the head row's sequence and hash (the last record as appended):
    should that record have been altered or removed since, ``verify`` reports it there."""
    if not entries:
        return []
    head = _lock_and_read_head(session)
    previous = None
    if head.sequence:
        previous = AuditRecord(head.sequence, entries[0][3], "", "", AuditEventType.LOGIN, {}, "", head.hash)
    records = seal_all(entries, previous)
    insert_rows(
        session,
        AuditRecordRow,
        [
            {
                "sequence": r.sequence,
                "at": r.at,
                "actor": r.actor,
                "role": r.role,
                "event_type": r.event_type.value,
                "payload": dict(r.payload),
                "previous_hash": r.previous_hash,
                "hash": r.hash,
            }
            for r in records
        ],
    )
    last = records[-1]
    execute(session, _MOVE_HEAD, {"new_sequence": last.sequence, "new_hash": last.hash})
    return records


def audit_records(
    session: Session,
    *,
    after: int = 0,
    limit: int | None = None,
    event_type: AuditEventType | None = None,
    actor: str | None = None,
) -> list[AuditRecord]:
    """Records in sequence order after ``after`` (filtered by type or actor when given)."""
    statement = select(AuditRecordRow).where(AuditRecordRow.sequence > after)
    if event_type is not None:
        statement = statement.where(AuditRecordRow.event_type == event_type.value)
    if actor is not None:
        statement = statement.where(AuditRecordRow.actor == actor)
    statement = statement.order_by(AuditRecordRow.sequence)
    if limit is not None:
        statement = statement.limit(limit)
    return [_record(row) for row in session.execute(statement).scalars()]


def iter_audit(session: Session, *, batch: int = 5000) -> Iterator[AuditRecord]:
    """Every record in stored (sequence) order, read in batches."""
    after = 0
    while True:
        records = audit_records(session, after=after, limit=batch)
        yield from records
        if len(records) < batch:
            return
        after = records[-1].sequence


def audit_head(session: Session) -> ChainHead:
    """The last stored record's sequence and hash (``0`` and the genesis for an empty log)."""
    last = session.execute(
        select(AuditRecordRow.sequence, AuditRecordRow.hash).order_by(AuditRecordRow.sequence.desc()).limit(1)
    ).one_or_none()
    return ChainHead(last[0], last[1]) if last else ChainHead(0, GENESIS)


def count_audit(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(AuditRecordRow)).scalar_one())
