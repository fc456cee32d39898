"""Bookings (PNRs) as PNRGOV pushes them: who booked together, how they paid, how to reach them.

A booking is where the network is: shared record locators, contacts, payment cards and agencies
join travellers who never appear on the same manifest. Card numbers are never kept in the model:
only a keyed hash (computed at ingest with a secret the core is given) and the card vendor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from waystation.model.provenance import Provenance
from waystation.model.travel import Address, Contact, Leg, Traveller

__all__ = ["Agency", "Booking", "Payment", "PnrPush"]


@dataclass(frozen=True, slots=True)
class Payment:
    """A form of payment: ``method`` is the PNRGOV FOP code (CC card, CA cash, MS misc…)."""

    method: str
    card_vendor: str | None = None
    card_hash: str | None = None
    card_last4: str | None = None
    amount: str | None = None
    currency: str | None = None
    payer: str | None = None
    provenance: Provenance | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Agency:
    """Who made the booking: an airline office or a travel agent (PNRGOV ORG)."""

    code: str | None
    location: str | None = None
    iata_number: str | None = None
    country: str | None = None
    provenance: Provenance | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Booking:
    """One PNR: its locator, travellers, itinerary, contacts, payments and agency."""

    record_locator: str
    travellers: tuple[Traveller, ...]
    itinerary: tuple[Leg, ...] = ()
    system: str | None = None
    other_locators: tuple[str, ...] = ()
    created_at: datetime | None = None
    modified_at: datetime | None = None
    ticketed_at: datetime | None = None
    contacts: tuple[Contact, ...] = ()
    addresses: tuple[Address, ...] = ()
    payments: tuple[Payment, ...] = ()
    agency: Agency | None = None
    remarks: tuple[str, ...] = ()
    provenance: Provenance | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class PnrPush:
    """One PNRGOV message: the flight it was pushed for and the bookings on it."""

    message_ref: str
    message_format: str
    bookings: tuple[Booking, ...]
    flight: Leg | None = None
    sender: str | None = None
    recipient: str | None = None
    interchange_ref: str | None = None
    prepared_at: datetime | None = None
    declared_count: int | None = None
    provenance: Provenance | None = field(default=None, compare=False)
