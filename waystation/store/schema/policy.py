"""Carrier answer policies (``cases.CarrierPolicy``): every version a supervisor configured, kept.

The policy in force is the latest row; earlier ones stay so an auditor can tell which policy
produced an answer (each boarding answer's audit record names the policy version).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from waystation.store.schema.base import Base
from waystation.store.types import Json, UtcDateTime

__all__ = ["CarrierPolicyRow"]


class CarrierPolicyRow(Base):
    __tablename__ = "carrier_policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(100), unique=True)
    configured_by: Mapped[str] = mapped_column(String(100))
    configured_at: Mapped[datetime] = mapped_column(UtcDateTime)
    on_open_alert: Mapped[str] = mapped_column(String(4))
    on_inconclusive: Mapped[str] = mapped_column(String(4))
    on_true_match: Mapped[str] = mapped_column(String(8))
    auto_deny: Mapped[list[Any]] = mapped_column(Json)
