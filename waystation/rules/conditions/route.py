"""Route conditions: where the journey starts, changes and ends; whether a way back is booked.

The travel routes of foreign terrorist fighters are the reason these rules exist (UNSCR 2178
and 2396): a European origin, a transit in Istanbul, onward to a city on the Syrian border,
one-way. Each part is a separate condition so that a rule states exactly which parts it needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import Field, model_validator

from waystation.model import Leg
from waystation.rules.airports import airport_country, airport_label
from waystation.rules.areas import Area
from waystation.rules.conditions.base import (
    BaseCondition,
    BuildContext,
    Condition,
    Finding,
    Params,
    default_registry,
)
from waystation.rules.conditions.facts import (
    as_datetime,
    journey_arrival,
    route_text,
    show_time,
    transit_points,
)
from waystation.rules.subject import ReferenceData, RuleSubject

__all__ = ["NoReturnBooked", "OneWay", "Route", "RouteParams"]


def _names(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


class RouteParams(Params):
    origin: str | list[str] | None = None
    transit: str | list[str] | None = None
    destination: str | list[str] | None = None

    @model_validator(mode="after")
    def _one_part(self) -> RouteParams:
        if not (self.origin or self.transit or self.destination):
            raise ValueError("give at least one of origin, transit, destination (area names)")
        return self


def _first_in(airports: tuple[str, ...], areas: tuple[Area, ...]) -> tuple[str, Area] | None:
    for airport in airports:
        for area in areas:
            if area.contains(airport):
                return airport, area
    return None


@dataclass(frozen=True, slots=True)
class Route(BaseCondition):
    """Origin, transit and destination each in one of the named areas (all parts given must hold)."""

    origin: tuple[Area, ...]
    transit: tuple[Area, ...]
    destination: tuple[Area, ...]

    def describe(self) -> str:
        parts = []
        for label, areas in (
            ("starts", self.origin),
            ("changes flights", self.transit),
            ("ends", self.destination),
        ):
            if areas:
                parts.append(f"{label} in {' or '.join(a.name for a in areas)}")
        return "the journey " + ", ".join(parts)

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        legs = subject.flights
        if not legs:
            return Finding("route", False, "no legs are known for the journey")
        checks: list[tuple[str, str, tuple[str, ...], tuple[Area, ...]]] = []
        if self.origin:
            checks.append(("origin", "starts at", (legs[0].origin or "",), self.origin))
        if self.transit:
            points = tuple(a for point in transit_points(subject) for a in point.airports())
            checks.append(("transit", "changes flights at", points, self.transit))
        if self.destination:
            checks.append(("destination", "ends at", (legs[-1].destination or "",), self.destination))
        held_parts: list[str] = []
        values: list[tuple[str, str]] = []
        for key, verb, airports, areas in checks:
            found = _first_in(tuple(a for a in airports if a), areas)
            if found is None:
                wanted = " or ".join(a.name for a in areas)
                where = ", ".join(airports) if any(airports) else "no airport"
                what = "transit" if key == "transit" else key
                sentence = f"the journey {route_text(legs)} has no {what} in area {wanted} ({key}: {where})"
                return Finding("route", False, sentence, ((key, where),))
            airport, area = found
            held_parts.append(f"{verb} {area.why(airport)}")
            values.append((key, airport))
        return Finding(
            "route", True, f"the journey {route_text(legs)} " + "; ".join(held_parts), tuple(values)
        )


@default_registry().register(
    "route",
    params=RouteParams,
    reads={"journey.origin", "journey.transits", "journey.destination"},
    summary="origin, transit and/or destination of the journey in named areas of concern",
)
def _route(params: RouteParams, context: BuildContext) -> Condition:
    return Route(
        tuple(context.area(n) for n in _names(params.origin)),
        tuple(context.area(n) for n in _names(params.transit)),
        tuple(context.area(n) for n in _names(params.destination)),
    )


def _returns_home(
    subject: RuleSubject, candidates: tuple[Leg, ...], after: datetime | None, until: datetime | None
) -> Leg | None:
    """The first leg that goes back to the journey's origin in the window, if any.

    "Back" means to the origin airport, or to the origin country when the journey left that
    country (for a domestic journey any airport of the country would count, so the airport is
    required). Legs of the journey itself are not candidates; a leg with no known time counts
    as a return, so missing data never makes "one-way" fire.
    """
    journey = subject.flights
    home = (journey[0].origin or "").upper()
    home_country = airport_country(home)
    if home_country is not None and airport_country(journey[-1].destination) == home_country:
        home_country = None
    for leg in candidates:
        if not leg.destination or leg in journey:
            continue
        going_home = leg.destination.upper() == home.upper() or (
            home_country is not None and airport_country(leg.destination) == home_country
        )
        if not going_home:
            continue
        if leg.departure is not None:
            if after is not None and as_datetime(leg.departure, latest=True) < after:
                continue
            if until is not None and as_datetime(leg.departure, latest=False) > until:
                continue
        return leg
    return None


class OneWayParams(Params):
    pass


@dataclass(frozen=True, slots=True)
class OneWay(BaseCondition):
    """The booking holds no leg back to where the journey started (needs the PNR)."""

    def describe(self) -> str:
        return "the ticket is one-way"

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        legs = subject.flights
        if not legs or not legs[0].origin:
            return Finding("one_way", False, "the journey's origin is not known")
        if subject.booking is None:
            return Finding(
                "one_way", False, "no booking is known, so whether the ticket is one-way cannot be told"
            )
        home = legs[0].origin
        arrival = journey_arrival(subject)
        after = as_datetime(arrival, latest=False) if arrival is not None else None
        locator = subject.booking.record_locator
        back = _returns_home(subject, subject.booking.itinerary, after, None)
        if back is not None:
            sentence = (
                f"booking {locator} includes a return to {airport_label(back.destination)} "
                f"on {back.designator or 'a flight'} ({show_time(back.departure)})"
            )
            return Finding("one_way", False, sentence, (("return", back.destination or ""),))
        sentence = f"booking {locator} holds no leg back to {airport_label(home)}: the ticket is one-way"
        return Finding(
            "one_way", True, sentence, (("booking", locator), ("legs", str(len(subject.booking.itinerary))))
        )


@default_registry().register(
    "one_way",
    params=OneWayParams,
    reads={"journey.origin", "journey.destination", "booking.itinerary", "leg.arrival"},
    summary="the ticket holds no leg back to the journey's origin",
)
def _one_way(params: OneWayParams, context: BuildContext) -> Condition:
    return OneWay()


class NoReturnParams(Params):
    within_days: int | None = Field(default=None, ge=1, le=366)


@dataclass(frozen=True, slots=True)
class NoReturnBooked(BaseCondition):
    """Nothing known — in this booking or any later one — takes the traveller back (within N days)."""

    within_days: int | None

    def describe(self) -> str:
        window = f" within {self.within_days} days" if self.within_days else ""
        return f"no return to the origin country is booked{window}"

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        legs = subject.flights
        if not legs or not legs[0].origin:
            return Finding("no_return_booked", False, "the journey's origin is not known")
        if subject.booking is None:
            return Finding("no_return_booked", False, "no booking is known, so a return cannot be ruled out")
        home = legs[0].origin
        arrival = journey_arrival(subject)
        after = as_datetime(arrival, latest=False) if arrival is not None else None
        until = None
        if after is not None and self.within_days:
            until = after + timedelta(days=self.within_days)
        known = subject.booking.itinerary + subject.later_legs
        back = _returns_home(subject, known, after, until)
        window = f" within {self.within_days} days of arrival" if self.within_days else ""
        if back is not None:
            sentence = (
                f"a return to {airport_label(back.destination)} is booked{window}: "
                f"{back.designator or 'a flight'} on {show_time(back.departure)}"
            )
            return Finding("no_return_booked", False, sentence, (("return", back.destination or ""),))
        sentence = (
            f"none of the {len(known)} known legs after the journey returns to {airport_label(home)}"
            f" or its country{window}"
        )
        return Finding("no_return_booked", True, sentence, (("known_legs", str(len(known))),))


@default_registry().register(
    "no_return_booked",
    params=NoReturnParams,
    reads={"journey.origin", "leg.arrival", "booking.itinerary", "later_legs"},
    summary="no return to the origin country is booked in any known booking (optionally within N days)",
)
def _no_return(params: NoReturnParams, context: BuildContext) -> Condition:
    return NoReturnBooked(params.within_days)
