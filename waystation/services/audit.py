"""The audit trail: every read of traveller data, every decision and every change, hash-chained.

Services open an :func:`audited` transaction, do their work, and :meth:`Audit.log` each event;
the records are sealed and appended last in the same transaction (so nothing is logged that did
not happen, and nothing happens unlogged), and after the commit the signed head is written to a
file outside the database, replaced atomically. ``waystation audit verify`` checks the stored
chain against that head (docs/review.md §5 says what this does and does not detect).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from waystation.cases.chain import AuditRecord, ChainHead, ChainVerdict, SignedHead, sign_head, verify_chain
from waystation.cases.events import AuditEvent, AuditEventType
from waystation.cases.permissions import Permission, require
from waystation.exc import ConfigError
from waystation.services.principal import SYSTEM, Principal
from waystation.services.workspace import Workspace
from waystation.store import append_audit, audit_records, iter_audit
from waystation.store.writer import WriteLock

__all__ = [
    "Audit",
    "AuditPage",
    "audit_page",
    "audited",
    "read_head",
    "verify_audit",
    "write_head",
]

_HEAD_LOCK = threading.Lock()
_HEAD_FILE_LOCKS: dict[Path, WriteLock] = {}
_HEAD_FILE_LOCKS_MAX = 16  # (a process writes one head; tests open many workspaces)
_HEAD_FOLDERS: set[Path] = set()  # folders of head files this process has made sure exist
_LOG = logging.getLogger(__name__)


@dataclass
class Audit:
    """Events collected during one transaction, appended to the chain when it ends."""

    session: Session
    pending: list[tuple[AuditEvent, str, str, datetime]] = field(default_factory=list)
    records: list[AuditRecord] = field(default_factory=list)

    def log(
        self,
        event: AuditEvent,
        actor: Principal = SYSTEM,
        *,
        at: datetime | None = None,
        role: str | None = None,
    ) -> None:
        """Queue ``event`` by ``actor``; ``role`` overrides (``unknown`` for a failed log-in)."""
        self.pending.append((event, actor.name, role or actor.role_name, at or datetime.now(UTC)))

    def flush(self) -> None:
        if self.pending:
            self.records += append_audit(self.session, self.pending)
            self.pending = []


@contextmanager
def audited(workspace: Workspace, *, writing: bool = False) -> Iterator[tuple[Session, Audit]]:
    """A transaction whose logged events are appended at its end; the signed head follows the commit.

    ``writing``: a service that writes (the gateway) holds the store's writer lock from the
    start of the transaction until it commits, and no longer. On a SQLite file the commit then
    does not wait for the disk under the lock: the wait follows once the lock is let go
    (``store/disk.py``), so the next writer queues for the work, not for the disk. The block
    returns only after that wait, and the signed head is written after it: a head is never
    ahead of what a power cut would leave of the chain.
    """
    with ExitStack() as queued:
        if writing:
            queued.enter_context(workspace.writer.held())
        with workspace.transaction() as session:
            if writing:
                workspace.disk.defer(session)
            audit = Audit(session)
            yield session, audit
            if audit.pending and not writing and _queue_for_writing(workspace, session):
                queued.enter_context(workspace.writer.held())  # (released after the commit)
            audit.flush()
    if writing:
        workspace.disk.wait()
    if audit.records:
        last = audit.records[-1]
        write_head(workspace, ChainHead(last.sequence, last.hash))


def _queue_for_writing(workspace: Workspace, session: Session) -> bool:
    """Whether appending should first queue with the store's other writers (``store/writer.py``).

    Only for a SQLite file shared by processes, and only while this transaction has written
    nothing: a transaction that reads (an analyst's page) first writes when its audit records
    are appended, and queueing there hands SQLite's write lock over without its busy handler's
    sleeps — which a gateway writer waiting behind it would otherwise pay. A transaction that
    has already written holds SQLite's lock; waiting for the lock file then could deadlock with
    a writer that holds the file and waits for SQLite, so it goes on as it is. (On PostgreSQL the
    head row's lock queues appenders already.)"""
    if workspace.writer.path is None:
        return False
    dbapi = session.connection().connection.dbapi_connection
    return not getattr(dbapi, "in_transaction", True)


def write_head(workspace: Workspace, head: ChainHead) -> SignedHead | None:
    """Sign ``head`` and replace the head file with it (never with an older head than written)."""
    path = workspace.audit.head_path
    if path is None:
        return None
    signed = sign_head(head, workspace.audit.key, datetime.now(UTC))
    if path.parent not in _HEAD_FOLDERS:  # (made once per process; _write_new makes it again if removed)
        path.parent.mkdir(parents=True, exist_ok=True)
        _HEAD_FOLDERS.add(path.parent)
    # Several server processes append to one chain and each writes the head after its commit, in
    # whatever order they finish: the file is compared and replaced under a lock all of them share,
    # so it never goes back to an older head than another process wrote.
    with _HEAD_LOCK, _head_lock(path).held():
        try:
            previous = read_head(path)
        except ConfigError as error:  # left as found, for the auditor: `audit verify` reports it
            _LOG.warning("audit head not written: %s", error)
            return None
        if previous is not None and head.sequence <= previous.head.sequence:
            return None
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        _write_new(temporary, (json.dumps(_head_json(signed), sort_keys=True) + "\n").encode("utf-8"))
        os.replace(temporary, path)
    return signed


def _write_new(path: Path, data: bytes) -> None:
    """Write ``path`` whole with two system calls, making its folder only when it is missing: the
    head is written after every message, and a text file object plus a ``mkdir`` cost a third of
    the whole write (measured: 153 against 111 µs of CPU)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    try:
        fd = os.open(path, flags, 0o644)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, flags, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _head_lock(path: Path) -> WriteLock:
    """The lock shared by every process writing ``path`` (one open file per process; called under
    ``_HEAD_LOCK``)."""
    lock = _HEAD_FILE_LOCKS.get(path)
    if lock is None:
        if len(_HEAD_FILE_LOCKS) >= _HEAD_FILE_LOCKS_MAX:
            _HEAD_FILE_LOCKS.pop(next(iter(_HEAD_FILE_LOCKS))).close()
        lock = _HEAD_FILE_LOCKS[path] = WriteLock(path.with_name(path.name + ".lock"))
    return lock


def _head_json(signed: SignedHead) -> dict[str, object]:
    return {
        "sequence": signed.head.sequence,
        "hash": signed.head.hash,
        "signed_at": signed.signed_at.isoformat(),
        "signature": signed.signature,
    }


def read_head(path: Path) -> SignedHead | None:
    """The signed head stored in ``path`` (``None`` when there is no file yet)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise ConfigError(f"the audit head file {path} is unreadable: {error}") from None
    try:
        head = ChainHead(int(data["sequence"]), str(data["hash"]))
        return SignedHead(head, datetime.fromisoformat(str(data["signed_at"])), str(data["signature"]))
    except (KeyError, TypeError, ValueError) as error:
        raise ConfigError(f"the audit head file {path} is malformed: {error}") from None


def verify_audit(workspace: Workspace, *, extra_heads: tuple[SignedHead, ...] = ()) -> ChainVerdict:
    """Verify the whole stored chain against the head file (and any heads the auditor kept)."""
    anchors = list(extra_heads)
    if workspace.audit.head_path is not None:
        stored = read_head(workspace.audit.head_path)
        if stored is not None:
            anchors.append(stored)
    with workspace.transaction() as session:
        records = list(iter_audit(session))
    return verify_chain(records, anchors, key=workspace.audit.key)


@dataclass(frozen=True, slots=True)
class AuditPage:
    records: tuple[AuditRecord, ...]
    next_after: int | None


def audit_page(
    workspace: Workspace,
    principal: Principal,
    *,
    after: int = 0,
    limit: int = 100,
    event_type: AuditEventType | None = None,
    actor: str | None = None,
) -> AuditPage:
    """A page of the log for the auditor (reading the log is not itself logged: it holds no traveller)."""
    require(principal.role, Permission.READ_AUDIT)
    with workspace.transaction() as session:
        records = audit_records(session, after=after, limit=limit, event_type=event_type, actor=actor)
    next_after = records[-1].sequence if len(records) == limit else None
    return AuditPage(tuple(records), next_after)
