"""Clearances: confirmed false positives, the redress mechanism.

A clearance says "this person, with this document, is not that list entry", decided by a named
analyst for a stated reason. It is keyed by what identifies the person across trips (normalized
document number and issuer, a name key and birth date), not by a traveller row, so it applies to
the next trip too; a new document or a new entry is screened afresh. Clearances are appended and
may be revoked (who, when, why), never edited.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from waystation.store.schema.base import Base, BigId
from waystation.store.types import UtcDateTime

__all__ = ["ClearanceRow"]


class ClearanceRow(Base):
    __tablename__ = "clearances"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    watchlist_id: Mapped[int] = mapped_column(ForeignKey("watchlists.id"))
    entry_id: Mapped[str] = mapped_column(String(100))
    entry_sha256: Mapped[str | None] = mapped_column(String(64))
    document_key: Mapped[str | None] = mapped_column(String(100))
    document_country: Mapped[str | None] = mapped_column(String(8))
    name_key: Mapped[str] = mapped_column(String(300))
    birth_date: Mapped[str | None] = mapped_column(String(10))
    traveller_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("travellers.id"))
    hit_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("hits.id"))
    cleared_by: Mapped[str] = mapped_column(String(100))
    cleared_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reason: Mapped[str] = mapped_column(Text)
    revoked_by: Mapped[str | None] = mapped_column(String(100))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoke_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index(None, "watchlist_id", "entry_id"),
        Index(None, "document_key", "document_country"),
    )
