"""Raw messages: received bytes are stored first, in their own committed transaction.

:func:`receive_message` is the gateway's first step and the only one that commits by itself:
once it returns, the bytes are on disk (SQLite ``synchronous=FULL``, PostgreSQL commit) and may
be acknowledged, whatever happens to parsing afterwards. Parsing then moves the message to
``parsed`` or ``rejected`` (bytes kept, with the issues found), or to ``duplicate`` when the same
sender already sent that interchange. A message still ``received`` after a crash is found by
:func:`messages_with_status` and parsed again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session, sessionmaker

from waystation.exc import Conflict, NotFound
from waystation.model import ParseIssue
from waystation.store.bulk import insert_returning_ids, insert_rows, prepare, table_of
from waystation.store.codec import issue_from_json, issue_to_json
from waystation.store.core import execute
from waystation.store.engine import defer_sync
from waystation.store.schema import RawMessageBodyRow, RawMessageRow
from waystation.store.types import utc_now

__all__ = [
    "MessageStatus",
    "StoredMessage",
    "find_by_sha256",
    "find_duplicate",
    "get_message",
    "mark_duplicate",
    "mark_parsed",
    "mark_rejected",
    "message_bytes",
    "messages_with_status",
    "receive_message",
]


class MessageStatus(StrEnum):
    RECEIVED = "received"
    PARSED = "parsed"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """What the store knows about a received message (its bytes come from :func:`message_bytes`)."""

    id: int
    received_at: datetime
    source: str
    sender: str | None
    size: int
    sha256: str
    message_format: str | None
    interchange_ref: str | None
    status: MessageStatus
    issues: tuple[ParseIssue, ...]
    parsed_at: datetime | None
    duplicate_of: int | None


_COLUMNS = (
    RawMessageRow.id,
    RawMessageRow.received_at,
    RawMessageRow.source,
    RawMessageRow.sender,
    RawMessageRow.size,
    RawMessageRow.sha256,
    RawMessageRow.message_format,
    RawMessageRow.interchange_ref,
    RawMessageRow.status,
    RawMessageRow.issues,
    RawMessageRow.parsed_at,
    RawMessageRow.duplicate_of,
)


def receive_message(
    sessions: sessionmaker[Session],
    data: bytes,
    *,
    source: str,
    sender: str | None = None,
    interchange_ref: str | None = None,
    message_format: str | None = None,
    received_at: datetime | None = None,
    synced: bool = True,
) -> StoredMessage:
    """Store received bytes durably, before anything else, and commit; return the stored record.

    Takes a session factory rather than a session so that no caller's later rollback can undo it.
    ``synced=False`` does not wait for the disk (``engine.defer_sync``): only for a caller whose
    own next commit waits for it before anything is acknowledged (the gateway).
    """
    at = received_at or utc_now()
    digest = hashlib.sha256(data).hexdigest()
    row: dict[str, Any] = {
        "received_at": at,
        "source": source,
        "sender": sender,
        "size": len(data),
        "sha256": digest,
        "message_format": message_format,
        "interchange_ref": interchange_ref,
        "status": MessageStatus.RECEIVED.value,
        "issues": [],
    }
    (row,) = prepare(table_of(RawMessageRow), [row])  # as stored: over-long text cut, NUL replaced
    with sessions.begin() as session:
        if not synced:
            defer_sync(session)
        (message_id,) = insert_returning_ids(session, RawMessageRow, [row])
        insert_rows(session, RawMessageBodyRow, [{"message_id": message_id, "body": data}])
    return StoredMessage(  # what was stored, without reading it back
        id=message_id,
        received_at=at,
        source=row["source"],
        sender=row["sender"],
        size=len(data),
        sha256=digest,
        message_format=row["message_format"],
        interchange_ref=row["interchange_ref"],
        status=MessageStatus.RECEIVED,
        issues=(),
        parsed_at=None,
        duplicate_of=None,
    )


def get_message(session: Session, message_id: int) -> StoredMessage:
    row = session.execute(select(*_COLUMNS).where(RawMessageRow.id == message_id)).one_or_none()
    if row is None:
        raise NotFound(f"no message {message_id}")
    return _stored(row)


def message_bytes(session: Session, message_id: int) -> bytes:
    """The bytes exactly as received."""
    body = session.execute(
        select(RawMessageBodyRow.body).where(RawMessageBodyRow.message_id == message_id)
    ).scalar()
    if body is None:
        raise NotFound(f"no message {message_id}")
    return bytes(body)


def mark_parsed(
    session: Session,
    message_id: int,
    *,
    message_format: str,
    issues: Sequence[ParseIssue] = (),
    sender: str | None = None,
    interchange_ref: str | None = None,
    parsed_at: datetime | None = None,
) -> None:
    """Record a successful parse (warnings kept); sender and interchange are filled when given.

    Raises :class:`~waystation.exc.Conflict` when the message was already parsed or is a duplicate.
    """
    values = {
        "status": MessageStatus.PARSED.value,
        "message_format": message_format,
        "issues": [issue_to_json(i) for i in issues],
        "parsed_at": parsed_at or utc_now(),
    }
    if sender is not None:
        values["sender"] = sender
    if interchange_ref is not None:
        values["interchange_ref"] = interchange_ref
    _update(session, message_id, values)


def mark_rejected(
    session: Session,
    message_id: int,
    *,
    issues: Sequence[ParseIssue],
    message_format: str | None = None,
    parsed_at: datetime | None = None,
) -> None:
    """Record that the message could not be read: its bytes stay, with the issues that say why."""
    values = {
        "status": MessageStatus.REJECTED.value,
        "issues": [issue_to_json(i) for i in issues],
        "parsed_at": parsed_at or utc_now(),
    }
    if message_format is not None:
        values["message_format"] = message_format
    _update(session, message_id, values)


def mark_duplicate(session: Session, message_id: int, original_id: int) -> None:
    """Record that this message repeats an interchange already received (it is kept all the same)."""
    _update(session, message_id, {"status": MessageStatus.DUPLICATE.value, "duplicate_of": original_id})


def find_duplicate(
    session: Session, *, sender: str | None, interchange_ref: str, before_id: int
) -> int | None:
    """The first earlier message from ``sender`` with this interchange reference that was not rejected."""
    statement = _DUPLICATE_OF_UNKNOWN if sender is None else _DUPLICATE_OF_SENDER
    params = {"interchange": interchange_ref, "sender": sender, "before": before_id}
    return execute(session, statement, params).scalar()


def _duplicate_query(*, sender_known: bool) -> Any:
    """Built once per form (every message asks): building it cost ten times running it."""
    table = table_of(RawMessageRow)
    return (
        select(table.c.id)
        .where(
            table.c.interchange_ref == bindparam("interchange"),
            table.c.sender == bindparam("sender") if sender_known else table.c.sender.is_(None),
            table.c.id < bindparam("before"),
            table.c.status.in_([MessageStatus.PARSED.value, MessageStatus.RECEIVED.value]),
        )
        .order_by(table.c.id)
        .limit(1)
    )


_DUPLICATE_OF_SENDER = _duplicate_query(sender_known=True)
_DUPLICATE_OF_UNKNOWN = _duplicate_query(sender_known=False)


def find_by_sha256(session: Session, sha256: str) -> list[int]:
    """Ids of every message with exactly these bytes, oldest first."""
    statement = select(RawMessageRow.id).where(RawMessageRow.sha256 == sha256).order_by(RawMessageRow.id)
    return list(session.execute(statement).scalars())


def messages_with_status(
    session: Session, status: MessageStatus, *, limit: int = 1000
) -> list[StoredMessage]:
    """Messages in one state, oldest first (``received`` ones were never finished: parse them)."""
    statement = (
        select(*_COLUMNS).where(RawMessageRow.status == status.value).order_by(RawMessageRow.id).limit(limit)
    )
    return [_stored(row) for row in session.execute(statement)]


_OPEN = (MessageStatus.RECEIVED.value, MessageStatus.REJECTED.value)


def _update(session: Session, message_id: int, values: dict[str, object]) -> None:
    """Move a message on from ``received`` (or ``rejected``, for a re-parse), never from a final state.

    The conditional update is also the claim: of two workers finishing the same message, the
    second waits for the first's row lock, then finds the message no longer open.
    """
    (clean,) = prepare(table_of(RawMessageRow), [values])
    statement = _update_statement(tuple(clean))
    result = execute(session, statement, {"_message": message_id, **{f"_{k}": v for k, v in clean.items()}})
    if getattr(result, "rowcount", 1) == 0:
        status = session.execute(select(RawMessageRow.status).where(RawMessageRow.id == message_id)).scalar()
        if status is None:
            raise NotFound(f"no message {message_id}")
        raise Conflict(f"message {message_id} is already {status}")


@cache
def _update_statement(columns: tuple[str, ...]) -> Any:
    """The conditional update setting ``columns``, built once per set of columns (a few exist)."""
    table = table_of(RawMessageRow)
    return (
        update(table)
        .where(table.c.id == bindparam("_message"), table.c.status.in_(_OPEN))
        .values({name: bindparam(f"_{name}") for name in columns})
    )


def _stored(row: Sequence[Any]) -> StoredMessage:
    ident, received_at, source, sender, size, sha256, fmt, interchange, status, issues, parsed_at, dup = row
    return StoredMessage(
        id=ident,
        received_at=received_at,
        source=source,
        sender=sender,
        size=size,
        sha256=sha256,
        message_format=fmt,
        interchange_ref=interchange,
        status=MessageStatus(status),
        issues=tuple(issue_from_json(i) for i in issues or ()),
        parsed_at=parsed_at,
        duplicate_of=dup,
    )
