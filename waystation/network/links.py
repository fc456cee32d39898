"""What a link between two persons is, and the values in a sighting that can make one.

A link is typed (:class:`LinkKind`), carries the value it rests on only in masked form, and keeps
its evidence: for each side, the sightings (and, when the reader recorded it, the segment) where
that side showed the value. Links are made by grouping sightings on exact keys (see
``network.build``); this module says which keys a sighting has and where each one was read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

from waystation.exc import Locator
from waystation.model import Address, Contact, ContactKind, Payment, Provenance
from waystation.network.masking import mask_address, mask_card, mask_document, mask_email, mask_phone
from waystation.network.normalize import address_key, document_key, email_key, phone_key
from waystation.network.sightings import Sighting

__all__ = ["READERS", "Evidence", "Link", "LinkKind", "Reader", "seen_at", "shown_at", "sighting_keys"]


class LinkKind(StrEnum):
    """Why two persons are linked."""

    BOOKING = "booking"  # in the same booking record (PNR locator, or the API's RFF+AVF), no leg shared
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    CARD = "card"  # paid with the same card (its keyed hash)
    DOCUMENT = "document"  # the same travel document, carried by two different persons
    CO_TRAVEL = "co_travel"  # in the same booking and on the same leg(s): replaces BOOKING for the pair
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


@dataclass(frozen=True, slots=True, eq=False)
class Link:
    """A typed, explained reason why persons (or a person and a hub) are connected.

    ``shown`` is the value masked for display; ``tag`` a keyed digest of the full key, so that two
    links on the same value can be recognised without revealing it; ``evidence`` maps each person
    to where they showed the value. One link object serves every pair of a group (a family's
    booking, a shared phone), which keeps a 40-person booking from costing 780 objects.
    ``occasions`` counts the days for co-travel and is 1 otherwise.
    """

    kind: LinkKind
    shown: str
    tag: str
    evidence: Mapping[str, tuple[Evidence, ...]] = field(default_factory=dict)
    occasions: int = 1

    def evidence_of(self, *persons: str) -> tuple[Evidence, ...]:
        """Where these persons (the two ends of an edge, say) showed the value."""
        return tuple(e for p in persons for e in self.evidence.get(p, ()))

    def sentence(self, a: str, b: str) -> str:
        text = f"{a} and {b} {_PHRASES[self.kind]} {self.shown}"
        return f"{text} ({self.occasions} days)" if self.kind is LinkKind.REPEATED_CO_TRAVEL else text


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Reader(Generic[T]):
    """How one kind of linking value is read from a sighting: the raw values (cheap), each one's
    key, its masked form and where it was read. Masking and provenance are asked only for values
    that end up linking someone, by their position in ``values``."""

    values: Callable[[Sighting], Sequence[T]]
    key: Callable[[T], str | None]
    shown: Callable[[T, str], str]
    where: Callable[[Sighting, T], Locator | None]


def _at(provenance: Provenance | None) -> Locator | None:
    return provenance.locator if provenance else None


def _locators(sighting: Sighting) -> tuple[str, ...]:
    locator = sighting.booking_locator
    return (locator,) if locator else ()


def _booking_where(sighting: Sighting, _: str) -> Locator | None:
    if sighting.booking:
        return _at(sighting.booking.provenance)
    return _at(sighting.traveller.fields.get("booking_ref"))


def _contacts(sighting: Sighting, kinds: tuple[ContactKind, ...]) -> tuple[Contact, ...]:
    found = tuple(c for c in sighting.traveller.contacts if c.kind in kinds)
    if sighting.booking:
        found += tuple(c for c in sighting.booking.contacts if c.kind in kinds)
    return found


def _addresses(sighting: Sighting) -> tuple[Address, ...]:
    booking = sighting.booking
    found = (sighting.traveller.address,) if sighting.traveller.address else ()
    return found + booking.addresses if booking else found


def _cards(sighting: Sighting) -> tuple[Payment, ...]:
    return tuple(p for p in sighting.booking.payments if p.card_hash) if sighting.booking else ()


# The readers of each keyed kind: a new kind of link is a new entry here, not a new branch elsewhere.
# Co-travel is derived from booking groups and flights, not read from a single value.
READERS: dict[LinkKind, Reader[Any]] = {
    LinkKind.BOOKING: Reader(_locators, lambda v: v, lambda v, _: v, _booking_where),
    LinkKind.PHONE: Reader(
        lambda s: _contacts(s, (ContactKind.PHONE, ContactKind.FAX)),
        lambda c: phone_key(c.value),
        lambda c, _: mask_phone(c.value),
        lambda _, c: _at(c.provenance),
    ),
    LinkKind.EMAIL: Reader(
        lambda s: _contacts(s, (ContactKind.EMAIL,)),
        lambda c: email_key(c.value),
        lambda _, key: mask_email(key),
        lambda _, c: _at(c.provenance),
    ),
    LinkKind.ADDRESS: Reader(
        _addresses, address_key, lambda a, _: mask_address(a), lambda _, a: _at(a.provenance)
    ),
    LinkKind.CARD: Reader(
        _cards,
        lambda p: p.card_hash,
        lambda p, _: mask_card(p.card_vendor, p.card_last4),
        lambda _, p: _at(p.provenance),
    ),
    LinkKind.DOCUMENT: Reader(
        lambda s: s.traveller.documents,
        document_key,
        lambda _, key: mask_document(key),
        lambda _, d: _at(d.provenance),
    ),
}


def sighting_keys(sighting: Sighting) -> Iterator[tuple[LinkKind, int, str]]:
    """``(kind, position, key)`` of every linking value of a sighting (the hash-join side)."""
    for kind, reader in READERS.items():
        for position, value in enumerate(reader.values(sighting)):
            key = reader.key(value)
            if key:
                yield kind, position, key


def seen_at(sighting: Sighting, kind: LinkKind, position: int) -> Locator | None:
    """Where the value at ``position`` among the sighting's values of ``kind`` was read."""
    reader = READERS[kind]
    return reader.where(sighting, reader.values(sighting)[position])


def shown_at(sighting: Sighting, kind: LinkKind, position: int) -> str:
    """The masked form of the value at ``position`` among the sighting's values of ``kind``."""
    reader = READERS[kind]
    value = reader.values(sighting)[position]
    return reader.shown(value, reader.key(value) or "")
