"""Retention and unmasking: sealed copies of masked data, each message's retention state, and
the requests to unmask.

When retention masks a traveller, a booking or a raw message, the original values are kept only
as a sealed copy (AES-GCM under the deployment's masking key, ``services/sealing.py``) in
``masked_records``, so that a lawful unmasking — an open case and a second person's approval —
can show them again; deletion at the limit removes the sealed copies with everything else.
``message_retention`` records what retention has done to each raw message (``masked`` when every
traveller and the bytes are masked, ``deleted`` at the limit). ``unmask_requests`` are appended
by an analyst and decided once by a supervisor who is not the requester.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from waystation.store.schema.base import Base, BigId
from waystation.store.types import Json, UtcDateTime

__all__ = ["MaskedRecordRow", "MessageRetentionRow", "UnmaskRequestRow"]


class MaskedRecordRow(Base):
    __tablename__ = "masked_records"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    raw_message_id: Mapped[int] = mapped_column(BigId, ForeignKey("raw_messages.id"), index=True)
    owner_kind: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[int] = mapped_column(BigId)
    traveller_key: Mapped[str | None] = mapped_column(String(64), index=True)
    key_id: Mapped[str] = mapped_column(String(32))
    nonce: Mapped[bytes] = mapped_column(LargeBinary)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    masked_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("owner_kind", "owner_id"),)


class MessageRetentionRow(Base):
    __tablename__ = "message_retention"

    raw_message_id: Mapped[int] = mapped_column(BigId, ForeignKey("raw_messages.id"), primary_key=True)
    state: Mapped[str] = mapped_column(String(16), index=True)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class UnmaskRequestRow(Base):
    __tablename__ = "unmask_requests"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    traveller_key: Mapped[str] = mapped_column(String(64), index=True)
    case_number: Mapped[str] = mapped_column(String(32))
    fields: Mapped[list[Any]] = mapped_column(Json)
    reason: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(100))
    requested_role: Mapped[str] = mapped_column(String(16))
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16), index=True)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_role: Mapped[str | None] = mapped_column(String(16))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    decision_reason: Mapped[str | None] = mapped_column(Text)
