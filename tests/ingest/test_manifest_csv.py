from __future__ import annotations

from datetime import date

import pytest

from waystation.exc import UnknownFormat, UnreadableMessage
from waystation.ingest.message import ParseContext
from waystation.ingest.registry import parse_message
from waystation.model import PartialDate, Severity, Sex

HEADER = (
    "ref,surname,given_names,date_of_birth,sex,nationality,document_type,document_number,"
    "document_country,flight,departure_date,origin,destination,booking_ref"
)


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def test_reads_travellers_legs_and_documents() -> None:
    data = _csv(
        "P1,AL-BAGHDADI,ABU BAKR,1971-07,M,IRQ,P,A1234567,IRQ,TK0784,2026-07-07,IST,GZT,ABC123",
        "P2,Nováková,Jana,,F,CZE,,,,TK0784,2026-07-07,IST,GZT,ABC124",
        "P3,SMITH,,1980,,,,,,PC1001,2026-07-08,SAW,HTY,",
    )
    parsed = parse_message(data, "day.csv")
    assert parsed.message_format == "manifest_csv"
    assert [len(m.travellers) for m in parsed.manifests] == [2, 1]
    first = parsed.manifests[0]
    assert first.legs[0].designator == "TK0784"
    assert (first.legs[0].origin, first.legs[0].destination) == ("IST", "GZT")
    assert first.legs[0].departure == date(2026, 7, 7)
    p1, p2 = first.travellers
    assert p1.name.family == "AL-BAGHDADI"
    assert p1.name.given == "ABU BAKR"
    assert p1.birth_date == PartialDate(1971, 7)
    assert p1.sex is Sex.MALE
    assert p1.nationalities == ("IRQ",)
    assert p1.documents[0].number == "A1234567"
    assert p1.documents[0].issuing_country == "IRQ"
    assert p1.booking_ref == "ABC123"
    assert p2.name.family == "Nováková"
    assert p2.documents == ()
    assert parsed.manifests[1].travellers[0].birth_date == PartialDate(1980)
    assert parsed.pnr_pushes == ()
    assert parsed.issues == ()


def test_bad_values_are_issues_not_failures() -> None:
    data = _csv("P1,DOE,JOHN,1980-13-45,Q,ZZZ,P,X1,ZZZ,,,,,", ",NOSURNAMEREF,,,,,,,,,,,,")
    parsed = parse_message(data, "bad.csv")
    traveller = next(parsed.travellers())
    assert traveller.birth_date is None
    assert traveller.sex is None
    assert traveller.nationalities == ()
    codes = sorted((i.code, i.locator.line, i.locator.field) for i in parsed.issues)
    assert codes == [
        ("bad_country", 2, "document_country"),
        ("bad_country", 2, "nationality"),
        ("bad_date", 2, "date_of_birth"),
        ("bad_sex", 2, "sex"),
        ("missing_value", 3, "ref"),
    ]
    assert [i.severity for i in parsed.errors] == [Severity.ERROR]


def test_contacts_and_payment_make_bookings_with_hashed_cards() -> None:
    header = HEADER + ",email,phone,payment,address"
    data = _csv(
        "P1,DOE,JOHN,,,,,,,TK1,2026-07-07,IST,GZT,BK1,j@example.org,+905551112233,CC:VI:4111 1111 1111 1111,",
        "P2,DOE,JANE,,,,,,,TK1,2026-07-07,IST,GZT,BK1,,,CC:VI:4111111111111111,1 Main St",
        header=header,
    )
    parsed = parse_message(data, "b.csv", context=ParseContext(card_key=b"k"))
    (push,) = parsed.pnr_pushes
    (booking,) = push.bookings
    assert booking.record_locator == "BK1"
    assert [t.ref for t in booking.travellers] == ["P1", "P2"]
    assert len(booking.payments) == 1  # the same card twice is one payment
    payment = booking.payments[0]
    assert payment.card_last4 == "1111"
    assert payment.card_hash == ParseContext(card_key=b"k").card_hash("4111111111111111")
    assert "4111111111111111" not in repr(booking)
    assert {c.value for c in booking.contacts} == {"j@example.org", "+905551112233"}


@pytest.mark.parametrize(
    ("data", "error", "text"),
    [
        (b"", UnreadableMessage, "empty"),
        (b"ref,given_names\nP1,JOHN\n", UnknownFormat, "not a message format"),
        (HEADER.encode() + b"\n", UnreadableMessage, "no traveller rows"),
        (HEADER.encode() + b"\nP1,M\xfcller,,,,,,,,,,,,\n", UnreadableMessage, "not UTF-8"),
    ],
)
def test_unreadable_files_name_the_file(data: bytes, error: type[Exception], text: str) -> None:
    with pytest.raises(error, match=text) as info:
        parse_message(data, "x.csv")
    assert "x.csv" in str(info.value)


def test_missing_required_column_when_format_is_named() -> None:
    with pytest.raises(UnreadableMessage, match=r"lacks the column.*surname"):
        parse_message(b"ref,given_names\nP1,JOHN\n", "y.csv", message_format="manifest_csv")


def test_dev_set_reads_completely() -> None:
    from tests.conftest import EVAL_DEV

    data = (EVAL_DEV / "synth.csv").read_bytes()
    parsed = parse_message(data, "synth.csv")
    refs = [t.ref for t in parsed.travellers()]
    assert len(refs) == 16192
    assert refs[0] == "P005099"
    assert parsed.issues == ()
