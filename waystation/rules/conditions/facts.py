"""Facts about a journey that several conditions need: its times, its transit points.

Leg times are local and may be only a day (a CSV manifest gives no time). Where a day stands for
a time, the bound that makes a condition *harder* to satisfy is used, so missing precision never
makes a rule fire; explanations say when a time was known only to the day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from waystation.model import Leg
from waystation.rules.subject import RuleSubject, SubjectLeg

__all__ = [
    "TransitPoint",
    "as_datetime",
    "journey_arrival",
    "journey_departure",
    "route_text",
    "show_time",
    "transit_points",
]


def as_datetime(value: datetime | date, *, latest: bool) -> datetime:
    """A naive datetime: a date becomes its first (``latest=False``) or last moment of the day."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, time.max if latest else time.min)


def show_time(value: datetime | date | None) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return f"{value.isoformat()} (day only)"


def journey_departure(subject: RuleSubject) -> datetime | date | None:
    """When the journey starts: the first leg's departure."""
    return subject.legs[0].leg.departure if subject.legs else None


def journey_arrival(subject: RuleSubject) -> datetime | date | None:
    """When the journey ends: the last leg's arrival, else its departure."""
    if not subject.legs:
        return None
    last = subject.legs[-1].leg
    return last.arrival or last.departure


@dataclass(frozen=True, slots=True)
class TransitPoint:
    """Where one leg ends and the next begins (the airports differ on an airport change)."""

    inbound: SubjectLeg
    outbound: SubjectLeg

    @property
    def arrival_airport(self) -> str | None:
        return self.inbound.leg.destination

    @property
    def departure_airport(self) -> str | None:
        return self.outbound.leg.origin

    def airports(self) -> tuple[str, ...]:
        found = [a for a in (self.arrival_airport, self.departure_airport) if a]
        return tuple(dict.fromkeys(code.upper() for code in found))


def transit_points(subject: RuleSubject) -> tuple[TransitPoint, ...]:
    return tuple(TransitPoint(a, b) for a, b in zip(subject.legs, subject.legs[1:], strict=False))


def route_text(legs: tuple[Leg, ...]) -> str:
    """``LHR → IST → GZT``."""
    if not legs:
        return "(no legs)"
    stops = [legs[0].origin or "?"]
    for leg in legs:
        if leg.origin and stops[-1] != leg.origin:
            stops.append(f"({leg.origin})")
        stops.append(leg.destination or "?")
    return " → ".join(stops)
