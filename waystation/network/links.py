"""What a link between two persons is, and the values in a sighting that can make one.

A link is typed (:class:`LinkKind`), carries the value it rests on only in masked form, and keeps
its evidence: for each side, the sightings (and, when the reader recorded it, the segment) where
that side showed the value. Links are made by grouping sightings on exact keys (see
``network.build``); this module says which keys a sighting has and where each one was read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from waystation.exc import Locator
from waystation.model import Provenance
from waystation.network.masking import mask_address, mask_card, mask_document, mask_email, mask_phone
from waystation.network.normalize import address_key, document_key, email_key, phone_key
from waystation.network.sightings import Sighting

__all__ = ["Evidence", "Link", "LinkKind", "sighting_keys", "where_seen"]


class LinkKind(StrEnum):
    """Why two persons are linked."""

    BOOKING = "booking"  # in the same booking record (PNR locator, or the API's RFF+AVF)
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    CARD = "card"  # paid with the same card (its keyed hash)
    DOCUMENT = "document"  # the same travel document, carried by two different persons
    CO_TRAVEL = "co_travel"  # on the same leg in the same booking
    REPEATED_CO_TRAVEL = "repeated_co_travel"  # on the same flights on several days, any booking


# How each kind reads in a sentence: "{a} and {b} {phrase} {shown}".
_PHRASES = {
    LinkKind.BOOKING: "are in booking",
    LinkKind.PHONE: "gave the same phone",
    LinkKind.EMAIL: "gave the same e-mail",
    LinkKind.ADDRESS: "gave the same address",
    LinkKind.CARD: "paid with the same card",
    LinkKind.DOCUMENT: "carried the same document",
    LinkKind.CO_TRAVEL: "flew together on",
    LinkKind.REPEATED_CO_TRAVEL: "were on the same flights",
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One place where one side of a link showed the value."""

    sighting_id: str
    locator: Locator | None = None

    def __str__(self) -> str:
        return f"{self.sighting_id} ({self.locator})" if self.locator else self.sighting_id


@dataclass(frozen=True, slots=True)
class Link:
    """A typed, explained reason why two persons (or a person and a hub) are connected.

    ``shown`` is the value masked for display; ``tag`` a keyed digest of the full key, so that two
    links on the same value can be recognised without revealing it; ``occasions`` counts the days
    for repeated co-travel and is 1 otherwise.
    """

    kind: LinkKind
    shown: str
    tag: str
    evidence: tuple[Evidence, ...] = ()
    occasions: int = 1

    def sentence(self, a: str, b: str) -> str:
        text = f"{a} and {b} {_PHRASES[self.kind]} {self.shown}"
        return f"{text} ({self.occasions} days)" if self.kind is LinkKind.REPEATED_CO_TRAVEL else text


def _at(provenance: Provenance | None) -> Locator | None:
    return provenance.locator if provenance else None


def _contacts(sighting: Sighting, masked: bool) -> Iterator[tuple[LinkKind, str, str, Locator | None]]:
    booking = sighting.booking
    for contact in (*sighting.traveller.contacts, *(booking.contacts if booking else ())):
        if contact.kind.value in ("phone", "fax"):
            key = phone_key(contact.value)
            if key:
                yield (
                    LinkKind.PHONE,
                    key,
                    mask_phone(contact.value) if masked else "",
                    _at(contact.provenance),
                )
        elif contact.kind.value == "email":
            key = email_key(contact.value)
            if key:
                yield LinkKind.EMAIL, key, mask_email(key) if masked else "", _at(contact.provenance)


def _details(sighting: Sighting, masked: bool) -> Iterator[tuple[LinkKind, str, str, Locator | None]]:
    """Every (kind, key, masked value or "", where) of a sighting, except co-travel."""
    traveller, booking = sighting.traveller, sighting.booking
    if sighting.booking_locator:
        where = _at(booking.provenance) if booking else _at(traveller.fields.get("booking_ref"))
        yield LinkKind.BOOKING, sighting.booking_locator, sighting.booking_locator, where
    yield from _contacts(sighting, masked)
    for address in (traveller.address, *(booking.addresses if booking else ())):
        place = address_key(address) if address else None
        if address and place:
            yield LinkKind.ADDRESS, place, mask_address(address) if masked else "", _at(address.provenance)
    for payment in booking.payments if booking else ():
        if payment.card_hash:
            shown = mask_card(payment.card_vendor, payment.card_last4) if masked else ""
            yield LinkKind.CARD, payment.card_hash, shown, _at(payment.provenance)
    for document in traveller.documents:
        number = document_key(document)
        if number:
            yield LinkKind.DOCUMENT, number, mask_document(number) if masked else "", _at(document.provenance)


def sighting_keys(sighting: Sighting) -> Iterator[tuple[LinkKind, str]]:
    """The linking keys of a sighting (the hash-join side: no masking, no provenance)."""
    for kind, key, _, _ in _details(sighting, masked=False):
        yield kind, key


def where_seen(sighting: Sighting, kind: LinkKind, key: str) -> tuple[str, Locator | None] | None:
    """The masked value and the place of ``key`` in ``sighting`` (used only for linked keys)."""
    for found_kind, found_key, shown, where in _details(sighting, masked=True):
        if found_kind is kind and found_key == key:
            return shown, where
    return None
