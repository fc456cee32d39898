"""Every real PNRGOV sample, checked against values read by hand from the raw files (data/*.csv)."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES
from tests.ingest.tables import CONTEXT, parsed, rows, text, when
from waystation.model import Booking, NamePartKind

PUSHES = rows("pnrgov_pushes.csv")
BOOKINGS = rows("pnrgov_bookings.csv")
TRAVELLERS = rows("pnrgov_travellers.csv")


def _booking(file: str, locator: str) -> Booking:
    (push,) = parsed(file).pnr_pushes
    return next(b for b in push.bookings if b.record_locator == locator)


def test_every_pnrgov_sample_has_expectations() -> None:
    files = sorted(p.name for p in SAMPLES.glob("pnrgov-gtas-*.edi"))
    assert len(files) == 15
    for table in (PUSHES, BOOKINGS, TRAVELLERS):
        assert {r["file"] for r in table} == set(files)


@pytest.mark.parametrize("row", PUSHES, ids=lambda r: r["file"])
def test_push(row: dict[str, str]) -> None:
    message = parsed(row["file"])
    assert message.message_format == "pnrgov"
    (push,) = message.pnr_pushes
    assert push.message_format == row["message_format"]
    assert push.flight is not None
    assert push.flight.designator == row["flight"]
    assert (push.flight.origin, push.flight.destination) == (row["origin"], row["destination"])
    assert when(push.flight.departure) == row["departure"]
    assert len(push.bookings) == int(row["bookings"])
    assert text(push.declared_count) == row["declared"]
    assert text(push.sender) == row["sender"]
    assert [b.record_locator for b in push.bookings] == [
        r["locator"] for r in BOOKINGS if r["file"] == row["file"]
    ]
    assert not [i for i in message.issues if i.code == "reader_failure"]


@pytest.mark.parametrize("row", BOOKINGS, ids=lambda r: f"{r['file']}-{r['locator']}")
def test_booking(row: dict[str, str]) -> None:
    booking = _booking(row["file"], row["locator"])
    assert len(booking.travellers) == int(row["travellers"])
    assert "|".join(leg.designator for leg in booking.itinerary) == row["legs"]
    assert "|".join(booking.other_locators) == row["other_locators"]
    assert text(booking.agency.code if booking.agency else None) == row["agency"]
    assert when(booking.created_at) == row["created"]
    assert "|".join(c.value for c in booking.contacts) == row["contacts"]
    payments = "|".join(f"{p.method}:{p.card_vendor or ''}:{p.card_last4 or ''}" for p in booking.payments)
    assert payments == row["payments"]
    assert all(t.booking_ref == row["locator"] for t in booking.travellers)


@pytest.mark.parametrize("row", TRAVELLERS, ids=lambda r: f"{r['file']}-{r['ref']}")
def test_traveller(row: dict[str, str]) -> None:
    (push,) = parsed(row["file"]).pnr_pushes
    travellers = {t.ref: t for b in push.bookings for t in b.travellers}
    traveller = travellers[row["ref"]]
    assert text(traveller.name.family) == row["surname"]
    assert text(traveller.name.given) == row["given"]
    titles = [p.text for p in traveller.name.parts if p.kind is NamePartKind.TITLE]
    assert "".join(titles) == row["title"]
    assert traveller.references.get("PTC", "") == row["ptc"]
    assert (traveller.birth_date.iso() if traveller.birth_date else "") == row["birth_date"]
    assert text(traveller.sex.value if traveller.sex else None) == row["sex"]
    assert ",".join(traveller.nationalities) == row["nationality"]
    assert len(traveller.documents) == int(row["documents"])
    if traveller.documents:
        doc = traveller.documents[0]
        assert text(doc.number) == row["doc_number"]
        assert (doc.expiry.iso() if doc.expiry else "") == row["doc_expiry"]
        assert text(doc.issuing_country) == row["doc_issuer"]
    assert traveller.fields["name"].locator.tag == "TIF" or traveller.references.get("PTC") == "IN"


def test_cards_are_hashed_or_masked_never_kept() -> None:
    booking = _booking("pnrgov-gtas-6.edi", "7C789A")
    amex = booking.payments[0]
    assert (amex.card_vendor, amex.card_last4, amex.amount, amex.card_hash) == ("AX", "9581", "800.00", None)
    assert amex.provenance is not None
    assert "372395XXXXX9581" not in (amex.provenance.raw or "")
    assert booking.payments[0].provenance.raw == "FOP+CC::800.00:AX:XXXXXXXXXXX9581:0318"  # type: ignore[union-attr]
    from waystation.ingest.registry import parse_message

    data = (SAMPLES / "pnrgov-gtas-6.edi").read_bytes().replace(b"372395XXXXX9581", b"378282246310005")
    full = parse_message(data, "card.edi", context=CONTEXT).pnr_pushes[0].bookings[0].payments[0]
    assert full.card_hash == CONTEXT.card_hash("378282246310005")
    assert full.card_last4 == "0005"
    assert "378282246310005" not in repr(parse_message(data, "card.edi", context=CONTEXT))


def test_payer_remarks_and_history() -> None:
    booking = _booking("pnrgov-gtas-1.edi", "MFN4TI")
    assert booking.payments[0].payer == "TIMOTHY SIMS"
    assert "THIS PASSENGER IS A VIP" in booking.remarks
    assert booking.agency is not None
    assert (booking.agency.location, booking.agency.iata_number, booking.agency.country) == (
        "ATL",
        "52519950",
        "GBR",
    )
    assert when(booking.modified_at) == "2010-12-06T10:10"
    assert when(booking.ticketed_at) == "2010-12-06T12:00"
    hotel = _booking("pnrgov-gtas-1.edi", "ABCDEF")
    assert hotel.itinerary == ()
    assert any("VANCOUVER ARMS" in r for r in hotel.remarks)
    history = _booking("pnrgov-gtas-4.edi", "W9TEND").remarks
    assert "history: XF MC 0 VANDENBERG KEVIN 20 00" in history
    assert "history: GN FROM NONE TO ACME TEAM PARTY" in history
    lts = _booking("pnrgov-gtas-8.edi", "3PGZOV").remarks
    assert "history: 0/O/NM/BELT/ISABELLE MRS(ADT)(INF/SOPHY/20SEP12)" in lts


def test_codeshare_stub_and_visa() -> None:
    first = _booking("pnrgov-gtas-10.edi", "3MZVP2")
    assert [(leg.carrier, leg.flight, leg.booking_class) for leg in first.itinerary] == [
        ("AC", "AC9099", "U")
    ]
    assert "flight stub: TVL+++++474:U" in first.remarks
    (traveller,) = _booking("pnrgov-gtas-13.edi", "06A9FD").travellers
    visa = traveller.documents[1]
    assert (visa.doc_type, visa.number, str(visa.issued), visa.issuing_country) == (
        "V",
        "8675309",
        "2006-12-22",
        "LIE",
    )
    assert traveller.birth_place == "HERE VA"
    assert "ssr_association" in {i.code for i in parsed("pnrgov-gtas-13.edi").issues}


def test_leg_times_and_status() -> None:
    booking = _booking("pnrgov-gtas-1.edi", "MFN4TI")
    first = booking.itinerary[0]
    assert (when(first.departure), when(first.arrival), first.booking_class) == (
        "2010-12-12T09:15",
        "2010-12-12T12:30",
        "B",
    )
    assert booking.itinerary[1].status == "HK"
    assert when(_booking("pnrgov-gtas-5.edi", "BGXFR4").itinerary[0].arrival) == "2020-02-22T09:00"
