"""Reading bookings (PNR snapshots) back, and finding them by locator or by traveller.

This is what the network stage queries: which bookings a traveller is in, every snapshot of a
record locator, and the booking as a :class:`~waystation.model.Booking` with its travellers,
itinerary, contacts, addresses, payments and agency.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from waystation.model import Agency, Booking, Leg, Payment
from waystation.store.bulk import chunks
from waystation.store.provenance import restore_provenance
from waystation.store.schema import (
    AddressRow,
    BookingLegRow,
    BookingRow,
    BookingTravellerRow,
    ContactRow,
    FlightRow,
    PaymentRow,
    RawMessageRow,
)
from waystation.store.travellers import (
    StoredTraveller,
    address_from_row,
    contact_from_row,
    load_travellers,
)

__all__ = ["StoredBooking", "bookings_by_locator", "bookings_of_traveller", "load_bookings"]


@dataclass(frozen=True, slots=True)
class StoredBooking:
    """A stored PNR snapshot: the store's ids around the model object."""

    id: int
    message_id: int
    pnr_push_id: int
    traveller_ids: tuple[int, ...]
    flight_ids: tuple[int, ...]
    booking: Booking


def bookings_by_locator(session: Session, record_locator: str, system: str | None = None) -> list[int]:
    """Every stored snapshot of a PNR, oldest first."""
    statement = select(BookingRow.id).where(BookingRow.record_locator == record_locator)
    if system is not None:
        statement = statement.where(BookingRow.system == system)
    return list(session.execute(statement.order_by(BookingRow.id)).scalars())


def bookings_of_traveller(session: Session, traveller_id: int) -> list[int]:
    """The bookings a stored traveller is in."""
    statement = (
        select(BookingTravellerRow.booking_id)
        .where(BookingTravellerRow.traveller_id == traveller_id)
        .order_by(BookingTravellerRow.booking_id)
    )
    return list(session.execute(statement).scalars())


def load_bookings(session: Session, ids: Sequence[int]) -> list[StoredBooking]:
    """The bookings with these ids, in the order given (unknown ids are left out)."""
    rows: dict[int, tuple[BookingRow, str]] = {}
    members: dict[int, list[tuple[int, int]]] = defaultdict(list)
    legs: dict[int, list[tuple[BookingLegRow, FlightRow]]] = defaultdict(list)
    contacts: dict[int, list[ContactRow]] = defaultdict(list)
    addresses: dict[int, list[AddressRow]] = defaultdict(list)
    payments: dict[int, list[PaymentRow]] = defaultdict(list)
    for part in chunks(list(dict.fromkeys(ids))):
        found = session.execute(
            select(BookingRow, RawMessageRow.source)
            .join(RawMessageRow, RawMessageRow.id == BookingRow.raw_message_id)
            .where(BookingRow.id.in_(part))
        )
        rows.update((row.id, (row, source)) for row, source in found)
        links = select(BookingTravellerRow).where(BookingTravellerRow.booking_id.in_(part))
        for link in session.execute(links).scalars():
            members[link.booking_id].append((link.position, link.traveller_id))
        booked = (
            select(BookingLegRow, FlightRow)
            .join(FlightRow, FlightRow.id == BookingLegRow.flight_id)
            .where(BookingLegRow.booking_id.in_(part))
        )
        for leg, flight in session.execute(booked):
            legs[leg.booking_id].append((leg, flight))
        for contact in session.execute(select(ContactRow).where(ContactRow.booking_id.in_(part))).scalars():
            contacts[contact.booking_id or 0].append(contact)
        for address in session.execute(select(AddressRow).where(AddressRow.booking_id.in_(part))).scalars():
            addresses[address.booking_id or 0].append(address)
        for payment in session.execute(select(PaymentRow).where(PaymentRow.booking_id.in_(part))).scalars():
            payments[payment.booking_id].append(payment)
    traveller_ids = [t for i in rows for _, t in sorted(members[i])]
    travellers: dict[int, StoredTraveller] = {t.id: t for t in load_travellers(session, traveller_ids)}
    result: list[StoredBooking] = []
    for ident in ids:
        if ident not in rows:
            continue
        row, source = rows[ident]
        member_ids = tuple(t for _, t in sorted(members[ident]))
        itinerary = sorted(legs[ident], key=lambda pair: pair[0].position)
        provenance = row.provenance or {}
        agency = None
        if any((row.agency_code, row.agency_location, row.agency_iata, row.agency_country)):
            agency = Agency(
                row.agency_code,
                row.agency_location,
                row.agency_iata,
                row.agency_country,
                restore_provenance(provenance.get("agency"), source),
            )
        booking = Booking(
            record_locator=row.record_locator,
            travellers=tuple(travellers[t].traveller for t in member_ids),
            itinerary=tuple(_leg(leg, flight) for leg, flight in itinerary),
            system=row.system,
            other_locators=tuple(row.other_locators),
            created_at=row.booked_at,
            modified_at=row.modified_at,
            ticketed_at=row.ticketed_at,
            contacts=tuple(contact_from_row(c, source) for c in sorted(contacts[ident], key=_position)),
            addresses=tuple(address_from_row(a, source) for a in sorted(addresses[ident], key=_position)),
            payments=tuple(_payment(p, source) for p in sorted(payments[ident], key=_position)),
            agency=agency,
            remarks=tuple(row.remarks),
            provenance=restore_provenance(provenance.get("at"), source),
        )
        flight_ids = tuple(leg.flight_id for leg, _ in itinerary)
        result.append(
            StoredBooking(row.id, row.raw_message_id, row.pnr_push_id, member_ids, flight_ids, booking)
        )
    return result


def _position(row: ContactRow | AddressRow | PaymentRow) -> int:
    return row.position


def _leg(leg: BookingLegRow, flight: FlightRow) -> Leg:
    departure: datetime | date | None = flight.scheduled_departure or flight.departure_date
    arrival: datetime | date | None = flight.scheduled_arrival or flight.arrival_date
    return Leg(
        flight.carrier,
        flight.flight_number,
        flight.origin,
        flight.destination,
        departure,
        arrival,
        leg.booking_class,
        leg.status,
    )


def _payment(row: PaymentRow, source: str) -> Payment:
    return Payment(
        method=row.method,
        card_vendor=row.card_vendor,
        card_hash=row.card_hash,
        card_last4=row.card_last4,
        amount=row.amount,
        currency=row.currency,
        payer=row.payer,
        provenance=restore_provenance(row.provenance, source),
    )
