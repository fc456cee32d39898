"""Small builders for the model objects the network tests feed in (real model classes, no mocks)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from waystation.model import (
    Address,
    Booking,
    Contact,
    ContactKind,
    Leg,
    Manifest,
    ManifestKind,
    Name,
    PartialDate,
    Payment,
    PnrPush,
    Provenance,
    Sex,
    TravelDocument,
    Traveller,
    TravellerRole,
)

__all__ = ["booking", "leg", "manifest", "push", "traveller"]


def _when(text: str | None) -> datetime | date | None:
    if text is None:
        return None
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)


def leg(
    flight: str,
    origin: str,
    destination: str,
    departs: str | None,
    arrives: str | None = None,
    status: str | None = None,
) -> Leg:
    """``leg("TK2228", "IST", "GZT", "2026-03-14T14:05", "2026-03-14T15:40")``; a bare date: day only."""
    return Leg(flight[:2], flight, origin, destination, _when(departs), _when(arrives), status=status)


def traveller(
    ref: str,
    surname: str,
    given: str | None = None,
    *,
    dob: str | None = None,
    sex: str | None = None,
    passport: str | None = None,
    issuer: str | None = None,
    nationality: str | None = None,
    phones: Iterable[str] = (),
    emails: Iterable[str] = (),
    address: Address | None = None,
    booking_ref: str | None = None,
    role: TravellerRole = TravellerRole.PASSENGER,
) -> Traveller:
    contacts = tuple(Contact(ContactKind.PHONE, p) for p in phones) + tuple(
        Contact(ContactKind.EMAIL, e) for e in emails
    )
    return Traveller(
        ref=ref,
        name=Name.from_parts(surname, given.split() if given else None),
        role=role,
        birth_date=PartialDate.parse(dob),
        sex=Sex(sex) if sex else None,
        nationalities=(nationality,) if nationality else (),
        documents=(TravelDocument("P", passport, issuer),) if passport else (),
        address=address,
        contacts=contacts,
        references={"AVF": booking_ref} if booking_ref else {},
    )


def manifest(message_ref: str, legs: Iterable[Leg], travellers: Iterable[Traveller]) -> Manifest:
    return Manifest(message_ref, ManifestKind.PASSENGERS, tuple(legs), tuple(travellers), "paxlst")


def booking(
    locator: str,
    travellers: Iterable[Traveller],
    itinerary: Iterable[Leg] = (),
    *,
    phones: Iterable[str] = (),
    emails: Iterable[str] = (),
    cards: Iterable[tuple[str, str, str]] = (),
    addresses: Iterable[Address] = (),
    source: str | None = None,
) -> Booking:
    """``cards`` are ``(keyed hash, vendor, last four)``; ``source`` names the message for provenance."""
    contacts = tuple(
        Contact(ContactKind.PHONE, p, Provenance.at(source, 12, "IFT") if source else None) for p in phones
    ) + tuple(
        Contact(ContactKind.EMAIL, e, Provenance.at(source, 13, "IFT") if source else None) for e in emails
    )
    payments = tuple(
        Payment("CC", vendor, digest, last4, provenance=Provenance.at(source, 20, "FOP") if source else None)
        for digest, vendor, last4 in cards
    )
    return Booking(
        record_locator=locator,
        travellers=tuple(travellers),
        itinerary=tuple(itinerary),
        contacts=contacts,
        addresses=tuple(addresses),
        payments=payments,
        provenance=Provenance.at(source, 3, "SRC") if source else None,
    )


def push(message_ref: str, bookings: Iterable[Booking], flight: Leg | None = None) -> PnrPush:
    return PnrPush(message_ref, "pnrgov", tuple(bookings), flight)
