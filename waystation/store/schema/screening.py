"""Screening runs and the hits they produced, with everything needed to explain them later.

A run records which list versions, which algorithm (stable NAME and version) and which thresholds
were used; each hit repeats the algorithm name and version so a hit can be understood even if
runs are later summarised away. Hit columns are generic on purpose: the matching engine's
features (and aligned name parts) are stored as JSON, its explanation sentences as text, one per
line; ``cleared`` names the clearance that kept a hit from alerting.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from waystation.store.schema.base import Base, BigId
from waystation.store.types import Json, UtcDateTime

__all__ = ["HitRow", "RunListRow", "ScreeningRunRow"]


class ScreeningRunRow(Base):
    __tablename__ = "screening_runs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    algorithm: Mapped[str] = mapped_column(String(60))
    algorithm_version: Mapped[str] = mapped_column(String(30))
    thresholds: Mapped[dict[str, float]] = mapped_column(Json)
    raw_message_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("raw_messages.id"), index=True)
    flight_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("flights.id"), index=True)
    subject: Mapped[str | None] = mapped_column(String(300))
    traveller_count: Mapped[int]
    hit_count: Mapped[int]
    alert_count: Mapped[int]


class RunListRow(Base):
    __tablename__ = "screening_run_lists"

    run_id: Mapped[int] = mapped_column(BigId, ForeignKey("screening_runs.id"), primary_key=True)
    list_version_id: Mapped[int] = mapped_column(ForeignKey("list_versions.id"), primary_key=True)


class HitRow(Base):
    __tablename__ = "hits"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    run_id: Mapped[int] = mapped_column(BigId, ForeignKey("screening_runs.id"))
    traveller_id: Mapped[int] = mapped_column(BigId, ForeignKey("travellers.id"), index=True)
    list_version_id: Mapped[int] = mapped_column(ForeignKey("list_versions.id"))
    entry_id: Mapped[str] = mapped_column(String(100))
    score: Mapped[float] = mapped_column(Float)
    alert: Mapped[bool] = mapped_column(Boolean)
    algorithm: Mapped[str] = mapped_column(String(60))
    algorithm_version: Mapped[str] = mapped_column(String(30))
    explanation: Mapped[str] = mapped_column(Text)
    features: Mapped[Any] = mapped_column(Json)
    cleared: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (
        Index(None, "run_id", "alert"),
        Index(None, "list_version_id", "entry_id"),
        Index(None, "entry_id"),
    )
