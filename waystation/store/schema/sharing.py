"""Partner agencies and what was shared with them.

``partners`` is the directory the sharing agreements describe (``sharing.Partner``): the
organisation id, its community (for TLP:GREEN), its declared clients (for TLP:AMBER), whether
the agreement covers personal data, and the service account through which the agency reads
what was shared with it. ``shares`` keeps every package exactly as it left — the redacted JSON
document and its SHA-256 digest — appended, never changed; a re-share names the share it passes on.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from waystation.store.schema.base import Base, BigId
from waystation.store.types import Json, UtcDateTime

__all__ = ["PartnerRow", "ShareRow"]


class PartnerRow(Base):
    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    community: Mapped[str | None] = mapped_column(String(100))
    clients: Mapped[list[Any]] = mapped_column(Json)
    personal_data: Mapped[bool] = mapped_column(Boolean)
    account: Mapped[str | None] = mapped_column(String(100), unique=True)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ShareRow(Base):
    __tablename__ = "shares"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    package_id: Mapped[str] = mapped_column(String(64), unique=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), index=True)
    sender: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(300))
    tlp: Mapped[str] = mapped_column(String(20))
    orcon: Mapped[bool] = mapped_column(Boolean)
    purpose: Mapped[str] = mapped_column(Text)
    document: Mapped[bytes] = mapped_column(LargeBinary)
    digest: Mapped[str] = mapped_column(String(80))
    reshared_from: Mapped[int | None] = mapped_column(BigId, ForeignKey("shares.id"))
    shared_by: Mapped[str] = mapped_column(String(100))
    shared_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
