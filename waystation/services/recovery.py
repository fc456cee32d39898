"""After a crash: finish every message whose bytes were kept but whose processing never ended.

The gateway commits a message's bytes before anything else, so a process killed mid-ingest
leaves it ``received``. At start the service parses, stores and screens each such message (oldest
first) exactly as the gateway would have, raising its alerts; nobody waits for an answer any more
(the carrier saw no acknowledgement and will resend, which is then a duplicate answered from
these alerts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from waystation.exc import Conflict
from waystation.services.messages import parse_received
from waystation.services.screening import screen_received
from waystation.services.workspace import Workspace
from waystation.store import MessageStatus, message_bytes, messages_with_status

__all__ = ["RecoveryReport", "recover"]


@dataclass(frozen=True, slots=True)
class RecoveryReport:
    finished: int
    rejected: int
    duplicates: int


def recover(workspace: Workspace, *, progress: Callable[[str], None] = lambda _: None) -> RecoveryReport:
    """Process every message left ``received``; returns how many ended each way."""
    finished = rejected = duplicates = 0
    seen: set[int] = set()
    while True:
        with workspace.transaction() as session:
            pending = [
                m
                for m in messages_with_status(session, MessageStatus.RECEIVED, limit=100)
                if m.id not in seen
            ]
            seen.update(m.id for m in pending)
            bodies = {m.id: message_bytes(session, m.id) for m in pending}
        if not pending:
            break
        for message in pending:
            progress(f"recovering message {message.id} ({message.source})")
            try:
                received = parse_received(
                    workspace,
                    message.id,
                    bodies[message.id],
                    source=message.source,
                    sender=message.sender,
                    message_format=message.message_format,
                    today=message.received_at.date(),
                )
            except Conflict:
                continue  # another worker starting at the same time finished it

            if received.status is MessageStatus.PARSED:
                screen_received(workspace, received)
                finished += 1
            elif received.status is MessageStatus.REJECTED:
                rejected += 1
            else:
                duplicates += 1
    return RecoveryReport(finished, rejected, duplicates)
