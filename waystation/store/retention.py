"""Retention in the store: which messages are due, who is held, writing masked values, deleting.

The pure rules are in ``cases.retention``; this module only reads and writes rows. Masking
updates rows in place (ids stay, so alerts and hits keep pointing at them) from the masked model
object that ``cases.retention.mask_traveller`` / ``mask_booking`` produced; the original rows
are kept only as a sealed copy (``masked_records``). Deletion removes everything one raw
message produced — travellers, documents, contacts, addresses, bookings, payments, manifests,
hits and sealed copies — blanks its bytes, and keeps the raw message row as a tombstone
(received when, from whom, its size and hash), so statistics and de-duplication still hold.
Alerts and review entries are decisions about a pseudonymous traveller key and stay; their
links to deleted rows are cleared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, delete, or_, select, text, update
from sqlalchemy.orm import DeclarativeBase, Session

from waystation.cases.vocab import Disposition
from waystation.model import Booking, Traveller
from waystation.store.bookings import StoredBooking
from waystation.store.bulk import chunks, insert_rows
from waystation.store.rows import RowBuilder
from waystation.store.schema import (
    AddressRow,
    AlertRow,
    BookingLegRow,
    BookingRow,
    BookingTravellerRow,
    CaseEventRow,
    ContactRow,
    HitRow,
    ManifestLegRow,
    ManifestRow,
    MaskedRecordRow,
    MessageRetentionRow,
    PaymentRow,
    PnrPushRow,
    RawMessageBodyRow,
    RawMessageRow,
    TravelDocumentRow,
    TravellerRow,
)
from waystation.store.travellers import StoredTraveller

__all__ = [
    "DueMessage",
    "MaskedBooking",
    "MaskedTraveller",
    "MessageState",
    "OwnerKind",
    "SealedRecord",
    "booking_ids_of_message",
    "confirmed_match_keys",
    "delete_message_content",
    "due_messages",
    "erase_freed_space",
    "message_snapshot",
    "open_case_keys",
    "row_snapshot",
    "save_sealed",
    "sealed_for_traveller",
    "sealed_of",
    "set_state",
    "snapshots",
    "write_masked_bookings",
    "write_masked_message",
    "write_masked_travellers",
]


class MessageState(StrEnum):
    HELD = "held"  # some of its data is due but held by a case or a confirmed match
    MASKED = "masked"  # every traveller, booking and the bytes masked
    DELETED = "deleted"  # at the limit: content deleted, the row kept as a tombstone


class OwnerKind(StrEnum):
    TRAVELLER = "traveller"
    BOOKING = "booking"
    MESSAGE = "message"


@dataclass(frozen=True, slots=True)
class DueMessage:
    id: int
    received_at: datetime
    state: MessageState | None


@dataclass(frozen=True, slots=True)
class SealedRecord:
    raw_message_id: int
    owner_kind: OwnerKind
    owner_id: int
    traveller_key: str | None
    key_id: str
    nonce: bytes
    sealed: bytes
    masked_at: datetime


def erase_freed_space(session: Session) -> None:
    """On SQLite, make this connection overwrite what it deletes or overwrites (``secure_delete``),
    so masked names do not linger in free pages of the file. PostgreSQL keeps dead row versions
    until VACUUM (docs/partners-and-retention.md says to run it after the job)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA secure_delete = ON"))


def open_case_keys(session: Session) -> set[str]:
    """Traveller keys linked to a case that has not been closed."""
    closed = select(CaseEventRow.case_id).where(CaseEventRow.kind == "close")
    statement = select(CaseEventRow.traveller_key).where(
        CaseEventRow.kind == "link",
        CaseEventRow.case_id.not_in(closed),
        CaseEventRow.traveller_key.is_not(None),
    )
    return {key for key in session.execute(statement).scalars() if key}


def confirmed_match_keys(session: Session) -> set[str]:
    """Traveller keys of alerts a person decided were a true match."""
    statement = select(AlertRow.traveller_key).where(AlertRow.disposition == Disposition.TRUE_MATCH.value)
    return set(session.execute(statement.distinct()).scalars())


def due_messages(session: Session, mask_cutoff: datetime, delete_cutoff: datetime) -> list[DueMessage]:
    """Messages received at or before ``mask_cutoff`` that retention still has work on, oldest first.

    Finished work is skipped: a message fully masked is looked at again only once its deletion
    is due; a deleted one never. Held ones are looked at every run (their case may have closed).
    """
    state = MessageRetentionRow.state
    statement = (
        select(RawMessageRow.id, RawMessageRow.received_at, state)
        .outerjoin(MessageRetentionRow, MessageRetentionRow.raw_message_id == RawMessageRow.id)
        .where(
            RawMessageRow.received_at <= mask_cutoff,
            or_(
                state.is_(None),
                state == MessageState.HELD.value,
                and_(state == MessageState.MASKED.value, RawMessageRow.received_at <= delete_cutoff),
            ),
        )
        .order_by(RawMessageRow.received_at, RawMessageRow.id)
    )
    return [
        DueMessage(ident, at, MessageState(value) if value else None)
        for ident, at, value in session.execute(statement)
    ]


