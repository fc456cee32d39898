"""Plain JSON records for what the CLI prints about messages and lists (its machine contract)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from waystation.ingest.message import ParsedMessage
from waystation.model import Leg, ListEntry, Traveller

__all__ = ["entry_record", "leg_record", "traveller_records"]


def _when(value: date | None) -> str | None:
    return value.isoformat() if value else None


def leg_record(leg: Leg) -> dict[str, Any]:
    return {
        "flight": leg.designator or None,
        "carrier": leg.carrier,
        "origin": leg.origin,
        "destination": leg.destination,
        "departure": _when(leg.departure),
        "arrival": _when(leg.arrival),
    }


def _traveller(
    traveller: Traveller, legs: tuple[Leg, ...], message_ref: str, parsed: ParsedMessage
) -> dict[str, Any]:
    return {
        "source": parsed.source,
        "format": parsed.message_format,
        "message_ref": message_ref,
        "ref": traveller.ref,
        "role": traveller.role.value,
        "surname": traveller.name.family,
        "given_names": traveller.name.given,
        "name": traveller.name.full,
        "date_of_birth": traveller.birth_date.iso() if traveller.birth_date else None,
        "sex": traveller.sex.value if traveller.sex else None,
        "nationalities": list(traveller.nationalities),
        "documents": [
            {
                "type": d.doc_type,
                "number": d.number,
                "country": d.issuing_country,
                "expiry": d.expiry.iso() if d.expiry else None,
            }
            for d in traveller.documents
        ],
        "legs": [leg_record(leg) for leg in legs],
        "references": dict(traveller.references),
    }


def traveller_records(parsed: ParsedMessage) -> Iterator[dict[str, Any]]:
    """One record per traveller appearance: manifests with their legs, else bookings' itineraries."""
    for manifest in parsed.manifests:
        for traveller in manifest.travellers:
            yield _traveller(traveller, manifest.legs, manifest.message_ref, parsed)
    if not parsed.manifests:
        for push in parsed.pnr_pushes:
            for booking in push.bookings:
                for traveller in booking.travellers:
                    record = _traveller(traveller, booking.itinerary, push.message_ref, parsed)
                    record["booking"] = booking.record_locator
                    yield record


def entry_record(entry: ListEntry) -> dict[str, Any]:
    return {
        "entry_id": entry.entry_id,
        "kind": entry.kind.value,
        "name": entry.caption,
        "aliases": [n.full for n in entry.names[1:]],
        "birth_dates": [str(b) for b in entry.birth_dates],
        "nationalities": list(entry.nationalities),
        "documents": [{"kind": d.kind, "number": d.number, "country": d.country} for d in entry.documents],
        "programmes": list(entry.programmes),
        "listed_on": _when(entry.listed_on),
    }
