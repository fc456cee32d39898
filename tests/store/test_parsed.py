"""Storing parsed messages: every value read back as written, flights shared, bookings linked."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from tests.store.conftest import Database
from waystation.exc import Conflict, Locator
from waystation.ingest import manifest_csv
from waystation.ingest.message import ParseContext, ParsedMessage
from waystation.model import (
    Address,
    Agency,
    Booking,
    Contact,
    ContactKind,
    Leg,
    Manifest,
    ManifestKind,
    Name,
    ParseIssue,
    PartialDate,
    Payment,
    PnrPush,
    Provenance,
    Severity,
    Sex,
    TravelDocument,
    Traveller,
    TravellerRole,
)
from waystation.store.bookings import bookings_by_locator, bookings_of_traveller, load_bookings
from waystation.store.bulk import insert_one_ignoring
from waystation.store.messages import MessageStatus, get_message, receive_message
from waystation.store.parsed import store_parsed_message
from waystation.store.schema import FlightRow, TravelDocumentRow, TravellerRow
from waystation.store.travellers import (
    find_flights,
    get_flight,
    load_travellers,
    travellers_of_message,
    travellers_on_flight,
)

CSV = (
    b"ref,surname,given_names,date_of_birth,sex,nationality,document_type,document_number,"
    b"document_country,flight,departure_date,origin,destination,booking_ref,email,phone,payment,address\n"
    b"P1,AL-HASSAN,Omar Khalid,1985-03,M,SYR,P,N 0012-3456,SYR,QR1170,2026-05-02,DOH,IST,ABC123,"
    b'Omar@Example.com,+90 555 010 2030,CC:VI:4111 1111 1111 1111,"12 Rue X, Paris"\n'
    b"P2,DURAND,Claire,1990-11-23,F,FRA,P,19AB12345,FRA,QR1170,2026-05-02,DOH,IST,ABC123,,,,\n"
    b"P3,NGUYEN,,1979,X,VNM,,,,QR1170,2026-05-02,DOH,IST,,,,,\n"
)


def _store_csv(db: Database, data: bytes, source: str) -> tuple[int, ParsedMessage]:
    parsed = manifest_csv.parse(data, source, ParseContext(card_key=b"k"))
    stored = receive_message(db.sessions, data, source=source)
    with db.sessions.begin() as session:
        store_parsed_message(session, stored.id, parsed)
    return stored.id, parsed


def test_csv_manifest_round_trip(db: Database) -> None:
    message_id, parsed = _store_csv(db, CSV, "day1.csv")
    with db.sessions() as session:
        message = get_message(session, message_id)
        stored = travellers_of_message(session, message_id)
    assert message.status is MessageStatus.PARSED
    assert message.message_format == "manifest_csv"
    assert [t.ref for t in parsed.pnr_pushes[0].bookings[0].travellers] == ["P1", "P2"]  # stored once
    assert [t.traveller for t in stored] == list(parsed.travellers())
    assert [t.traveller for t in stored] == list(parsed.manifests[0].travellers)
    omar = stored[0].traveller
    assert omar.ref == "P1"
    assert omar.name.family == "AL-HASSAN"
    assert omar.name.given == "Omar Khalid"
    assert omar.birth_date == PartialDate(1985, 3)
    assert omar.sex is Sex.MALE
    assert omar.nationalities == ("SYR",)
    assert omar.documents == (TravelDocument("P", "N 0012-3456", "SYR"),)
    assert omar.contacts == (
        Contact(ContactKind.EMAIL, "Omar@Example.com"),
        Contact(ContactKind.PHONE, "+90 555 010 2030"),
    )
    assert omar.address == Address(street="12 Rue X, Paris")
    assert omar.references == {"AVF": "ABC123"}
    assert omar.provenance is not None
    assert omar.provenance.locator == Locator("day1.csv", line=2)
    assert omar.documents[0].provenance == Provenance.at("day1.csv", line=2)
    nguyen = stored[2].traveller
    assert (nguyen.name.full, nguyen.birth_date, nguyen.sex, nguyen.documents) == (
        "NGUYEN",
        PartialDate(1979),
        Sex.UNSPECIFIED,
        (),
    )
    assert {t.flight_id for t in stored} == {stored[0].flight_id}
    assert all(t.message_id == message_id and t.manifest_id is not None for t in stored)


def test_a_message_is_stored_once(db: Database) -> None:
    message_id, parsed = _store_csv(db, CSV, "day1.csv")
    with db.sessions.begin() as session, pytest.raises(Conflict, match="already parsed"):
        store_parsed_message(session, message_id, parsed)
    with db.sessions() as session:
        assert len(travellers_of_message(session, message_id)) == 3


def test_normalized_keys_are_indexed_values(db: Database) -> None:
    _message_id, _ = _store_csv(db, CSV, "day1.csv")
    with db.sessions() as session:
        keys = dict(session.execute(select(TravelDocumentRow.number, TravelDocumentRow.number_key)).all())
        years = dict(session.execute(select(TravellerRow.ref, TravellerRow.birth_year)).all())
        dobs = dict(session.execute(select(TravellerRow.ref, TravellerRow.birth_date)).all())
    assert keys == {"N 0012-3456": "N00123456", "19AB12345": "19AB12345"}
    assert years == {"P1": 1985, "P2": 1990, "P3": 1979}
    assert dobs == {"P1": "1985-03", "P2": "1990-11-23", "P3": "1979"}


def test_the_same_flight_from_two_messages_is_one_flight(db: Database) -> None:
    first, _ = _store_csv(db, CSV, "day1.csv")
    padded = CSV.replace(b"QR1170", b"QR01170").replace(b"P1,", b"Q1,")
    second, _ = _store_csv(db, padded, "day1-again.csv")
    next_day = CSV.replace(b"2026-05-02", b"2026-05-03")
    third, _ = _store_csv(db, next_day, "day2.csv")
    with db.sessions() as session:
        flights = find_flights(session, carrier="QR", flight_number="1170")
        assert session.execute(select(func.count()).select_from(FlightRow)).scalar() == 2
        on_first = travellers_on_flight(session, flights[0].id)
        a, b, c = (travellers_of_message(session, m)[0].flight_id for m in (first, second, third))
    assert [f.leg.departure for f in flights] == [date(2026, 5, 2), date(2026, 5, 3)]
    assert flights[0].flight_key == "QR|1170|2026-05-02|DOH|IST"
    assert flights[0].leg == Leg("QR", "1170", "DOH", "IST", date(2026, 5, 2))
    assert a == b == flights[0].id != c
    assert [t.traveller.ref for t in on_first] == ["P1", "P2", "P3", "Q1", "P2", "P3"]


def test_one_row_inserted_unless_its_key_is_stored(db: Database) -> None:
    row = {"flight_key": "QR|1170|2026-05-02|DOH|IST", "carrier": "QR", "designator": "QR1170"}
    row["first_seen_at"] = datetime.now(UTC)
    with db.sessions.begin() as session:
        first = insert_one_ignoring(session, FlightRow, row, ["flight_key"])
        again = insert_one_ignoring(session, FlightRow, {**row, "carrier": "XX"}, ["flight_key"])
        stored = session.execute(select(FlightRow.id, FlightRow.carrier)).all()
    assert first is not None
    assert again is None
    assert [tuple(r) for r in stored] == [(first, "QR")]


def test_booking_travellers_are_the_manifest_rows(db: Database) -> None:
    message_id, parsed = _store_csv(db, CSV, "day1.csv")
    with db.sessions() as session:
        (booking_id,) = bookings_by_locator(session, "ABC123")
        (stored,) = load_bookings(session, [booking_id])
        manifest_rows = travellers_of_message(session, message_id)
        assert bookings_of_traveller(session, manifest_rows[0].id) == [booking_id]
        assert bookings_of_traveller(session, manifest_rows[2].id) == []
        count = session.execute(select(func.count()).select_from(TravellerRow)).scalar()
    assert count == 3
    assert stored.traveller_ids == (manifest_rows[0].id, manifest_rows[1].id)
    booking = stored.booking
    original = parsed.pnr_pushes[0].bookings[0]
    assert booking.travellers == original.travellers
    assert booking.contacts == original.contacts
    assert booking.payments == (
        Payment("CC", "VI", ParseContext(card_key=b"k").card_hash("4111111111111111"), "1111"),
    )
    assert booking.payments[0].card_hash is not None
    assert "4111" not in booking.payments[0].card_hash
    assert booking.addresses == (Address(street="12 Rue X, Paris"),)
    assert [leg.designator for leg in booking.itinerary] == ["QR1170"]


def _pnr_message() -> ParsedMessage:
    flight = Leg("TK", "0785", "IST", "BGW", datetime(2026, 6, 1, 22, 40), datetime(2026, 6, 2, 1, 55))
    onward = Leg("TK", "786", "BGW", "IST", datetime(2026, 6, 9, 3, 0), None, "Y", "HK")
    where = Provenance.at("push.edi", 12, "TIF", "AHMED:MR")
    ali = Traveller(
        ref="1",
        name=Name.from_parts("AHMED", ["ALI", "HASAN"]),
        birth_date=PartialDate(1991, 7, 14),
        sex=Sex.MALE,
        nationalities=("IRQ", "TUR"),
        documents=(
            TravelDocument("P", "A1234567", "IRQ", PartialDate(2030, 1, 31), PartialDate(2020, 2), where),
        ),
        residence_country="TUR",
        birth_place="MOSUL",
        embarkation="IST",
        debarkation="BGW",
        verified=True,
        references={"ABO": "1", "YZY": "2352401234567"},
        provenance=where,
        fields={"birth_date": Provenance.at("push.edi", 15, "SSR", "DOCS/P/IRQ/A1234567")},
    )
    sara = Traveller(ref="2", name=Name.from_parts("AHMED", "SARA"), role=TravellerRole.PASSENGER)
    crew = Traveller(ref="3", name=Name.from_parts("YILMAZ", "EMRE"), role=TravellerRole.CREW)
    booking = Booking(
        record_locator="X7KQ2P",
        travellers=(ali, sara),
        itinerary=(flight, onward),
        system="1A",
        other_locators=("ZZ9ABC",),
        created_at=datetime(2026, 5, 20, 14, 3),
        modified_at=datetime(2026, 5, 30, 9, 0),
        ticketed_at=None,
        contacts=(Contact(ContactKind.PHONE, "00964 770 123 4567", Provenance.at("push.edi", 20, "CTC")),),
        addresses=(Address("Street 5", "Erbil", None, "44001", "IRQ"),),
        payments=(Payment("CA", amount="850.00", currency="USD", payer="AHMED ALI"),),
        agency=Agency("IST123", "IST", "33212345", "TUR", Provenance.at("push.edi", 4, "ORG")),
        remarks=("OSI YY VIP",),
        provenance=Provenance.at("push.edi", 10, "SRC"),
    )
    push = PnrPush(
        message_ref="MSG1",
        message_format="pnrgov",
        bookings=(booking,),
        flight=flight,
        sender="TK",
        recipient="IQCUS",
        interchange_ref="000777",
        prepared_at=datetime(2026, 6, 1, 10, 0),
        declared_count=1,
    )
    manifest = Manifest(
        message_ref="CREW1",
        kind=ManifestKind.CREW,
        legs=(flight,),
        travellers=(crew,),
        message_format="pnrgov",
    )
    issue = ParseIssue(Severity.WARNING, "bad_count", "declared 2", Locator("push.edi", 30, "CNT"))
    return ParsedMessage("push.edi", "pnrgov", (manifest,), (push,), (issue,))


def test_pnr_push_round_trip(db: Database) -> None:
    parsed = _pnr_message()
    received = receive_message(db.sessions, b"UNH+...", source="push.edi")
    with db.sessions.begin() as session:
        content = store_parsed_message(session, received.id, parsed)
    with db.sessions() as session:
        message = get_message(session, received.id)
        (stored,) = load_bookings(session, content.booking_ids)
        travellers = load_travellers(session, content.traveller_ids)
        flight = get_flight(session, stored.flight_ids[0])
    assert (message.sender, message.interchange_ref, message.issues) == (None, None, parsed.issues)
    booked = parsed.pnr_pushes[0].bookings[0].travellers
    assert [t.traveller for t in travellers] == [*parsed.manifests[0].travellers, *booked]
    ali = travellers[1].traveller
    original = parsed.pnr_pushes[0].bookings[0].travellers[0]
    assert ali.fields == original.fields
    assert ali.documents[0].provenance == Provenance.at("push.edi", 12, "TIF", "AHMED:MR")
    assert ali.provenance == original.provenance
    booking = stored.booking
    expected = parsed.pnr_pushes[0].bookings[0]
    for name in ("record_locator", "travellers", "system", "other_locators", "created_at", "modified_at"):
        assert getattr(booking, name) == getattr(expected, name), name
    for name in ("ticketed_at", "contacts", "addresses", "payments", "agency", "remarks"):
        assert getattr(booking, name) == getattr(expected, name), name
    assert booking.agency is not None
    assert booking.agency.provenance == Provenance.at("push.edi", 4, "ORG")
    assert booking.contacts[0].provenance == Provenance.at("push.edi", 20, "CTC")
    assert booking.provenance == Provenance.at("push.edi", 10, "SRC")
    assert [(leg.designator, leg.booking_class, leg.status) for leg in booking.itinerary] == [
        ("TK785", None, None),
        ("TK786", "Y", "HK"),
    ]
    assert flight.leg.departure == datetime(2026, 6, 1, 22, 40)
    assert flight.leg.arrival == datetime(2026, 6, 2, 1, 55)
    assert content.ids_by_ref == {
        "3": content.traveller_ids[0],
        "1": content.traveller_ids[1],
        "2": content.traveller_ids[2],
    }


def test_envelope_of_first_manifest_marks_the_message(db: Database) -> None:
    parsed = _pnr_message()
    manifest = parsed.manifests[0]
    from dataclasses import replace

    parsed = replace(parsed, manifests=(replace(manifest, sender="TK", interchange_ref="000777"),))
    received = receive_message(db.sessions, b"UNH+...", source="push.edi")
    with db.sessions.begin() as session:
        store_parsed_message(session, received.id, parsed)
    with db.sessions() as session:
        message = get_message(session, received.id)
    assert (message.sender, message.interchange_ref) == ("TK", "000777")


def test_overlong_and_nul_text_is_stored_alike_on_every_backend(db: Database) -> None:
    name = "A\x00B" + "X" * 400
    parsed = ParsedMessage(
        "odd.csv",
        "manifest_csv",
        (
            Manifest(
                message_ref="m",
                kind=ManifestKind.PASSENGERS,
                legs=(),
                travellers=(Traveller("1", Name.from_parts(name, "Y\x00")),),
                message_format="manifest_csv",
            ),
        ),
    )
    received = receive_message(db.sessions, b"x", source="odd.csv")
    with db.sessions.begin() as session:
        store_parsed_message(session, received.id, parsed)
    with db.sessions() as session:
        (stored,) = travellers_of_message(session, received.id)
        family = session.execute(select(TravellerRow.family_name)).scalar_one()
    assert stored.traveller.name.family == "A\ufffdB" + "X" * 400  # the JSON name keeps it whole
    assert stored.traveller.name.given == "Y\ufffd"
    assert family == ("A\ufffdB" + "X" * 400)[:300]  # the indexed column is cut to its length


def test_a_large_manifest_round_trips_through_the_batch_path(db: Database) -> None:
    """Enough rows for PostgreSQL's COPY path: values must come back as from a plain insert."""
    travellers = tuple(
        Traveller(
            ref=f"R{n}",
            name=Name.from_parts(f"FAMILY{n}", ["ÉLISE", "Ζωή"] if n % 2 else "OMAR"),
            birth_date=PartialDate(1950 + n, n % 12 + 1, None if n % 3 else 5),
            sex=Sex.FEMALE if n % 2 else Sex.MALE,
            nationalities=("FRA", "GRC") if n % 2 else (),
            documents=(
                TravelDocument(
                    "P", f"X{n:07d}", "FRA", PartialDate(2031, 2, 28), None, Provenance.at("big", n)
                ),
            ),
            contacts=(Contact(ContactKind.EMAIL, f"p{n}@example.org"),) if n % 4 == 0 else (),
            verified=bool(n % 2),
            references={"ABO": str(n), "SEA": f"{n}C"},
            provenance=Provenance.at("big", n, "NAD", f"NAD+FL+++FAMILY{n}:'\\tq\"uote"),
        )
        for n in range(45)
    )
    leg = Leg("AF", "1234", "CDG", "ATH", datetime(2026, 7, 1, 6, 5))
    parsed = ParsedMessage(
        "big", "paxlst", (Manifest("B", ManifestKind.PASSENGERS, (leg,), travellers, "paxlst"),)
    )
    received = receive_message(db.sessions, b"x", source="big")
    with db.sessions.begin() as session:
        content = store_parsed_message(session, received.id, parsed)
    with db.sessions() as session:
        stored = load_travellers(session, list(reversed(content.traveller_ids)))
    assert [s.traveller for s in stored] == list(reversed(travellers))
    assert [s.traveller.provenance for s in stored] == [t.provenance for t in reversed(travellers)]
    assert [s.traveller.documents[0].provenance for s in stored][-1] == Provenance.at("big", 0)
