"""Raw messages: the bytes exactly as received, stored before anything else happens.

A row is written and committed on receipt (status ``received``), then updated once parsing
ends (``parsed``, ``rejected``, or ``duplicate`` of an earlier interchange). The bytes are never
changed; only retention may blank them later.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from waystation.store.schema.base import Base, BigId
from waystation.store.types import Json, UtcDateTime

__all__ = ["RawMessageRow"]


class RawMessageRow(Base):
    __tablename__ = "raw_messages"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    source: Mapped[str] = mapped_column(String(500))
    sender: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    message_format: Mapped[str | None] = mapped_column(String(40))
    interchange_ref: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16), index=True)
    issues: Mapped[list[Any]] = mapped_column(Json)
    parsed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    duplicate_of: Mapped[int | None] = mapped_column(BigId, ForeignKey("raw_messages.id"))

    __table_args__ = (Index(None, "sender", "interchange_ref"),)
