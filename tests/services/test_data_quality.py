"""Data-quality badges: counted from the facts the flight board gathers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from waystation.model import Name, PartialDate, TravelDocument, Traveller
from waystation.services.data_quality import Badge, FlightQuality, carrier_quality, flight_quality
from waystation.services.mrz import check_digit

DEPARTS = datetime(2026, 11, 26, 13, 40, tzinfo=UTC)


def _traveller(ref: str, *documents: TravelDocument) -> Traveller:
    return Traveller(ref=ref, name=Name.from_parts(family="DOE", given="JANE"), documents=documents)


def _passport(number: str | None, expiry: PartialDate | None = None) -> TravelDocument:
    return TravelDocument("P", number, "GBR", expiry)


def test_a_complete_flight_has_no_badge() -> None:
    quality = flight_quality(
        departure_utc=DEPARTS,
        list_received=[DEPARTS - timedelta(hours=2)],
        pnr_pushes=3,
        travellers=[_traveller("1", _passport("123456789"))],
    )
    assert quality == FlightQuality(1, 3, 1, 0, 0, 0, 0)
    assert quality.badges == {}


def test_every_problem_is_counted() -> None:
    good_mrz = f"AB1234<<<{check_digit('AB1234<<<')}"
    bad_mrz = f"CD5678<<<{(check_digit('CD5678<<<') + 5) % 10}"
    travellers = [
        _traveller("1"),  # no document at all
        _traveller("2", _passport(None), _passport("  ")),  # documents without a number
        _traveller("3", _passport(good_mrz)),
        _traveller("4", _passport(bad_mrz)),
        _traveller("5", _passport("X1", PartialDate(2026, 11, 25))),  # expired the day before
        _traveller("6", _passport("X2", PartialDate(2026, 11))),  # month only: not judged
    ]
    quality = flight_quality(
        departure_utc=DEPARTS,
        list_received=[DEPARTS - timedelta(minutes=29), DEPARTS - timedelta(hours=3)],
        pnr_pushes=0,
        travellers=travellers,
    )
    assert quality.badges == {
        Badge.NO_PNR: 1,
        Badge.LATE_PASSENGER_LIST: 1,
        Badge.MISSING_DOCUMENT: 2,
        Badge.BAD_CHECK_DIGIT: 1,
        Badge.EXPIRED_DOCUMENT: 1,
    }


def test_a_flight_without_a_passenger_list() -> None:
    quality = flight_quality(departure_utc=None, list_received=[], pnr_pushes=1, travellers=[])
    assert quality.badges == {Badge.NO_PASSENGER_LIST: 1}


def test_carriers_are_summed_and_the_worst_comes_first() -> None:
    clean = FlightQuality(1, 1, 100, 0, 0, 0, 0)
    late = FlightQuality(1, 1, 80, 1, 2, 0, 0)
    summed = carrier_quality([("TK", clean), ("J2", late), ("J2", late), ("BA", clean)])
    assert [(c.carrier, c.flights, c.travellers, c.badges) for c in summed] == [
        ("J2", 2, 160, {Badge.LATE_PASSENGER_LIST: 2, Badge.MISSING_DOCUMENT: 4}),
        ("BA", 1, 100, {}),
        ("TK", 1, 100, {}),
    ]
