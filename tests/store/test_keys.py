"""Storage keys: the same flight, document, contact or person gives the same key."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from waystation.model import Address, ContactKind, Leg, PartialDate
from waystation.store.keys import (
    address_key,
    contact_key,
    document_key,
    flight_key,
    parse_partial_date,
    partial_date_text,
)


@pytest.mark.parametrize(
    ("leg", "key"),
    [
        (Leg("CA", "339", "PEK", "LAX", date(2026, 5, 2)), "CA|339|2026-05-02|PEK|LAX"),
        (Leg("CA", "CA0339", "PEK", "LAX", datetime(2026, 5, 2, 23, 55)), "CA|339|2026-05-02|PEK|LAX"),
        (Leg(None, "CA339", "PEK", "LAX", date(2026, 5, 2)), "CA|339|2026-05-02|PEK|LAX"),
        (Leg(None, "U21234", "LGW", "GVA", date(2026, 5, 2)), "U2|1234|2026-05-02|LGW|GVA"),
        (Leg("9W", "0007A", "BOM", "DEL", date(2026, 5, 2)), "9W|7A|2026-05-02|BOM|DEL"),
        (Leg(None, "1234", "AAA", "BBB", date(2026, 5, 2)), "|1234|2026-05-02|AAA|BBB"),
        (Leg("KL", "1234", "AMS", None, None, date(2026, 5, 3)), "KL|1234|a2026-05-03|AMS|"),
    ],
)
def test_flight_keys(leg: Leg, key: str) -> None:
    assert flight_key(leg).key == key


def test_flight_key_parts() -> None:
    found = flight_key(Leg("TK", "TK0785", "IST", "BGW", datetime(2026, 6, 1, 22, 40)))
    assert (found.carrier, found.number, found.designator, found.departure_date) == (
        "TK",
        "785",
        "TK785",
        date(2026, 6, 1),
    )


def test_document_contact_address_and_name_keys() -> None:
    assert document_key("p 123-456 ") == "P123456"
    assert document_key("ＡＢ１２") == "AB12"  # full-width forms folded
    assert document_key(" - ") is None
    assert document_key(None) is None
    assert contact_key(ContactKind.EMAIL, " Omar@Example.COM ") == "omar@example.com"
    assert contact_key(ContactKind.PHONE, "+90 (555) 010-2030") == "905550102030"
    assert contact_key(ContactKind.OTHER, "  Telegram   @Omar ") == "telegram @omar"
    assert address_key(Address("12, Rue Émile-Zola", "PARIS", None, "75015", "FRA")) == (
        "12 rue emile zola|paris||75015|fra"
    )


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.none() | st.integers(min_value=-99_999, max_value=99_999))
    month = draw(st.none() | st.integers(min_value=1, max_value=12))
    day = draw(st.none() | st.integers(min_value=1, max_value=28)) if month else None
    try:
        return PartialDate(year, month, day)
    except ValueError:  # a full date needs a year the calendar knows (1..9999)
        assume(False)
        raise


@given(partial_dates())
def test_partial_date_text_round_trips(value: PartialDate) -> None:
    text = partial_date_text(value)
    assert text is not None
    assert len(text) <= 16
    assert parse_partial_date(text) == value


def test_partial_date_texts() -> None:
    assert partial_date_text(PartialDate(1985, 3)) == "1985-03"
    assert partial_date_text(PartialDate(None, 5, 3)) == "XXXX-05-03"
    assert partial_date_text(None) is None
    with pytest.raises(ValueError, match="not a stored partial date"):
        parse_partial_date("03/05/1985")
