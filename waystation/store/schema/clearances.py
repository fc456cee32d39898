"""Clearances (:class:`waystation.cases.clearance.Clearance`): confirmed false positives.

A clearance says "this person (with this document) is not that list entry", decided by a named
analyst after a false-positive disposition, for a stated reason, until it expires. It is keyed by
what identifies the person on the next trip too (``person_key`` and ``document_key``, computed by
matching), not by a traveller row. The list entry's content hash when it was granted is kept, so
a later change to the entry can be noticed; ``document_country`` and ``entry_digest`` carry the
matching engine's own clearance fields (its issuer and its digest of the entry's identity). Rows
are appended; revocation (who, when, why) is the only later write, and only once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from waystation.store.schema.base import Base, BigId
from waystation.store.types import UtcDateTime

__all__ = ["ClearanceRow"]


class ClearanceRow(Base):
    __tablename__ = "clearances"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    person_key: Mapped[str] = mapped_column(String(300), index=True)
    document_key: Mapped[str | None] = mapped_column(String(200))
    document_country: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(100))
    subject: Mapped[str] = mapped_column(String(100))
    based_on_alert: Mapped[str] = mapped_column(String(100))
    cleared_by: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    cleared_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reason: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    entry_sha256: Mapped[str | None] = mapped_column(String(64))
    entry_digest: Mapped[str | None] = mapped_column(String(64))
    revoked_by: Mapped[str | None] = mapped_column(String(100))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoke_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index(None, "source", "subject"),)
