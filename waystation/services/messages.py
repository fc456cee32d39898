"""Receiving a carrier message: keep the bytes first, then parse, de-duplicate and store.

The order is the safeguard: :func:`receive` commits the raw bytes before anything can fail, so
an acknowledged message is never lost; a message that cannot be parsed is kept, marked rejected
with the reason; a message whose interchange reference was already received from the same
sender is kept and marked as a duplicate, and its content is not stored twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from waystation.exc import InputError, Locator
from waystation.ingest.message import ParseContext, ParsedMessage
from waystation.ingest.registry import parse_message
from waystation.model import ParseIssue, Severity
from waystation.services.workspace import Workspace
from waystation.store import (
    MessageStatus,
    StoredContent,
    find_duplicate,
    mark_duplicate,
    mark_rejected,
    receive_message,
    store_parsed_message,
)

__all__ = ["Received", "envelope_of", "parse_received", "read_received", "receive", "store_received"]


@dataclass(frozen=True, slots=True)
class Received:
    """What happened to one received message."""

    message_id: int
    status: MessageStatus
    source: str
    parsed: ParsedMessage | None
    content: StoredContent | None
    issues: tuple[ParseIssue, ...]
    duplicate_of: int | None = None
    error: str | None = None

    @property
    def accepted(self) -> bool:
        return self.status is MessageStatus.PARSED


def envelope_of(parsed: ParsedMessage) -> tuple[str | None, str | None]:
    """The sender and interchange reference a message declares (what de-duplication keys on)."""
    envelopes = [(m.sender, m.interchange_ref) for m in parsed.manifests]
    envelopes += [(p.sender, p.interchange_ref) for p in parsed.pnr_pushes]
    return next(((s, ref) for s, ref in envelopes if ref), (None, None))


def receive(
    workspace: Workspace,
    data: bytes,
    *,
    source: str,
    sender: str | None = None,
    message_format: str | None = None,
    today: date | None = None,
) -> Received:
    """Keep ``data``, then parse and store what it holds; never raises for bad input."""
    with workspace.writer.held():  # (queued with the gateway's writers: store/writer.py)
        stored = receive_message(workspace.sessions, data, source=source, sender=sender)
    return parse_received(
        workspace, stored.id, data, source=source, sender=sender, message_format=message_format, today=today
    )


def parse_received(
    workspace: Workspace,
    message_id: int,
    data: bytes,
    *,
    source: str,
    sender: str | None = None,
    message_format: str | None = None,
    today: date | None = None,
) -> Received:
    """Parse, de-duplicate and store a message whose bytes are already kept (also after a crash)."""
    read = read_received(
        workspace, message_id, data, source=source, message_format=message_format, today=today
    )
    if isinstance(read, Received):
        return read
    with workspace.writer.held(), workspace.transaction() as session:
        return store_received(session, message_id, read, source=source, sender=sender)


def read_received(
    workspace: Workspace,
    message_id: int,
    data: bytes,
    *,
    source: str,
    message_format: str | None = None,
    today: date | None = None,
) -> ParsedMessage | Received:
    """The parsed message; or, when it cannot be read, the message marked rejected (committed)."""
    context = ParseContext(today=today or date.today(), card_key=workspace.card_key)
    try:
        return parse_message(data, source, message_format, context)
    except InputError as error:
        issue = ParseIssue(Severity.ERROR, error.code, error.reason, error.locator or Locator(source))
        with workspace.writer.held(), workspace.transaction() as session:
            mark_rejected(session, message_id, issues=(issue,))
        return Received(message_id, MessageStatus.REJECTED, source, None, None, (issue,), error=str(error))


def store_received(
    session: Session, message_id: int, parsed: ParsedMessage, *, source: str, sender: str | None = None
) -> Received:
    """De-duplicate and store a parsed message in the caller's transaction."""
    declared_sender, interchange = envelope_of(parsed)
    original = None
    if interchange:
        original = find_duplicate(
            session, sender=sender or declared_sender, interchange_ref=interchange, before_id=message_id
        )
    if original is not None:
        mark_duplicate(session, message_id, original)
        return Received(
            message_id, MessageStatus.DUPLICATE, source, parsed, None, parsed.issues, duplicate_of=original
        )
    content = store_parsed_message(session, message_id, parsed)  # marks the message parsed
    return Received(message_id, MessageStatus.PARSED, source, parsed, content, parsed.issues)
