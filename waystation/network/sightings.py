"""Sightings: one traveller as one message described them — the unit the network stage works on.

The same person appears many times: in the PAXLST of each flight they take, and in every PNRGOV
push of their booking (carriers push a booking again at 72 h, 24 h, 2 h before departure…). A
sighting keeps one such appearance with what is needed to resolve the person and to link them:
the traveller as written, the legs they were on, and the booking the message put them in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from waystation.model import Booking, Leg, Manifest, PnrPush, Traveller

__all__ = ["Sighting", "SourceKind", "collect_sightings", "sightings_from_manifest", "sightings_from_push"]


class SourceKind(StrEnum):
    """Which kind of message a sighting came from."""

    API = "api"
    PNR = "pnr"


@dataclass(frozen=True, slots=True)
class Sighting:
    """One traveller in one message, with the legs the message puts them on.

    ``sighting_id`` is unique and stable: ``message|traveller ref`` for API,
    ``message|record locator|traveller ref`` for PNR, where ``message`` is :func:`message_key`.
    ``booking`` is the whole PNR for a PNR sighting (its contacts, payments and addresses belong
    to every traveller in it).
    """

    sighting_id: str
    source: SourceKind
    message_ref: str
    traveller: Traveller
    legs: tuple[Leg, ...]
    booking: Booking | None = None

    @property
    def listing(self) -> str:
        """The list this sighting is one entry of — the manifest, or the booking within a PNR push.

        A list names each person once, so two sightings of one listing are two people (one push
        may hold the same person in two bookings: a split ticket, a duplicate booking).
        """
        return (
            self.message_ref if self.booking is None else f"{self.message_ref}|{self.booking.record_locator}"
        )

    @property
    def booking_locator(self) -> str | None:
        """The booking's record locator, from the PNR or from the API's ``RFF+AVF`` reference."""
        locator = self.booking.record_locator if self.booking else self.traveller.booking_ref
        locator = locator.strip().upper() if locator else None
        return locator or None


def _travelled_legs(legs: tuple[Leg, ...], traveller: Traveller) -> tuple[Leg, ...]:
    """The legs between the traveller's embarkation and debarkation, when the manifest says them."""
    start, end = 0, len(legs)
    if traveller.embarkation:
        found = [i for i, leg in enumerate(legs) if leg.origin == traveller.embarkation]
        start = found[0] if found else 0
    if traveller.debarkation:
        found = [i + 1 for i, leg in enumerate(legs) if leg.destination == traveller.debarkation]
        end = found[-1] if found and found[-1] > start else end
    return legs[start:end]


def message_key(message: Manifest | PnrPush) -> str:
    """A message's identity across senders: a UNH reference (often just ``1``) is unique only
    within its interchange, so it is qualified by the sender and the interchange reference."""
    if message.interchange_ref:
        return f"{message.sender or ''}/{message.interchange_ref}/{message.message_ref}"
    return message.message_ref


def sightings_from_manifest(manifest: Manifest) -> tuple[Sighting, ...]:
    """One API sighting per traveller (crew included: they are people, linking rules treat them apart)."""
    key = message_key(manifest)
    return tuple(
        Sighting(
            sighting_id=f"{key}|{traveller.ref}",
            source=SourceKind.API,
            message_ref=key,
            traveller=traveller,
            legs=_travelled_legs(manifest.legs, traveller),
        )
        for traveller in manifest.travellers
    )


def sightings_from_push(push: PnrPush) -> tuple[Sighting, ...]:
    """One PNR sighting per traveller per booking; a booking without itinerary takes the pushed flight."""
    found: list[Sighting] = []
    key = message_key(push)
    for booking in push.bookings:
        legs = booking.itinerary or ((push.flight,) if push.flight else ())
        for traveller in booking.travellers:
            found.append(
                Sighting(
                    sighting_id=f"{key}|{booking.record_locator}|{traveller.ref}",
                    source=SourceKind.PNR,
                    message_ref=key,
                    traveller=traveller,
                    legs=legs,
                    booking=booking,
                )
            )
    return tuple(found)


def collect_sightings(messages: Iterable[Manifest | PnrPush]) -> list[Sighting]:
    """Every sighting in the messages, each id once (a message given twice counts once), sorted by id.

    Sorting makes everything downstream independent of the order messages arrived in.
    """
    unique: dict[str, Sighting] = {}
    for message in messages:
        batch = (
            sightings_from_manifest(message)
            if isinstance(message, Manifest)
            else sightings_from_push(message)
        )
        for sighting in batch:
            unique.setdefault(sighting.sighting_id, sighting)
    return [unique[key] for key in sorted(unique)]
