"""The broken journey: a trip bought or flown in pieces so that no single ticket shows it whole.

A European origin to a Syrian border city on one ticket is visible; the same trip as a ticket to
Istanbul, a day's stop, a bus or a second ticket with another carrier from another airport is
not. At each transit point the condition looks for a long stop, a change of carrier, a change
of airport (IST → SAW) and legs sold in separate bookings.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import Field

from waystation.rules.airports import airport_label
from waystation.rules.conditions.base import (
    BaseCondition,
    BuildContext,
    Condition,
    Finding,
    Params,
    default_registry,
)
from waystation.rules.conditions.facts import TransitPoint, as_datetime, show_time, transit_points
from waystation.rules.subject import ReferenceData, RuleSubject

__all__ = ["BreakKind", "BrokenJourney", "BrokenJourneyParams"]


class BreakKind(StrEnum):
    LONG_STOP = "long_stop"
    CARRIER_CHANGE = "carrier_change"
    AIRPORT_CHANGE = "airport_change"
    SEPARATE_BOOKINGS = "separate_bookings"


class BrokenJourneyParams(Params):
    kinds: list[BreakKind] = Field(default_factory=lambda: list(BreakKind), min_length=1)
    min_stop_hours: float = Field(default=12.0, gt=0, le=24 * 14)


@dataclass(frozen=True, slots=True)
class BrokenJourney(BaseCondition):
    """At some transit point the journey breaks in one of the selected ways."""

    kinds: frozenset[BreakKind]
    min_stop_hours: float

    def describe(self) -> str:
        return (
            "the journey breaks at a transit point (" + ", ".join(sorted(k.value for k in self.kinds)) + ")"
        )

    def _breaks(self, point: TransitPoint) -> list[tuple[BreakKind, str]]:
        found: list[tuple[BreakKind, str]] = []
        inbound, outbound = point.inbound.leg, point.outbound.leg
        arrival = inbound.arrival
        if BreakKind.LONG_STOP in self.kinds and arrival is not None and outbound.departure is not None:
            gap = as_datetime(outbound.departure, latest=False) - as_datetime(arrival, latest=True)
            hours = gap.total_seconds() / 3600
            if hours >= self.min_stop_hours:
                found.append(
                    (
                        BreakKind.LONG_STOP,
                        f"at least {hours:.1f} h between arrival ({show_time(arrival)}) and onward departure "
                        f"({show_time(outbound.departure)})",
                    )
                )
        carriers = (inbound.carrier, outbound.carrier)
        if BreakKind.CARRIER_CHANGE in self.kinds and all(carriers) and carriers[0] != carriers[1]:
            found.append((BreakKind.CARRIER_CHANGE, f"carrier changes from {carriers[0]} to {carriers[1]}"))
        arrive, leave = point.arrival_airport, point.departure_airport
        if BreakKind.AIRPORT_CHANGE in self.kinds and arrive and leave and arrive.upper() != leave.upper():
            found.append((BreakKind.AIRPORT_CHANGE, f"arrives at {arrive} and leaves from {leave}"))
        locators = (point.inbound.record_locator, point.outbound.record_locator)
        if BreakKind.SEPARATE_BOOKINGS in self.kinds and all(locators) and locators[0] != locators[1]:
            found.append(
                (
                    BreakKind.SEPARATE_BOOKINGS,
                    f"legs sold in separate bookings {locators[0]} and {locators[1]}",
                )
            )
        return found

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        points = transit_points(subject)
        if not points:
            return Finding("broken_journey", False, "the journey has no transit point")
        for point in points:
            breaks = self._breaks(point)
            if breaks:
                where = airport_label(point.arrival_airport)
                sentence = f"at {where}: " + "; ".join(text for _, text in breaks)
                values = (
                    ("at", point.arrival_airport or ""),
                    ("breaks", ",".join(k.value for k, _ in breaks)),
                )
                return Finding("broken_journey", True, sentence, values)
        where = ", ".join(a for p in points for a in p.airports()) or "unknown airports"
        return Finding(
            "broken_journey", False, f"no break of the selected kinds at the transit points ({where})"
        )


@default_registry().register(
    "broken_journey",
    params=BrokenJourneyParams,
    reads={"journey.transits", "leg.arrival", "leg.departure", "leg.carrier", "leg.booking"},
    summary="a long stop, change of carrier, change of airport or separate bookings at a transit point",
)
def _broken(params: BrokenJourneyParams, context: BuildContext) -> Condition:
    return BrokenJourney(frozenset(params.kinds), params.min_stop_hours)
