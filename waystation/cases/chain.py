"""The audit log as a hash chain, and the verifier behind ``waystation audit verify``.

Each :class:`AuditRecord` is sealed with ``hash = SHA-256(canonical(previous hash, sequence,
timestamp, actor, role, event type, payload))``. The canonical form is a compact JSON array with
sorted keys, UTF-8, timestamps as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` and no floats, so any language
can recompute it. Sequence numbers start at 1; record 1 chains to :data:`GENESIS`.

What the chain alone detects, and how :func:`verify_chain` names it (``position`` is the
sequence number where the log stops being trustworthy):

- ``EDITED``: a record's fields no longer give its stored hash (someone changed a value);
- ``REWRITTEN``: a record was changed *and* re-hashed, so its successor's ``previous_hash`` no
  longer matches it (position: the rewritten record);
- ``DELETED``: a sequence number is missing (position: the first missing number);
- ``REORDERED``: records are out of sequence order (position: where the order breaks);
- ``BAD_GENESIS``: record 1 does not chain to the genesis value.

What it cannot detect alone is the tail cut off (``TRUNCATED``) or the whole log rebuilt and
re-hashed from some point on: the rest of the chain is self-consistent. For that the service
keeps a :class:`SignedHead` — the last sequence number and hash, HMAC-SHA256-signed with a key
that is not in the database — outside the database (a head file, and the auditor's daily copy).
Verifying against those anchors catches a cut tail (``TRUNCATED``), a rebuilt chain
(``REWRITTEN`` at the anchor) and a forged head (``BAD_ANCHOR``). A head *rolled back* to an older
genuine one is caught only by comparing with an anchor kept elsewhere; docs/review.md says so.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from waystation.cases.events import AuditEvent, AuditEventType, JsonValue
from waystation.cases.timestamps import require_aware, utc_text

__all__ = [
    "GENESIS",
    "AuditRecord",
    "ChainHead",
    "ChainProblem",
    "ChainVerdict",
    "SignedHead",
    "canonical_bytes",
    "record_hash",
    "seal",
    "seal_all",
    "sign_head",
    "verify_chain",
]

GENESIS = "0" * 64


def canonical_bytes(
    previous_hash: str,
    sequence: int,
    at: datetime,
    actor: str,
    role: str,
    event_type: str,
    payload: Mapping[str, JsonValue],
) -> bytes:
    """The exact bytes a record's hash is taken over."""
    body = [previous_hash, sequence, utc_text(at), actor, role, event_type, dict(payload)]
    return json.dumps(
        body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One sealed audit record, as stored. ``role`` is the actor's role (or ``system``)."""

    sequence: int
    at: datetime
    actor: str
    role: str
    event_type: AuditEventType
    payload: Mapping[str, JsonValue] = field(hash=False)
    previous_hash: str
    hash: str

    def computed_hash(self) -> str:
        return record_hash(
            self.previous_hash, self.sequence, self.at, self.actor, self.role, self.event_type, self.payload
        )


def record_hash(
    previous_hash: str,
    sequence: int,
    at: datetime,
    actor: str,
    role: str,
    event_type: str,
    payload: Mapping[str, JsonValue],
) -> str:
    data = canonical_bytes(previous_hash, sequence, at, actor, role, str(event_type), payload)
    return hashlib.sha256(data).hexdigest()


def seal(
    previous: AuditRecord | None, event: AuditEvent, *, actor: str, role: str, at: datetime
) -> AuditRecord:
    """The next record after ``previous`` (``None`` for the first), carrying ``event``."""
    require_aware(at, "audit time")
    if not actor.strip():
        raise ValueError("an audit record needs an actor (a user name, or 'system')")
    sequence = previous.sequence + 1 if previous else 1
    prev_hash = previous.hash if previous else GENESIS
    payload = event.payload()
    digest = record_hash(prev_hash, sequence, at, actor, str(role), event.event_type, payload)
    return AuditRecord(sequence, at, actor, str(role), event.event_type, payload, prev_hash, digest)


def seal_all(
    entries: Sequence[tuple[AuditEvent, str, str, datetime]], previous: AuditRecord | None = None
) -> list[AuditRecord]:
    """Seal ``(event, actor, role, at)`` entries in order, continuing after ``previous``."""
    records: list[AuditRecord] = []
    for event, actor, role, at in entries:
        previous = seal(previous, event, actor=actor, role=role, at=at)
        records.append(previous)
    return records


@dataclass(frozen=True, slots=True)
class ChainHead:
    """The last record of a log, as the service recorded it."""

    sequence: int
    hash: str

    @classmethod
    def of(cls, records: Sequence[AuditRecord]) -> ChainHead:
        return cls(records[-1].sequence, records[-1].hash) if records else cls(0, GENESIS)


@dataclass(frozen=True, slots=True)
class SignedHead:
    """A chain head with the time it was taken and an HMAC-SHA256 signature over both."""

    head: ChainHead
    signed_at: datetime
    signature: str

    def expected_signature(self, key: bytes) -> str:
        return _signature(self.head, self.signed_at, key)


def _signature(head: ChainHead, signed_at: datetime, key: bytes) -> str:
    message = f"waystation-audit-head|{head.sequence}|{head.hash}|{utc_text(signed_at)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def sign_head(head: ChainHead, key: bytes, at: datetime) -> SignedHead:
    """Sign a head with ``key`` (kept outside the database, e.g. ``WAYSTATION_AUDIT_KEY``)."""
    if len(key) < 16:
        raise ValueError("an audit signing key needs at least 16 bytes")
    require_aware(at, "head signing time")
    return SignedHead(head, at, _signature(head, at, key))


class ChainProblem(StrEnum):
    EDITED = "edited"
    REWRITTEN = "rewritten"
    DELETED = "deleted"
    REORDERED = "reordered"
    BAD_GENESIS = "bad_genesis"
    TRUNCATED = "truncated"
    BAD_ANCHOR = "bad_anchor"


@dataclass(frozen=True, slots=True)
class ChainVerdict:
    """The result of a verification: ``ok``, or the first broken position and why."""

    checked: int
    problem: ChainProblem | None = None
    position: int | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None

    def __str__(self) -> str:
        if self.ok:
            return f"audit chain intact: {self.checked} records verified"
        return f"audit chain broken at record {self.position} ({self.problem}): {self.detail}"


def _sequence_problem(records: Sequence[AuditRecord], index: int) -> ChainVerdict | None:
    expected = index + 1
    found = records[index].sequence
    if found == expected:
        return None
    if any(r.sequence == expected for r in records[index + 1 :]):
        detail = f"record {expected} comes after record {found}"
        return ChainVerdict(index, ChainProblem.REORDERED, expected, detail)
    if found > expected:
        missing = f"{expected}" if found == expected + 1 else f"{expected} to {found - 1}"
        return ChainVerdict(index, ChainProblem.DELETED, expected, f"record(s) {missing} missing")
    detail = f"record {found} appears again where {expected} was expected"
    return ChainVerdict(index, ChainProblem.REORDERED, expected, detail)


def _walk(records: Sequence[AuditRecord], genesis: str) -> ChainVerdict:
    for index, record in enumerate(records):
        position = index + 1
        if record.computed_hash() != record.hash:
            detail = f"the fields of record {record.sequence} do not give its stored hash"
            return ChainVerdict(index, ChainProblem.EDITED, position, detail)
        broken_order = _sequence_problem(records, index)
        if broken_order:
            return broken_order
        if index == 0:
            if record.previous_hash != genesis:
                return ChainVerdict(0, ChainProblem.BAD_GENESIS, 1, "record 1 does not chain to the genesis")
        elif record.previous_hash != records[index - 1].hash:
            detail = f"record {index} does not match the hash that record {position} recorded for it"
            return ChainVerdict(index, ChainProblem.REWRITTEN, index, detail)
    return ChainVerdict(len(records))


def _check_anchor(
    records: Sequence[AuditRecord], anchor: SignedHead, key: bytes | None
) -> ChainVerdict | None:
    head = anchor.head
    if key is None or not hmac.compare_digest(anchor.signature, anchor.expected_signature(key)):
        detail = f"the signed head for record {head.sequence} has no valid signature"
        return ChainVerdict(len(records), ChainProblem.BAD_ANCHOR, head.sequence, detail)
    if head.sequence > len(records):
        detail = f"the log ends at record {len(records)} but a signed head records {head.sequence}"
        return ChainVerdict(len(records), ChainProblem.TRUNCATED, len(records) + 1, detail)
    if head.sequence >= 1 and records[head.sequence - 1].hash != head.hash:
        detail = f"record {head.sequence} differs from its signed head: the log was rebuilt up to here"
        return ChainVerdict(len(records), ChainProblem.REWRITTEN, head.sequence, detail)
    return None


def verify_chain(
    records: Sequence[AuditRecord],
    anchors: Sequence[SignedHead] = (),
    *,
    key: bytes | None = None,
    genesis: str = GENESIS,
) -> ChainVerdict:
    """Check ``records`` (in stored order) and then each signed head; report the first break.

    Without anchors, a log whose tail was cut off verifies as intact: pass the latest signed
    head (and ``key``) to detect it.
    """
    verdict = _walk(records, genesis)
    if not verdict.ok:
        return verdict
    for anchor in sorted(anchors, key=lambda a: a.head.sequence):
        broken = _check_anchor(records, anchor, key)
        if broken:
            return broken
    return verdict
