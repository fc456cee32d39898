"""Data-quality badges per flight and per carrier: what the carriers' messages failed to give us.

Screening is only as good as its input. A flight with no passenger list was not screened; a list
received after the doors closed was screened too late to matter; a traveller without a document
number cannot be told apart from a namesake; a document number whose MRZ check digit is wrong
was mangled on the way. Analysts see these beside the flight, supervisors take them up with the
carrier. Pure: the flight board service gathers the facts, this counts them.

"Late" follows the usual API deadline: the passenger list is due when check-in closes; a list
received less than :data:`LATE_BEFORE_DEPARTURE` before the scheduled departure (in UTC, from the
origin airport's time zone) is late.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from waystation.model import Traveller
from waystation.services.mrz import parse_mrz_number

__all__ = [
    "LATE_BEFORE_DEPARTURE",
    "Badge",
    "CarrierQuality",
    "FlightQuality",
    "carrier_quality",
    "flight_quality",
]

LATE_BEFORE_DEPARTURE = timedelta(minutes=30)


class Badge(StrEnum):
    """One kind of data-quality problem (the page shows each as a badge with its count)."""

    NO_PASSENGER_LIST = "no_passenger_list"
    NO_PNR = "no_pnr"
    LATE_PASSENGER_LIST = "late_passenger_list"
    MISSING_DOCUMENT = "missing_document"
    BAD_CHECK_DIGIT = "bad_check_digit"
    EXPIRED_DOCUMENT = "expired_document"


@dataclass(frozen=True, slots=True)
class FlightQuality:
    """The problems of one flight's data, each with a count (0: none)."""

    passenger_lists: int
    pnr_pushes: int
    travellers: int
    late_lists: int
    missing_documents: int
    bad_check_digits: int
    expired_documents: int

    @property
    def badges(self) -> dict[Badge, int]:
        """Only the problems present, with their counts."""
        found = {
            Badge.NO_PASSENGER_LIST: int(self.passenger_lists == 0),
            Badge.NO_PNR: int(self.pnr_pushes == 0),
            Badge.LATE_PASSENGER_LIST: self.late_lists,
            Badge.MISSING_DOCUMENT: self.missing_documents,
            Badge.BAD_CHECK_DIGIT: self.bad_check_digits,
            Badge.EXPIRED_DOCUMENT: self.expired_documents,
        }
        return {badge: count for badge, count in found.items() if count}


def _expired(traveller: Traveller, day: date | None) -> bool:
    if day is None:
        return False
    for document in traveller.documents:
        expiry = document.expiry
        known = expiry is not None and expiry.year and expiry.month and expiry.day
        if known and expiry and date(expiry.year or 1, expiry.month or 1, expiry.day or 1) < day:
            return True
    return False


def flight_quality(
    *,
    departure_utc: datetime | None,
    list_received: Sequence[datetime],
    pnr_pushes: int,
    travellers: Iterable[Traveller],
) -> FlightQuality:
    """Count the problems of one flight: ``list_received`` are the UTC arrival times of its passenger
    lists; a list is late when it came after ``departure_utc - LATE_BEFORE_DEPARTURE``."""
    late = 0
    if departure_utc is not None:
        deadline = departure_utc - LATE_BEFORE_DEPARTURE
        late = sum(1 for received in list_received if received > deadline)
    day = departure_utc.date() if departure_utc else None
    count = missing = bad = expired = 0
    for traveller in travellers:
        count += 1
        numbered = [d for d in traveller.documents if d.number and d.number.strip()]
        if not numbered:
            missing += 1
        for document in numbered:
            parsed = parse_mrz_number(document.number)
            if parsed is not None and not parsed.valid:
                bad += 1
        expired += _expired(traveller, day)
    return FlightQuality(len(list_received), pnr_pushes, count, late, missing, bad, expired)


@dataclass(frozen=True, slots=True)
class CarrierQuality:
    """A carrier's flights in the window and its problems summed over them."""

    carrier: str
    flights: int
    travellers: int
    badges: dict[Badge, int]


def carrier_quality(flights: Iterable[tuple[str, FlightQuality]]) -> list[CarrierQuality]:
    """Sum per carrier (``(carrier, quality)`` pairs); carriers with the most problems first."""
    totals: dict[str, tuple[int, int, dict[Badge, int]]] = {}
    for carrier, quality in flights:
        count, travellers, badges = totals.get(carrier, (0, 0, {}))
        merged = dict(badges)
        for badge, value in quality.badges.items():
            merged[badge] = merged.get(badge, 0) + value
        totals[carrier] = (count + 1, travellers + quality.travellers, merged)
    found = [CarrierQuality(c, n, t, b) for c, (n, t, b) in totals.items()]
    return sorted(found, key=lambda q: (-sum(q.badges.values()), q.carrier))
