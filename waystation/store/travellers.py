"""Reading travellers and flights back as model objects, for screening, review and the network.

Loaders work in bulk (one query per table for any number of ids, chunked for very long lists)
and return :class:`~waystation.model.Traveller` objects equal to the ones stored, inside small
rows that add the store's ids. Provenance comes back with the message's source name restored,
from either of the shapes ``store/provenance.py`` describes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from waystation.exc import NotFound
from waystation.model import (
    Address,
    Contact,
    ContactKind,
    Leg,
    Sex,
    TravelDocument,
    Traveller,
    TravellerRole,
)
from waystation.store.bulk import chunks
from waystation.store.codec import name_from_json
from waystation.store.keys import parse_partial_date
from waystation.store.provenance import restore_provenance, restore_traveller_provenance
from waystation.store.schema import (
    AddressRow,
    ContactRow,
    FlightRow,
    RawMessageRow,
    TravelDocumentRow,
    TravellerRow,
)

__all__ = [
    "StoredFlight",
    "StoredTraveller",
    "address_from_row",
    "contact_from_row",
    "find_flights",
    "get_flight",
    "load_travellers",
    "restore_provenance",
    "traveller_counts",
    "traveller_flights",
    "travellers_of_message",
    "travellers_on_flight",
]


@dataclass(frozen=True, slots=True)
class StoredFlight:
    id: int
    flight_key: str
    leg: Leg


@dataclass(frozen=True, slots=True)
class StoredTraveller:
    """A stored traveller: the store's ids around the model object.

    ``traveller_key`` is the person's key kept when retention masked the row (None while the row
    is in clear); ``services.identity.stored_traveller_key`` is the one way to read a row's key.
    """

    id: int
    message_id: int
    manifest_id: int | None
    flight_id: int | None
    traveller: Traveller
    traveller_key: str | None = None


def get_flight(session: Session, flight_id: int) -> StoredFlight:
    row = session.get(FlightRow, flight_id)
    if row is None:
        raise NotFound(f"no flight {flight_id}")
    return _flight(row)


def find_flights(
    session: Session,
    *,
    departure_date: date | None = None,
    carrier: str | None = None,
    flight_number: str | None = None,
    origin: str | None = None,
    destination: str | None = None,
    limit: int = 1000,
) -> list[StoredFlight]:
    """Flights matching every criterion given, by departure date then designator."""
    statement = select(FlightRow)
    for column, value in (
        (FlightRow.departure_date, departure_date),
        (FlightRow.carrier, carrier),
        (FlightRow.flight_number, flight_number.lstrip("0") if flight_number else None),
        (FlightRow.origin, origin),
        (FlightRow.destination, destination),
    ):
        if value is not None:
            statement = statement.where(column == value)
    statement = statement.order_by(FlightRow.departure_date, FlightRow.designator, FlightRow.id).limit(limit)
    return [_flight(row) for row in session.execute(statement).scalars()]


def _flight(row: FlightRow) -> StoredFlight:
    departure: datetime | date | None = row.scheduled_departure or row.departure_date
    arrival: datetime | date | None = row.scheduled_arrival or row.arrival_date
    leg = Leg(row.carrier, row.flight_number, row.origin, row.destination, departure, arrival)
    return StoredFlight(row.id, row.flight_key, leg)


def travellers_of_message(session: Session, message_id: int) -> list[StoredTraveller]:
    """Every traveller stored from one message, in message order."""
    where = select(TravellerRow.id).where(TravellerRow.raw_message_id == message_id)
    return load_travellers(session, list(session.execute(where.order_by(TravellerRow.position)).scalars()))


def travellers_on_flight(session: Session, flight_id: int) -> list[StoredTraveller]:
    """Every traveller of every manifest whose flight this is (the first leg of the manifest)."""
    where = select(TravellerRow.id).where(TravellerRow.flight_id == flight_id)
    return load_travellers(session, list(session.execute(where.order_by(TravellerRow.id)).scalars()))


def load_travellers(session: Session, ids: Sequence[int]) -> list[StoredTraveller]:
    """The travellers with these ids, in the order given (unknown ids are left out)."""
    rows: dict[int, tuple[TravellerRow, str]] = {}
    documents: dict[int, list[TravelDocumentRow]] = defaultdict(list)
    contacts: dict[int, list[ContactRow]] = defaultdict(list)
    addresses: dict[int, AddressRow] = {}
    for part in chunks(list(dict.fromkeys(ids))):
        statement = (
            select(TravellerRow, RawMessageRow.source)
            .join(RawMessageRow, RawMessageRow.id == TravellerRow.raw_message_id)
            .where(TravellerRow.id.in_(part))
        )
        rows.update((row.id, (row, source)) for row, source in session.execute(statement))
        for doc in session.execute(
            select(TravelDocumentRow).where(TravelDocumentRow.traveller_id.in_(part))
        ).scalars():
            documents[doc.traveller_id].append(doc)
        for contact in session.execute(select(ContactRow).where(ContactRow.traveller_id.in_(part))).scalars():
            contacts[contact.traveller_id or 0].append(contact)
        for address in session.execute(select(AddressRow).where(AddressRow.traveller_id.in_(part))).scalars():
            addresses[address.traveller_id or 0] = address
    result: list[StoredTraveller] = []
    for ident in ids:
        if ident not in rows:
            continue
        row, source = rows[ident]
        traveller = _traveller(row, source, documents[ident], contacts[ident], addresses.get(ident))
        result.append(
            StoredTraveller(
                row.id, row.raw_message_id, row.manifest_id, row.flight_id, traveller, row.traveller_key
            )
        )
    return result


def _traveller(
    row: TravellerRow,
    source: str,
    documents: list[TravelDocumentRow],
    contacts: list[ContactRow],
    address: AddressRow | None,
) -> Traveller:
    provenance, fields = restore_traveller_provenance(row.provenance, source)
    return Traveller(
        ref=row.ref,
        name=name_from_json(row.name),
        role=TravellerRole(row.role),
        birth_date=parse_partial_date(row.birth_date),
        sex=Sex(row.sex) if row.sex is not None else None,
        nationalities=tuple(row.nationalities),
        documents=tuple(
            TravelDocument(
                d.doc_type,
                d.number,
                d.issuing_country,
                parse_partial_date(d.expiry),
                parse_partial_date(d.issued),
                restore_provenance(d.provenance, source),
            )
            for d in sorted(documents, key=lambda d: d.position)
        ),
        residence_country=row.residence_country,
        birth_place=row.birth_place,
        address=address_from_row(address, source) if address is not None else None,
        contacts=tuple(contact_from_row(c, source) for c in sorted(contacts, key=lambda c: c.position)),
        embarkation=row.embarkation,
        debarkation=row.debarkation,
        verified=row.verified,
        references=dict(row.references),
        provenance=provenance,
        fields=fields,
    )


def contact_from_row(row: ContactRow, source: str) -> Contact:
    return Contact(ContactKind(row.kind), row.value, restore_provenance(row.provenance, source))


def address_from_row(row: AddressRow, source: str) -> Address:
    return Address(
        row.street,
        row.city,
        row.region,
        row.postcode,
        row.country,
        restore_provenance(row.provenance, source),
    )


def traveller_flights(session: Session, ids: Sequence[int]) -> dict[int, int | None]:
    """The flight id of each stored traveller (its manifest's first leg), by traveller id."""
    found: dict[int, int | None] = {}
    for part in chunks(list(dict.fromkeys(ids))):
        statement = select(TravellerRow.id, TravellerRow.flight_id).where(TravellerRow.id.in_(part))
        found.update((ident, flight) for ident, flight in session.execute(statement))
    return found


def traveller_counts(session: Session, flight_ids: Sequence[int]) -> dict[int, int]:
    """How many traveller rows each flight has (every message about it counted)."""
    found: dict[int, int] = {}
    for part in chunks(list(dict.fromkeys(flight_ids))):
        statement = (
            select(TravellerRow.flight_id, func.count(TravellerRow.id))
            .where(TravellerRow.flight_id.in_(part))
            .group_by(TravellerRow.flight_id)
        )
        found.update((flight, count) for flight, count in session.execute(statement) if flight is not None)
    return found
