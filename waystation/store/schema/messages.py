"""Raw messages: the bytes exactly as received, stored before anything else happens.

A row is written and committed on receipt (status ``received``), then updated once parsing
ends (``parsed``, ``rejected``, or ``duplicate`` of an earlier interchange). The bytes are never
changed; only retention may blank them later.

The bytes sit in a table of their own (``raw_message_bodies``, one row per message, written in
the same transaction as the record): a database rewrites a whole row when any of its columns
changes, so while the bytes were a column of ``raw_messages`` the status update after parsing
wrote a 300-passenger message's ~45 KB again (~100 KiB of SQLite's write-ahead log and ~1 ms).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from waystation.store.schema.base import Base, BigId
from waystation.store.types import Json, UtcDateTime

__all__ = ["RawMessageBodyRow", "RawMessageRow"]


class RawMessageRow(Base):
    __tablename__ = "raw_messages"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    source: Mapped[str] = mapped_column(String(500))
    sender: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    message_format: Mapped[str | None] = mapped_column(String(40))
    interchange_ref: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16), index=True)
    issues: Mapped[list[Any]] = mapped_column(Json)
    parsed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    duplicate_of: Mapped[int | None] = mapped_column(BigId, ForeignKey("raw_messages.id"))

    __table_args__ = (Index(None, "sender", "interchange_ref"),)


class RawMessageBodyRow(Base):
    __tablename__ = "raw_message_bodies"

    message_id: Mapped[int] = mapped_column(BigId, ForeignKey("raw_messages.id"), primary_key=True)
    body: Mapped[bytes] = mapped_column(LargeBinary)
