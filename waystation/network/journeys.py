"""Journeys: a person's legs from every message, joined into trips with their transits and breaks.

A person's legs come from the API of each flight and from every PNR that holds them; a split
ticket (two bookings, e.g. one to Istanbul and another on to Gaziantep) shows up only when both
are joined per *person*, which is why this runs after resolution. Copies of one leg (the same
flight on the same day between the same airports) become one :class:`JourneyLeg` that remembers
every booking and sighting it came from, keeping the most precise times seen.

Between two consecutive legs there is a :class:`Stop`:

* ``TRANSIT`` — the next leg leaves the airport the last one reached, within ``max_stay``;
* ``STAY`` — it leaves later than ``max_stay`` (configurable, 24 h by default): the journey breaks;
* ``SURFACE`` — it leaves from another airport (an ARNK, a land crossing): the journey breaks.

Scheduled times are local, and both ends of a stop are at the same airport, so the stop's length
is exact when the arrival and the next departure have times. When only days are known the length
is a range (``at_least``, ``at_most``); the journey breaks only when even ``at_least`` exceeds
``max_stay`` — a stop that may have been a transit stays one, marked ``certain=False``.
Cancelled segments (status HX, XX, UN, UC, NO) are left out. Legs with no date cannot be placed
and are returned apart, as ``undated``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from waystation.model import Leg
from waystation.network.sightings import Sighting, SourceKind

__all__ = ["Itinerary", "Journey", "JourneyLeg", "Stop", "StopKind", "build_itineraries", "itinerary_of"]

DEFAULT_MAX_STAY = timedelta(hours=24)
_CANCELLED = frozenset({"HX", "XX", "UN", "UC", "NO", "XL"})
_DAY = timedelta(days=1)


class StopKind(StrEnum):
    TRANSIT = "transit"
    STAY = "stay"
    SURFACE = "surface"


@dataclass(frozen=True, slots=True)
class JourneyLeg:
    """One flight a person took, merged from every message that mentions it."""

    leg: Leg
    booking_locators: tuple[str, ...]
    sighting_ids: tuple[str, ...]
    sources: tuple[SourceKind, ...]

    @property
    def day(self) -> date | None:
        return _day(self.leg.departure)


@dataclass(frozen=True, slots=True)
class Stop:
    """The time on the ground between two consecutive legs, and what it means for the journey.

    ``duration`` is exact when both times are known; otherwise ``at_least``/``at_most`` bound it.
    ``split_ticket`` is true when the two legs share no booking, ``None`` when a side has none.
    """

    kind: StopKind
    airport: str | None
    next_origin: str | None
    arrived: datetime | date | None
    departs: datetime | date | None
    at_least: timedelta
    at_most: timedelta | None
    certain: bool
    split_ticket: bool | None

    @property
    def duration(self) -> timedelta | None:
        return self.at_least if self.at_most == self.at_least else None

    @property
    def breaks_journey(self) -> bool:
        return self.kind is not StopKind.TRANSIT


@dataclass(frozen=True, slots=True)
class Journey:
    """Consecutive legs joined by transits: one trip, e.g. ``FRA → IST → GZT``."""

    legs: tuple[JourneyLeg, ...]
    transits: tuple[Stop, ...]

    @property
    def origin(self) -> str | None:
        return self.legs[0].leg.origin

    @property
    def destination(self) -> str | None:
        return self.legs[-1].leg.destination

    @property
    def airports(self) -> tuple[str | None, ...]:
        """Origin, every transit airport, destination."""
        return (self.origin, *(leg.leg.destination for leg in self.legs))

    @property
    def split_ticket(self) -> bool:
        return any(stop.split_ticket for stop in self.transits)


@dataclass(frozen=True, slots=True)
class Itinerary:
    """Everything one person flew: journeys in order, the breaks between them, undatable legs."""

    person_id: str
    journeys: tuple[Journey, ...]
    breaks: tuple[Stop, ...]
    undated: tuple[JourneyLeg, ...] = ()


def _day(value: datetime | date | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def _flight(leg: Leg) -> str:
    return "".join(leg.designator.upper().split())


def _precision(leg: Leg) -> tuple[int, int]:
    return (
        isinstance(leg.departure, datetime),
        isinstance(leg.arrival, datetime) + (leg.arrival is not None),
    )


def _merge(copies: list[Leg]) -> Leg:
    """The most precise copy, its gaps filled from the others."""
    best = max(copies, key=_precision)
    arrival = best.arrival or next((c.arrival for c in copies if c.arrival is not None), None)
    if not isinstance(arrival, datetime):
        arrival = next((c.arrival for c in copies if isinstance(c.arrival, datetime)), arrival)
    return replace(
        best, arrival=arrival, carrier=best.carrier or next((c.carrier for c in copies if c.carrier), None)
    )


def _stop(before: JourneyLeg, after: JourneyLeg, max_stay: timedelta) -> Stop:
    arrived, departs = before.leg.arrival, after.leg.departure
    if isinstance(arrived, datetime) and isinstance(departs, datetime):
        at_least = at_most = max(departs - arrived, timedelta(0))
    else:
        start = _day(arrived) or _day(before.leg.departure)
        end = _day(departs)
        assert start is not None  # only dated legs are joined
        assert end is not None
        days = (end - start).days
        slack = 0 if _day(arrived) else 1  # without an arrival day the flight may land the day after
        at_least = max((days - 1 - slack) * _DAY, timedelta(0))
        at_most = max((days + 1) * _DAY, timedelta(0))
    airport, origin = before.leg.destination, after.leg.origin
    if airport and origin and airport != origin:
        kind = StopKind.SURFACE
    elif at_least > max_stay:
        kind = StopKind.STAY
    else:
        kind = StopKind.TRANSIT
    shared = set(before.booking_locators) & set(after.booking_locators)
    split = None if not (before.booking_locators and after.booking_locators) else not shared
    certain = kind is not StopKind.TRANSIT or (at_most is not None and at_most <= max_stay)
    return Stop(kind, airport, origin, arrived, departs, at_least, at_most, certain, split)


def _journey_legs(sightings: Iterable[Sighting]) -> list[JourneyLeg]:
    copies: dict[tuple[str, date | None, str | None, str | None], list[Leg]] = defaultdict(list)
    seen: dict[
        tuple[str, date | None, str | None, str | None], tuple[set[str], list[str], set[SourceKind]]
    ] = {}
    for sighting in sightings:
        locator = sighting.booking_locator
        for leg in sighting.legs:
            if (leg.status or "").upper() in _CANCELLED:
                continue
            key = (_flight(leg), _day(leg.departure), leg.origin, leg.destination)
            copies[key].append(leg)
            locators, ids, sources = seen.setdefault(key, (set(), [], set()))
            if locator:
                locators.add(locator)
            ids.append(sighting.sighting_id)
            sources.add(sighting.source)
    return [
        JourneyLeg(
            _merge(copies[key]),
            tuple(sorted(seen[key][0])),
            tuple(dict.fromkeys(seen[key][1])),
            tuple(sorted(seen[key][2])),
        )
        for key in copies
    ]


def _order(leg: JourneyLeg) -> tuple[date, time, str, str]:
    departure = leg.leg.departure
    clock = departure.time() if isinstance(departure, datetime) else time.min
    assert leg.day is not None
    return (leg.day, clock, leg.leg.origin or "", _flight(leg.leg))


def itinerary_of(
    person_id: str, sightings: Iterable[Sighting], max_stay: timedelta = DEFAULT_MAX_STAY
) -> Itinerary:
    """One person's journeys, from all of their sightings (see the module docstring)."""
    legs = _journey_legs(sightings)
    dated = sorted((leg for leg in legs if leg.day is not None), key=_order)
    journeys: list[Journey] = []
    breaks: list[Stop] = []
    current: list[JourneyLeg] = []
    transits: list[Stop] = []
    for leg in dated:
        if current:
            stop = _stop(current[-1], leg, max_stay)
            if stop.breaks_journey:
                journeys.append(Journey(tuple(current), tuple(transits)))
                breaks.append(stop)
                current, transits = [], []
            else:
                transits.append(stop)
        current.append(leg)
    if current:
        journeys.append(Journey(tuple(current), tuple(transits)))
    undated = tuple(leg for leg in legs if leg.day is None)
    return Itinerary(person_id, tuple(journeys), tuple(breaks), undated)


def build_itineraries(
    sightings: Iterable[Sighting], person_of: Mapping[str, str], max_stay: timedelta = DEFAULT_MAX_STAY
) -> dict[str, Itinerary]:
    """Every resolved person's itinerary; ``person_of`` is :attr:`Resolution.person_of`."""
    by_person: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in sightings:
        by_person[person_of[sighting.sighting_id]].append(sighting)
    return {person: itinerary_of(person, items, max_stay) for person, items in sorted(by_person.items())}