def set_state(session: Session, message_id: int, state: MessageState, at: datetime) -> None:
    row = session.get(MessageRetentionRow, message_id)
    if row is None:
        insert_rows(
            session,
            MessageRetentionRow,
            [{"raw_message_id": message_id, "state": state.value, "changed_at": at}],
        )
    elif row.state != state.value:
        row.state, row.changed_at = state.value, at
        session.flush()


def booking_ids_of_message(session: Session, message_id: int) -> list[int]:
    statement = select(BookingRow.id).where(BookingRow.raw_message_id == message_id).order_by(BookingRow.id)
    return list(session.execute(statement).scalars())


def sealed_of(session: Session, message_id: int) -> dict[tuple[OwnerKind, int], str | None]:
    """What of a message is already sealed: (kind, owner id) -> the traveller key it was sealed with."""
    statement = select(
        MaskedRecordRow.owner_kind, MaskedRecordRow.owner_id, MaskedRecordRow.traveller_key
    ).where(MaskedRecordRow.raw_message_id == message_id)
    return {(OwnerKind(kind), owner): key for kind, owner, key in session.execute(statement)}


def row_snapshot(session: Session, model: type[DeclarativeBase], where: Any) -> list[dict[str, Any]]:
    """Rows as plain dicts of their columns (what a sealed copy keeps)."""
    table = model.__table__
    return [dict(row._mapping) for row in session.execute(select(table).where(where))]


def snapshots(
    session: Session, owner: type[DeclarativeBase], ids: Sequence[int], parts: Mapping[str, Any]
) -> dict[int, dict[str, list[dict[str, Any]]]]:
    """Per owner id, its own row (under ``"self"``) and its rows in each of ``parts`` (name ->
    the foreign key column pointing at the owner), a handful of queries for many owners."""
    names = ["self", *parts]
    found: dict[int, dict[str, list[dict[str, Any]]]] = {i: {n: [] for n in names} for i in ids}
    primary = owner.__table__.c.id
    for part in chunks(list(ids)):
        for row in row_snapshot(session, owner, primary.in_(part)):
            found[row["id"]]["self"].append(row)
        for name, column in parts.items():
            for row in row_snapshot(session, column.class_, column.in_(part)):
                found[row[column.key]][name].append(row)
    return found


def message_snapshot(session: Session, message_id: int) -> tuple[bytes, list[Any]]:
    statement = (
        select(RawMessageBodyRow.body, RawMessageRow.issues)
        .join(RawMessageRow, RawMessageRow.id == RawMessageBodyRow.message_id)
        .where(RawMessageBodyRow.message_id == message_id)
    )
    body, issues = session.execute(statement).one()
    return bytes(body), list(issues)


def save_sealed(session: Session, records: Sequence[SealedRecord]) -> None:
    insert_rows(
        session,
        MaskedRecordRow,
        [
            {
                "raw_message_id": r.raw_message_id,
                "owner_kind": r.owner_kind.value,
                "owner_id": r.owner_id,
                "traveller_key": r.traveller_key,
                "key_id": r.key_id,
                "nonce": r.nonce,
                "sealed": r.sealed,
                "masked_at": r.masked_at,
            }
            for r in records
        ],
    )


def sealed_for_traveller(session: Session, traveller_key: str) -> list[SealedRecord]:
    """The sealed copies of every traveller row with this key (several messages may name one person)."""
    statement = (
        select(MaskedRecordRow)
        .where(
            MaskedRecordRow.traveller_key == traveller_key,
            MaskedRecordRow.owner_kind == OwnerKind.TRAVELLER.value,
        )
        .order_by(MaskedRecordRow.id)
    )
    return [
        SealedRecord(
            r.raw_message_id,
            OwnerKind(r.owner_kind),
            r.owner_id,
            r.traveller_key,
            r.key_id,
            r.nonce,
            r.sealed,
            r.masked_at,
        )
        for r in session.execute(statement).scalars()
    ]


def _source(session: Session, message_id: int) -> str:
    return str(
        session.execute(select(RawMessageRow.source).where(RawMessageRow.id == message_id)).scalar_one()
    )


_TRAVELLER_MASKED_COLUMNS = (
    "family_name",
    "given_names",
    "full_name",
    "name",
    "birth_date",
    "birth_place",
    "references",
    "provenance",
)


@dataclass(frozen=True, slots=True)
class MaskedTraveller:
    stored: StoredTraveller
    masked: Traveller
    position: int
    document_ids: Mapping[int, int]  # position -> row id
    traveller_key: str  # computed before masking; kept on the row, which can no longer give it


@dataclass(frozen=True, slots=True)
class MaskedBooking:
    stored: StoredBooking
    masked: Booking
    payment_ids: Mapping[int, int]  # position -> row id


