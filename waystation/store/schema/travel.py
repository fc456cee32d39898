"""Flights, manifests and travellers, with their documents, contacts and addresses.

Flights are shared: every message about the same flight (carrier, number, local departure date,
origin, destination) points at one ``flights`` row, found by its ``flight_key``. Travellers are
not merged: each message's traveller is its own row with its provenance (message id, segment),
because deciding that two records are one person is an analyst's or a later stage's job.
Normalized keys (document number, contact, address) are indexed for the network stage.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from waystation.store.schema.base import Base, BigId
from waystation.store.types import Json, UtcDateTime, WallClock

__all__ = [
    "AddressRow",
    "ContactRow",
    "FlightRow",
    "ManifestLegRow",
    "ManifestRow",
    "TravelDocumentRow",
    "TravellerRow",
]


class FlightRow(Base):
    __tablename__ = "flights"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    flight_key: Mapped[str] = mapped_column(String(300), unique=True)
    carrier: Mapped[str | None] = mapped_column(String(64))
    flight_number: Mapped[str | None] = mapped_column(String(64))
    designator: Mapped[str] = mapped_column(String(128))
    origin: Mapped[str | None] = mapped_column(String(64))
    destination: Mapped[str | None] = mapped_column(String(64))
    departure_date: Mapped[date | None] = mapped_column(Date)
    scheduled_departure: Mapped[datetime | None] = mapped_column(WallClock)
    arrival_date: Mapped[date | None] = mapped_column(Date)
    scheduled_arrival: Mapped[datetime | None] = mapped_column(WallClock)
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (
        Index(None, "departure_date", "origin"),
        Index(None, "departure_date", "destination"),
        Index(None, "carrier", "flight_number", "departure_date"),
    )


class ManifestRow(Base):
    __tablename__ = "manifests"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    raw_message_id: Mapped[int] = mapped_column(BigId, ForeignKey("raw_messages.id"), index=True)
    position: Mapped[int]
    flight_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("flights.id"), index=True)
    message_ref: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16))
    message_format: Mapped[str] = mapped_column(String(40))
    interchange_ref: Mapped[str | None] = mapped_column(String(100))
    sender: Mapped[str | None] = mapped_column(String(100))
    recipient: Mapped[str | None] = mapped_column(String(100))
    prepared_at: Mapped[datetime | None] = mapped_column(WallClock)
    document_code: Mapped[str | None] = mapped_column(String(64))
    function_code: Mapped[str | None] = mapped_column(String(64))
    transaction_ref: Mapped[str | None] = mapped_column(String(100))
    common_access_ref: Mapped[str | None] = mapped_column(String(100))
    part: Mapped[int | None]
    final: Mapped[bool | None] = mapped_column(Boolean)
    reporting_party: Mapped[str | None] = mapped_column(String(300))
    declared_count: Mapped[int | None]
    traveller_count: Mapped[int]
    provenance: Mapped[list[Any] | dict[str, Any] | None] = mapped_column(Json)  # store/provenance.py


class ManifestLegRow(Base):
    __tablename__ = "manifest_legs"

    manifest_id: Mapped[int] = mapped_column(BigId, ForeignKey("manifests.id"), primary_key=True)
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    flight_id: Mapped[int] = mapped_column(BigId, ForeignKey("flights.id"), index=True)
    booking_class: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str | None] = mapped_column(String(32))


class TravellerRow(Base):
    __tablename__ = "travellers"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    raw_message_id: Mapped[int] = mapped_column(BigId, ForeignKey("raw_messages.id"), index=True)
    manifest_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("manifests.id"), index=True)
    flight_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("flights.id"), index=True)
    position: Mapped[int]
    ref: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(24))
    family_name: Mapped[str | None] = mapped_column(String(300))
    given_names: Mapped[str | None] = mapped_column(String(300))
    full_name: Mapped[str] = mapped_column(String(600))
    name: Mapped[dict[str, Any]] = mapped_column(Json)
    birth_date: Mapped[str | None] = mapped_column(String(16))
    birth_year: Mapped[int | None] = mapped_column(index=True)
    sex: Mapped[str | None] = mapped_column(String(1))
    nationalities: Mapped[list[str]] = mapped_column(Json)
    residence_country: Mapped[str | None] = mapped_column(String(64))
    birth_place: Mapped[str | None] = mapped_column(String(300))
    embarkation: Mapped[str | None] = mapped_column(String(64))
    debarkation: Mapped[str | None] = mapped_column(String(64))
    verified: Mapped[bool | None] = mapped_column(Boolean)
    booking_ref: Mapped[str | None] = mapped_column(String(64), index=True)
    references: Mapped[dict[str, str]] = mapped_column(Json)
    segment: Mapped[int | None]
    line: Mapped[int | None]
    provenance: Mapped[dict[str, Any] | None] = mapped_column(Json)
    # The traveller key (services/identity.py), kept when retention masks the row: the name and
    # birth day it is computed from are gone then. NULL while the row is in clear.
    traveller_key: Mapped[str | None] = mapped_column(String(64))


class TravelDocumentRow(Base):
    __tablename__ = "traveller_documents"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    traveller_id: Mapped[int] = mapped_column(BigId, ForeignKey("travellers.id"), index=True)
    position: Mapped[int] = mapped_column(SmallInteger)
    doc_type: Mapped[str | None] = mapped_column(String(32))
    number: Mapped[str | None] = mapped_column(String(100))
    number_key: Mapped[str | None] = mapped_column(String(100))
    issuing_country: Mapped[str | None] = mapped_column(String(64))
    expiry: Mapped[str | None] = mapped_column(String(16))
    issued: Mapped[str | None] = mapped_column(String(16))
    provenance: Mapped[list[Any] | dict[str, Any] | None] = mapped_column(Json)  # store/provenance.py

    __table_args__ = (Index(None, "number_key", "issuing_country"),)


_ONE_OWNER = "(traveller_id IS NULL) <> (booking_id IS NULL)"


class ContactRow(Base):
    """A phone or e-mail of a traveller or of a booking (exactly one owner)."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    traveller_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("travellers.id"), index=True)
    booking_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("bookings.id"), index=True)
    position: Mapped[int] = mapped_column(SmallInteger)
    kind: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(500))
    value_key: Mapped[str] = mapped_column(String(500), index=True)
    provenance: Mapped[list[Any] | dict[str, Any] | None] = mapped_column(Json)  # store/provenance.py

    __table_args__ = (CheckConstraint(_ONE_OWNER, name="one_owner"),)


class AddressRow(Base):
    """A postal address of a traveller or of a booking (exactly one owner)."""

    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    traveller_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("travellers.id"), index=True)
    booking_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("bookings.id"), index=True)
    position: Mapped[int] = mapped_column(SmallInteger)
    street: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(40))
    country: Mapped[str | None] = mapped_column(String(64))
    address_key: Mapped[str] = mapped_column(String(600), index=True)
    provenance: Mapped[list[Any] | dict[str, Any] | None] = mapped_column(Json)  # store/provenance.py

    __table_args__ = (CheckConstraint(_ONE_OWNER, name="one_owner"),)
