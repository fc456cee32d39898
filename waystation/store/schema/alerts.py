"""Alerts (``cases.Alert``) and the review entries appended to them.

An alert row is the machine's claim and is never edited, except for four columns that cache the
fold of its history (``status``, ``disposition``, ``assignee``, ``steps``) so the queue can be
filtered without replaying every alert. ``steps`` is also the optimistic lock: a review entry is
stored only if the alert still has the number of steps the reviewer's state was folded from, so
two reviewers racing on one alert are serialised and the second is refused. Review entries
(claims, releases, escalations, reopens and decisions) are appended, numbered per alert, never
updated.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from waystation.store.schema.base import Base, BigId
from waystation.store.types import UtcDateTime

__all__ = ["AlertRow", "ReviewEntryRow"]


class AlertRow(Base):
    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    traveller_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("travellers.id"), index=True)
    traveller_key: Mapped[str] = mapped_column(String(64), index=True)
    traveller_ref: Mapped[str] = mapped_column(String(100))
    raw_message_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("raw_messages.id"), index=True)
    flight_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("flights.id"), index=True)
    flight: Mapped[str] = mapped_column(String(128))
    flight_date: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(100))
    source_version: Mapped[str | None] = mapped_column(String(100))
    subject: Mapped[str] = mapped_column(String(300))
    score: Mapped[float] = mapped_column(Float)
    algorithm: Mapped[str] = mapped_column(String(60))
    algorithm_version: Mapped[str] = mapped_column(String(30))
    explanation: Mapped[str] = mapped_column(Text)
    hit_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("hits.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    disposition: Mapped[str | None] = mapped_column(String(20))
    assignee: Mapped[str | None] = mapped_column(String(100))
    steps: Mapped[int]

    __table_args__ = (Index(None, "flight_id", "traveller_key"), Index(None, "kind", "source"))


class ReviewEntryRow(Base):
    __tablename__ = "alert_reviews"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    alert_id: Mapped[int] = mapped_column(BigId, ForeignKey("alerts.id"))
    step: Mapped[int]
    action: Mapped[str] = mapped_column(String(16))
    disposition: Mapped[str | None] = mapped_column(String(20))
    override: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("alert_id", "step"),)
