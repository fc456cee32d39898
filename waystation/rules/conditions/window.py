"""Time-window conditions: departures at certain hours, or within a period of dates.

A window narrows a rule to when it is justified — the weeks of a known movement, the night
flights a facilitation network used — so that the rule does not run on everyone all year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from pydantic import model_validator

from waystation.rules.conditions.base import (
    BaseCondition,
    BuildContext,
    Condition,
    Finding,
    Params,
    default_registry,
)
from waystation.rules.conditions.facts import journey_departure, show_time
from waystation.rules.subject import ReferenceData, RuleSubject

__all__ = ["DepartureHours", "DeparturePeriod"]


class HoursParams(Params):
    after: time
    before: time

    @model_validator(mode="after")
    def _distinct(self) -> HoursParams:
        if self.after == self.before:
            raise ValueError("after and before are equal: the window would be empty or the whole day")
        return self


@dataclass(frozen=True, slots=True)
class DepartureHours(BaseCondition):
    """The journey departs between two local times (the window may wrap midnight)."""

    after: time
    before: time

    def describe(self) -> str:
        return f"departs between {self.after:%H:%M} and {self.before:%H:%M} local time"

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        departure = journey_departure(subject)
        if not isinstance(departure, datetime):
            return Finding(
                "departure_hours", False, f"the departure time is not known ({show_time(departure)})"
            )
        moment = departure.time().replace(tzinfo=None)
        if self.after < self.before:
            held = self.after <= moment < self.before
        else:
            held = moment >= self.after or moment < self.before
        relation = "inside" if held else "outside"
        sentence = f"departs at {moment:%H:%M} local time, {relation} {self.after:%H:%M}–{self.before:%H:%M}"
        return Finding("departure_hours", held, sentence, (("departure", show_time(departure)),))


@default_registry().register(
    "departure_hours",
    params=HoursParams,
    reads={"leg.departure"},
    summary="the journey departs between two local times",
)
def _hours(params: HoursParams, context: BuildContext) -> Condition:
    return DepartureHours(params.after, params.before)


class PeriodParams(Params):
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> PeriodParams:
        if self.end < self.start:
            raise ValueError("end is before start")
        return self


@dataclass(frozen=True, slots=True)
class DeparturePeriod(BaseCondition):
    """The journey departs on a day between two dates (both included)."""

    start: date
    end: date

    def describe(self) -> str:
        return f"departs between {self.start} and {self.end}"

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        departure = journey_departure(subject)
        if departure is None:
            return Finding("departure_period", False, "the departure day is not known")
        day = departure.date() if isinstance(departure, datetime) else departure
        held = self.start <= day <= self.end
        relation = "inside" if held else "outside"
        return Finding(
            "departure_period",
            held,
            f"departs on {day}, {relation} {self.start} to {self.end}",
            (("departure", day.isoformat()),),
        )


@default_registry().register(
    "departure_period",
    params=PeriodParams,
    reads={"leg.departure"},
    summary="the journey departs between two dates",
)
def _period(params: PeriodParams, context: BuildContext) -> Condition:
    return DeparturePeriod(params.start, params.end)