def write_masked_travellers(session: Session, message_id: int, items: Sequence[MaskedTraveller]) -> None:
    """Overwrite travellers' rows with their masked model objects (ids kept), in batches, keeping
    each one's traveller key on the row."""
    if not items:
        return
    builder = RowBuilder(message_id, _source(session, message_id))
    people, documents, contacts, addresses = [], [], [], []
    for item in items:
        t, ident = item.masked, item.stored.id
        row = builder.traveller_row(item.position, t, item.stored.manifest_id, item.stored.flight_id)
        kept = {name: row[name] for name in _TRAVELLER_MASKED_COLUMNS}
        people.append({"id": ident, "traveller_key": item.traveller_key} | kept)
        for doc in builder.document_rows(ident, t.documents):
            keep = ("number", "number_key", "provenance")
            documents.append({"id": item.document_ids[doc["position"]]} | {k: doc[k] for k in keep})
        contacts += builder.contact_rows("traveller_id", ident, t.contacts)
        addresses += builder.address_rows("traveller_id", ident, (t.address,) if t.address else ())
    session.execute(update(TravellerRow), people)
    if documents:
        session.execute(update(TravelDocumentRow), documents)
    ids = [item.stored.id for item in items]
    _delete_in(session, ContactRow.traveller_id, ids)
    _delete_in(session, AddressRow.traveller_id, ids)
    insert_rows(session, ContactRow, contacts)
    insert_rows(session, AddressRow, addresses)


def write_masked_bookings(session: Session, message_id: int, items: Sequence[MaskedBooking]) -> None:
    """Overwrite bookings' own rows (not their travellers') with the masked model objects."""
    if not items:
        return
    builder = RowBuilder(message_id, _source(session, message_id))
    bookings, payments, contacts, addresses = [], [], [], []
    for item in items:
        b, ident = item.masked, item.stored.id
        bookings.append({"id": ident, "remarks": list(b.remarks), "provenance": builder.prov(b.provenance)})
        for pay in builder.payment_rows(ident, b):
            keep = ("card_hash", "card_last4", "payer", "provenance")
            payments.append({"id": item.payment_ids[pay["position"]]} | {k: pay[k] for k in keep})
        contacts += builder.contact_rows("booking_id", ident, b.contacts)
        addresses += builder.address_rows("booking_id", ident, b.addresses)
    session.execute(update(BookingRow), bookings)
    if payments:
        session.execute(update(PaymentRow), payments)
    ids = [item.stored.id for item in items]
    _delete_in(session, ContactRow.booking_id, ids)
    _delete_in(session, AddressRow.booking_id, ids)
    insert_rows(session, ContactRow, contacts)
    insert_rows(session, AddressRow, addresses)


def write_masked_message(session: Session, message_id: int) -> None:
    """Blank a message's bytes and parse issues (their sealed copy was saved first)."""
    session.execute(update(RawMessageRow).where(RawMessageRow.id == message_id).values(issues=[]))
    session.execute(
        update(RawMessageBodyRow).where(RawMessageBodyRow.message_id == message_id).values(body=b"")
    )


def _ids(session: Session, column: Any, where: Any) -> list[int]:
    return list(session.execute(select(column).where(where)).scalars())


def _delete_in(session: Session, column: Any, ids: Iterable[int]) -> None:
    items = list(ids)
    table = column.table
    for part in chunks(items):
        session.execute(delete(table).where(column.in_(part)))


def delete_message_content(session: Session, message_id: int) -> int:
    """Delete everything ``message_id`` produced, blank its bytes; return how many travellers went."""
    travellers = _ids(session, TravellerRow.id, TravellerRow.raw_message_id == message_id)
    bookings = _ids(session, BookingRow.id, BookingRow.raw_message_id == message_id)
    pushes = _ids(session, PnrPushRow.id, PnrPushRow.raw_message_id == message_id)
    manifests = _ids(session, ManifestRow.id, ManifestRow.raw_message_id == message_id)
    for part in chunks(travellers):
        hits = select(HitRow.id).where(HitRow.traveller_id.in_(part))
        session.execute(update(AlertRow).where(AlertRow.hit_id.in_(hits)).values(hit_id=None))
        session.execute(update(AlertRow).where(AlertRow.traveller_id.in_(part)).values(traveller_id=None))
        session.execute(delete(HitRow).where(HitRow.traveller_id.in_(part)))
        session.execute(delete(TravelDocumentRow).where(TravelDocumentRow.traveller_id.in_(part)))
        session.execute(delete(BookingTravellerRow).where(BookingTravellerRow.traveller_id.in_(part)))
    _delete_in(session, ContactRow.traveller_id, travellers)
    _delete_in(session, AddressRow.traveller_id, travellers)
    _delete_in(session, ContactRow.booking_id, bookings)
    _delete_in(session, AddressRow.booking_id, bookings)
    _delete_in(session, PaymentRow.booking_id, bookings)
    _delete_in(session, BookingLegRow.booking_id, bookings)
    _delete_in(session, BookingTravellerRow.booking_id, bookings)
    _delete_in(session, BookingRow.id, bookings)
    _delete_in(session, PnrPushRow.id, pushes)
    _delete_in(session, TravellerRow.id, travellers)
    _delete_in(session, ManifestLegRow.manifest_id, manifests)
    _delete_in(session, ManifestRow.id, manifests)
    session.execute(delete(MaskedRecordRow).where(MaskedRecordRow.raw_message_id == message_id))
    write_masked_message(session, message_id)
    return len(travellers)
