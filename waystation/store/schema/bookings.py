"""PNR pushes and bookings: who booked together, on which flights, how they paid, who sold it.

Each push of a PNR is kept as its own snapshot (carriers push the same record locator at -72 h,
-24 h, at check-in…); ``record_locator`` is indexed so every snapshot of a PNR can be found.
Booking travellers are linked through ``booking_travellers`` because the same traveller row may
also sit on a manifest of the same message (a CSV manifest yields both). Payment cards are kept
only as the keyed hash the ingest computed, with vendor and last four digits.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from waystation.store.schema.base import Base, BigId
from waystation.store.types import Json, WallClock

__all__ = ["BookingLegRow", "BookingRow", "BookingTravellerRow", "PaymentRow", "PnrPushRow"]


class PnrPushRow(Base):
    __tablename__ = "pnr_pushes"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    raw_message_id: Mapped[int] = mapped_column(BigId, ForeignKey("raw_messages.id"), index=True)
    position: Mapped[int]
    flight_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("flights.id"), index=True)
    message_ref: Mapped[str] = mapped_column(String(300))
    message_format: Mapped[str] = mapped_column(String(40))
    sender: Mapped[str | None] = mapped_column(String(100))
    recipient: Mapped[str | None] = mapped_column(String(100))
    interchange_ref: Mapped[str | None] = mapped_column(String(100))
    prepared_at: Mapped[datetime | None] = mapped_column(WallClock)
    declared_count: Mapped[int | None]
    provenance: Mapped[list[Any] | dict[str, Any] | None] = mapped_column(Json)  # store/provenance.py


class BookingRow(Base):
    __tablename__ = "bookings"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    raw_message_id: Mapped[int] = mapped_column(BigId, ForeignKey("raw_messages.id"), index=True)
    pnr_push_id: Mapped[int] = mapped_column(BigId, ForeignKey("pnr_pushes.id"), index=True)
    position: Mapped[int]
    record_locator: Mapped[str] = mapped_column(String(64))
    system: Mapped[str | None] = mapped_column(String(64))
    other_locators: Mapped[list[str]] = mapped_column(Json)
    booked_at: Mapped[datetime | None] = mapped_column(WallClock)
    modified_at: Mapped[datetime | None] = mapped_column(WallClock)
    ticketed_at: Mapped[datetime | None] = mapped_column(WallClock)
    agency_code: Mapped[str | None] = mapped_column(String(100), index=True)
    agency_location: Mapped[str | None] = mapped_column(String(100))
    agency_iata: Mapped[str | None] = mapped_column(String(64), index=True)
    agency_country: Mapped[str | None] = mapped_column(String(64))
    remarks: Mapped[list[str]] = mapped_column(Json)
    segment: Mapped[int | None]
    line: Mapped[int | None]
    provenance: Mapped[dict[str, Any] | None] = mapped_column(Json)

    __table_args__ = (Index(None, "record_locator", "system"),)


class BookingLegRow(Base):
    __tablename__ = "booking_legs"

    booking_id: Mapped[int] = mapped_column(BigId, ForeignKey("bookings.id"), primary_key=True)
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    flight_id: Mapped[int] = mapped_column(BigId, ForeignKey("flights.id"), index=True)
    booking_class: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str | None] = mapped_column(String(32))


class BookingTravellerRow(Base):
    __tablename__ = "booking_travellers"

    booking_id: Mapped[int] = mapped_column(BigId, ForeignKey("bookings.id"), primary_key=True)
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    traveller_id: Mapped[int] = mapped_column(BigId, ForeignKey("travellers.id"), index=True)


class PaymentRow(Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    booking_id: Mapped[int] = mapped_column(BigId, ForeignKey("bookings.id"), index=True)
    position: Mapped[int] = mapped_column(SmallInteger)
    method: Mapped[str] = mapped_column(String(32))
    card_vendor: Mapped[str | None] = mapped_column(String(32))
    card_hash: Mapped[str | None] = mapped_column(String(128), index=True)
    card_last4: Mapped[str | None] = mapped_column(String(8))
    amount: Mapped[str | None] = mapped_column(String(40))
    currency: Mapped[str | None] = mapped_column(String(16))
    payer: Mapped[str | None] = mapped_column(String(300))
    provenance: Mapped[list[Any] | dict[str, Any] | None] = mapped_column(Json)  # store/provenance.py
