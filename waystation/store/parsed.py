"""Storing what a message said: flights, manifests, travellers, documents, bookings, payments.

:func:`store_parsed_message` writes everything one :class:`~waystation.ingest.message.ParsedMessage`
holds with one batched statement per table (about a dozen round trips for a 300-passenger
manifest, whatever its size) in the caller's transaction, and marks the raw message parsed.
Flights are shared between messages (found by their key, inserted if new, safe against a
concurrent writer); everything else belongs to the message it came from, with its provenance:
the message id plus the segment or line in it. A traveller object that appears both on a
manifest and in a booking of the same message (the CSV reader does this) is stored once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Protocol

from sqlalchemy import Dialect
from sqlalchemy.orm import Session

from waystation.model import (
    Leg,
    Manifest,
    ParseIssue,
    PnrPush,
    Traveller,
)
from waystation.store.bulk import (
    insert_ignore,
    insert_one_ignoring,
    insert_returning_ids,
    insert_rows,
    table_of,
)
from waystation.store.keys import flight_key
from waystation.store.messages import mark_parsed
from waystation.store.rows import Row, RowBuilder
from waystation.store.schema import (
    AddressRow,
    BookingLegRow,
    BookingRow,
    BookingTravellerRow,
    ContactRow,
    FlightRow,
    ManifestLegRow,
    ManifestRow,
    PaymentRow,
    PnrPushRow,
    TravelDocumentRow,
    TravellerRow,
)
from waystation.store.types import utc_now

__all__ = ["MessageContent", "StoredContent", "store_flights", "store_parsed_message"]


class MessageContent(Protocol):
    """What the store needs of a parsed message (``waystation.ingest.message.ParsedMessage``)."""

    @property
    def source(self) -> str: ...
    @property
    def message_format(self) -> str: ...
    @property
    def manifests(self) -> tuple[Manifest, ...]: ...
    @property
    def pnr_pushes(self) -> tuple[PnrPush, ...]: ...
    @property
    def issues(self) -> tuple[ParseIssue, ...]: ...


@dataclass(frozen=True, slots=True)
class StoredContent:
    """The ids given to what a message held, in the message's order.

    ``traveller_ids`` has one id per stored traveller: the manifests' travellers first, then the
    bookings' travellers that were not already on a manifest of the message. ``ids_by_ref`` maps
    a traveller ref (what a matching hit names) to its first stored row.
    """

    message_id: int
    manifest_ids: tuple[int, ...]
    pnr_push_ids: tuple[int, ...]
    booking_ids: tuple[int, ...]
    traveller_ids: tuple[int, ...]
    ids_by_ref: dict[str, int] = field(default_factory=dict)


def store_parsed_message(session: Session, message_id: int, parsed: MessageContent) -> StoredContent:
    """Store everything ``parsed`` holds for raw message ``message_id`` and mark that message parsed.

    Raises :class:`~waystation.exc.Conflict` when the message is already parsed (or a duplicate):
    its content is never stored twice.
    """
    envelopes = [(m.sender, m.interchange_ref) for m in parsed.manifests]
    envelopes += [(p.sender, p.interchange_ref) for p in parsed.pnr_pushes]
    sender, interchange = envelopes[0] if envelopes else (None, None)
    mark_parsed(  # first: it claims the message, so a second worker cannot store it twice
        session,
        message_id,
        message_format=parsed.message_format,
        issues=parsed.issues,
        sender=sender,
        interchange_ref=interchange,
    )
    writer = _Writer(session, message_id, parsed.source)
    legs = [leg for m in parsed.manifests for leg in m.legs]
    legs += [p.flight for p in parsed.pnr_pushes if p.flight is not None]
    legs += [leg for p in parsed.pnr_pushes for b in p.bookings for leg in b.itinerary]
    writer.flights = store_flights(session, legs)
    manifest_ids = writer.manifests(parsed.manifests)
    push_ids, booking_ids = writer.pushes(parsed.pnr_pushes)
    writer.flush_travellers()
    stored = [writer.traveller_id(t) for t in writer.occurrences]  # once per occurrence, not twice
    ids = tuple(dict.fromkeys(stored))
    by_ref: dict[str, int] = {}
    for traveller, ident in zip(writer.occurrences, stored, strict=True):
        by_ref.setdefault(traveller.ref, ident)
    return StoredContent(message_id, manifest_ids, push_ids, booking_ids, ids, by_ref)


def store_flights(session: Session, legs: Iterable[Leg]) -> dict[str, int]:
    """Ids of the flights of ``legs`` by flight key, inserting the ones not stored yet."""
    rows: dict[str, Row] = {}
    for leg in legs:
        key = flight_key(leg)
        if key.key in rows or not (key.designator or leg.origin or leg.destination):
            continue
        departure, arrival = leg.departure, leg.arrival
        rows[key.key] = {
            "flight_key": key.key,
            "carrier": key.carrier,
            "flight_number": key.number,
            "designator": key.designator,
            "origin": leg.origin,
            "destination": leg.destination,
            "departure_date": key.departure_date,
            "scheduled_departure": departure if isinstance(departure, datetime) else None,
            "arrival_date": arrival.date() if isinstance(arrival, datetime) else arrival,
            "scheduled_arrival": arrival if isinstance(arrival, datetime) else None,
            "first_seen_at": utc_now(),
        }
    if not rows:
        return {}
    # Looked up first: a flight is stored by its first message and every check-in after it finds
    # it, so the usual message sends one statement here instead of an insert and a look-up.
    ids = _flight_ids(session, list(rows))
    missing = [key for key in sorted(rows) if key not in ids]
    if len(missing) == 1:  # a new flight: inserted with its id returned (one statement, not two)
        new = insert_one_ignoring(session, FlightRow, rows[missing[0]], ["flight_key"])
        if new is not None:
            ids[missing[0]] = new
            missing = []
    elif missing:
        # Sorted, so that concurrent writers take the unique-index locks in one order (no deadlock).
        insert_ignore(session, FlightRow, [rows[key] for key in missing], ["flight_key"])
    if missing:  # then stored by now, by this message or a concurrent writer
        ids.update(_flight_ids(session, missing))
    return ids


def _flight_ids(session: Session, keys: list[str]) -> dict[str, int]:
    """Ids of stored flights by key. Sent as the driver's own SQL, one text per number of keys
    (nearly always one): an expanding ``IN`` is compiled again for its values on every call,
    ~3 times the cost of running it. Keys are text and ids integers, which no type processes."""
    connection = session.connection()
    rows = connection.exec_driver_sql(_flight_ids_sql(connection.dialect, len(keys)), tuple(keys))
    return {str(key): int(ident) for key, ident in rows}


@cache
def _flight_ids_sql(dialect: Dialect, count: int) -> str:
    quote = dialect.identifier_preparer.quote
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    table = table_of(FlightRow)
    return (
        f"SELECT {quote('flight_key')}, {quote('id')} FROM {quote(table.name)} "
        f"WHERE {quote('flight_key')} IN ({', '.join([marker] * count)})"
    )


class _Writer:
    """Collects the rows of one message and inserts them table by table."""

    def __init__(self, session: Session, message_id: int, source: str) -> None:
        self.session = session
        self.rows = RowBuilder(message_id, source)
        self.flights: dict[str, int] = {}
        self.occurrences: list[Traveller] = []
        self._pending: dict[int, tuple[Traveller, int | None, int | None]] = {}
        self._ids: dict[int, int] = {}
        self._booking_links: list[tuple[int, int, Traveller]] = []

    def flight_id(self, leg: Leg | None) -> int | None:
        return self.flights.get(flight_key(leg).key) if leg is not None else None

    def manifests(self, manifests: Iterable[Manifest]) -> tuple[int, ...]:
        manifests = tuple(manifests)
        firsts = [self.flight_id(m.legs[0]) if m.legs else None for m in manifests]
        rows = [self.rows.manifest_row(i, m, firsts[i]) for i, m in enumerate(manifests)]
        ids = insert_returning_ids(self.session, ManifestRow, rows)
        legs: list[Row] = []
        for manifest_id, manifest, first in zip(ids, manifests, firsts, strict=True):
            for position, leg in enumerate(manifest.legs):
                flight = self.flight_id(leg)
                if flight is not None:
                    legs.append(self.rows.leg_row("manifest_id", manifest_id, position, flight, leg))
            for traveller in manifest.travellers:
                self.add_traveller(traveller, manifest_id, first)
        insert_rows(self.session, ManifestLegRow, legs)
        return tuple(ids)

    def add_traveller(self, traveller: Traveller, manifest_id: int | None, flight: int | None) -> None:
        self.occurrences.append(traveller)
        self._pending.setdefault(id(traveller), (traveller, manifest_id, flight))

    def traveller_id(self, traveller: Traveller) -> int:
        return self._ids[id(traveller)]

    def pushes(self, pushes: Iterable[PnrPush]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        pushes = tuple(pushes)
        push_rows = [self.rows.push_row(i, p, self.flight_id(p.flight)) for i, p in enumerate(pushes)]
        push_ids = insert_returning_ids(self.session, PnrPushRow, push_rows)
        bookings = [(push_id, b) for push_id, p in zip(push_ids, pushes, strict=True) for b in p.bookings]
        booking_rows = [self.rows.booking_row(i, pid, b) for i, (pid, b) in enumerate(bookings)]
        booking_ids = insert_returning_ids(self.session, BookingRow, booking_rows)
        legs: list[Row] = []
        contacts: list[Row] = []
        addresses: list[Row] = []
        payments: list[Row] = []
        for booking_id, (_, booking) in zip(booking_ids, bookings, strict=True):
            for position, leg in enumerate(booking.itinerary):
                flight = self.flight_id(leg)
                if flight is not None:
                    legs.append(self.rows.leg_row("booking_id", booking_id, position, flight, leg))
            contacts += self.rows.contact_rows("booking_id", booking_id, booking.contacts)
            addresses += self.rows.address_rows("booking_id", booking_id, booking.addresses)
            payments += self.rows.payment_rows(booking_id, booking)
            for position, traveller in enumerate(booking.travellers):
                self.add_traveller(traveller, None, None)
                self._booking_links.append((booking_id, position, traveller))
        insert_rows(self.session, BookingLegRow, legs)
        insert_rows(self.session, ContactRow, contacts)
        insert_rows(self.session, AddressRow, addresses)
        insert_rows(self.session, PaymentRow, payments)
        return tuple(push_ids), tuple(booking_ids)

    def flush_travellers(self) -> None:
        """Insert every traveller once, then their documents, contacts, addresses and booking links."""
        pending = list(self._pending.values())
        rows = [self.rows.traveller_row(position, *item) for position, item in enumerate(pending)]
        ids = insert_returning_ids(self.session, TravellerRow, rows)
        documents: list[Row] = []
        contacts: list[Row] = []
        addresses: list[Row] = []
        for traveller_id, (traveller, _, _) in zip(ids, pending, strict=True):
            self._ids[id(traveller)] = traveller_id
            documents += self.rows.document_rows(traveller_id, traveller.documents)
            contacts += self.rows.contact_rows("traveller_id", traveller_id, traveller.contacts)
            if traveller.address is not None:
                addresses += self.rows.address_rows("traveller_id", traveller_id, (traveller.address,))
        insert_rows(self.session, TravelDocumentRow, documents)
        insert_rows(self.session, ContactRow, contacts)
        insert_rows(self.session, AddressRow, addresses)
        links = [
            {"booking_id": booking_id, "position": position, "traveller_id": self._ids[id(traveller)]}
            for booking_id, position, traveller in self._booking_links
        ]
        insert_rows(self.session, BookingTravellerRow, links)
