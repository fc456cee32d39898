"""The audit log (``cases.chain.AuditRecord``), hash-chained, and its one-row head.

Records are keyed by their sequence number; nothing updates or deletes them. ``audit_head``
holds the last sequence and hash: every append first writes that row, which serialises
appenders on both backends (SQLite takes its database write lock, PostgreSQL a row lock) so two
transactions can never both chain to the same predecessor.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from waystation.store.schema.base import Base, BigId
from waystation.store.types import Json, UtcDateTime

__all__ = ["AuditHeadRow", "AuditRecordRow"]


class AuditRecordRow(Base):
    __tablename__ = "audit_records"

    sequence: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    event_type: Mapped[str] = mapped_column(String(32), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(Json)
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHeadRow(Base):
    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    sequence: Mapped[int] = mapped_column(BigId)
    hash: Mapped[str] = mapped_column(String(64))
