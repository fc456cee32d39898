"""The flight board: flights of the next hours with their travellers, alerts and data quality.

Scheduled times in carrier messages are local wall-clock times at the airport; the board puts
them on one clock (UTC, through each airport's time zone from the offline ``airportsdata``
table) so "the next 72 hours" and "late" mean the same thing at every airport.

A Passenger Information Unit receives messages for flights into and out of its own country, so
the country that the most stored flights touch is taken as home: a flight leaving it is a
departure, one landing in it an arrival.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import airportsdata

from waystation.cases.permissions import Permission, require
from waystation.rules.airports import airport_country
from waystation.services.data_quality import CarrierQuality, FlightQuality, carrier_quality, flight_quality
from waystation.services.principal import Principal
from waystation.services.workspace import Workspace
from waystation.store import StoredFlight, alert_counts, get_flight, traveller_counts, travellers_on_flight
from waystation.store.board import flight_ids_between, message_arrivals

__all__ = ["BoardRow", "FlightBoard", "flight_board", "to_utc"]


@cache
def _zones() -> dict[str, str]:
    return {code.upper(): row["tz"] for code, row in airportsdata.load("IATA").items() if row.get("tz")}


def to_utc(value: datetime | date | None, airport: str | None) -> datetime | None:
    """A local scheduled time at ``airport`` in UTC; a bare day counts from local midnight."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.combine(value, time())
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    try:
        zone = ZoneInfo(_zones().get((airport or "").upper(), "UTC"))
    except ZoneInfoNotFoundError:
        zone = ZoneInfo("UTC")
    return moment.replace(tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class BoardRow:
    flight: StoredFlight
    direction: str
    departure_utc: datetime | None
    arrival_utc: datetime | None
    travellers: int
    alerts: dict[str, int]
    quality: FlightQuality

    @property
    def carrier(self) -> str:
        return self.flight.leg.carrier or "?"


@dataclass(frozen=True, slots=True)
class FlightBoard:
    start: datetime
    end: datetime
    home_country: str | None
    rows: tuple[BoardRow, ...]
    carriers: tuple[CarrierQuality, ...]

    def direction(self, direction: str) -> list[BoardRow]:
        return [r for r in self.rows if r.direction == direction]


def _home(flights: list[StoredFlight]) -> str | None:
    counts: Counter[str] = Counter()
    for flight in flights:
        touched = {airport_country(flight.leg.origin), airport_country(flight.leg.destination)}
        counts.update(c for c in touched if c)
    return counts.most_common(1)[0][0] if counts else None


def _direction(flight: StoredFlight, home: str | None) -> str:
    if home and airport_country(flight.leg.origin) == home:
        return "departure"
    if home and airport_country(flight.leg.destination) == home:
        return "arrival"
    return "other"


def flight_board(
    workspace: Workspace, principal: Principal, *, now: datetime | None = None, hours: int = 72
) -> FlightBoard:
    """Flights departing (or landing, for arrivals) between ``now`` and ``now + hours``."""
    require(principal.role, Permission.READ_TRAVELLERS)
    start = (now or datetime.now(UTC)).astimezone(UTC)
    end = start + timedelta(hours=hours)
    with workspace.transaction() as session:
        # Local times run up to 14 h either side of UTC: fetch a day more each way, then filter.
        margin = timedelta(days=1)
        candidates = flight_ids_between(
            session, (start - margin).replace(tzinfo=None), (end + margin).replace(tzinfo=None)
        )
        flights = [get_flight(session, ident) for ident in candidates]
        home = _home(flights)
        timed = []
        for flight in flights:
            leg = flight.leg
            departure = to_utc(leg.departure, leg.origin)
            arrival = to_utc(leg.arrival, leg.destination)
            direction = _direction(flight, home)
            moment = arrival if direction == "arrival" and arrival else departure
            if moment is not None and start - timedelta(hours=1) <= moment < end:
                timed.append((flight, direction, departure, arrival))
        ids = [f.id for f, *_ in timed]
        counts = traveller_counts(session, ids)
        alerts = alert_counts(session, ids)
        arrivals = message_arrivals(session, ids)
        rows = []
        for flight, direction, departure, arrival in timed:
            messages = arrivals.get(flight.id, [])
            quality = flight_quality(
                departure_utc=departure,
                list_received=[m.received_at for m in messages if m.kind == "paxlst"],
                pnr_pushes=sum(1 for m in messages if m.kind == "pnrgov"),
                travellers=[t.traveller for t in travellers_on_flight(session, flight.id)],
            )
            count, kinds = counts.get(flight.id, 0), alerts.get(flight.id, {})
            rows.append(BoardRow(flight, direction, departure, arrival, count, kinds, quality))
    rows.sort(key=lambda r: (r.departure_utc or end, r.flight.leg.designator))
    carriers = carrier_quality((r.carrier, r.quality) for r in rows)
    return FlightBoard(start, end, home, tuple(rows), tuple(carriers))
