"""Booking conditions: how late the ticket was bought, how it was paid, who else is on it, remarks.

Late, cash-paid, single-traveller one-way tickets are the booking pattern that foreign-fighter
travel showed (OSCE/ODIHR and UNCTED guidance on API/PNR); each is a separate condition because
each alone is common among ordinary travellers and only their combination is worth a look.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from waystation.rules.conditions.base import (
    BaseCondition,
    BuildContext,
    Condition,
    Finding,
    Params,
    default_registry,
)
from waystation.rules.conditions.facts import as_datetime, journey_departure, show_time
from waystation.rules.protected import words_of
from waystation.rules.subject import ReferenceData, RuleSubject

__all__ = [
    "BookedBeforeDeparture",
    "BookingEvent",
    "PartySize",
    "PaymentMethod",
    "PaymentMethodIs",
    "RemarkContains",
]


class BookingEvent(StrEnum):
    CREATED = "created"
    TICKETED = "ticketed"


class PaymentMethod(StrEnum):
    """PNRGOV form-of-payment codes (FOP segment)."""

    CA = "CA"
    CC = "CC"
    CK = "CK"
    MS = "MS"
    IN = "IN"
    DB = "DB"


_METHOD_NAMES = {
    "CA": "cash",
    "CC": "card",
    "CK": "cheque",
    "MS": "miscellaneous",
    "IN": "invoice",
    "DB": "debit",
}


class BookedParams(Params):
    within_hours: int = Field(ge=1, le=24 * 30)
    event: BookingEvent = BookingEvent.CREATED


@dataclass(frozen=True, slots=True)
class BookedBeforeDeparture(BaseCondition):
    """The booking was made (or ticketed) at most N hours before the journey departs."""

    within_hours: int
    event: BookingEvent

    def describe(self) -> str:
        return f"{self.event.value} at most {self.within_hours} h before departure"

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        booking = subject.booking
        if booking is None:
            return Finding("booked_before_departure", False, "no booking is known")
        moment = booking.created_at if self.event is BookingEvent.CREATED else booking.ticketed_at
        departure = journey_departure(subject)
        if moment is None or departure is None:
            missing = f"{self.event.value} time" if moment is None else "departure time"
            return Finding(
                "booked_before_departure", False, f"booking {booking.record_locator}: {missing} unknown"
            )
        hours = (
            as_datetime(departure, latest=True) - as_datetime(moment, latest=False)
        ).total_seconds() / 3600
        values = (
            (self.event.value, show_time(moment)),
            ("departure", show_time(departure)),
            ("hours", f"{hours:.1f}"),
        )
        held = 0 <= hours <= self.within_hours
        relation = "within" if held else "not within"
        sentence = (
            f"booking {booking.record_locator} was {self.event.value} {hours:.1f} h before departure, "
            f"{relation} {self.within_hours} h"
        )
        return Finding("booked_before_departure", held, sentence, values)


@default_registry().register(
    "booked_before_departure",
    params=BookedParams,
    reads={"booking.created_at", "booking.ticketed_at", "leg.departure"},
    summary="the booking was created (or ticketed) at most N hours before departure",
)
def _booked(params: BookedParams, context: BuildContext) -> Condition:
    return BookedBeforeDeparture(params.within_hours, params.event)


class PaymentParams(Params):
    methods: list[PaymentMethod] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class PaymentMethodIs(BaseCondition):
    """A form of payment of the booking is one of the given methods."""

    methods: frozenset[str]

    def _wanted(self) -> str:
        return " or ".join(f"{_METHOD_NAMES.get(m, m)} ({m})" for m in sorted(self.methods))

    def describe(self) -> str:
        return f"paid by {self._wanted()}"

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        booking = subject.booking
        if booking is None:
            return Finding("payment", False, "no booking is known")
        used = [p for p in booking.payments if p.method.strip().upper() in self.methods]
        if not used:
            seen = ", ".join(sorted({p.method for p in booking.payments})) or "none recorded"
            sentence = f"booking {booking.record_locator} was not paid by {self._wanted()} (forms: {seen})"
            return Finding("payment", False, sentence, (("methods", seen),))
        first = used[0]
        method = first.method.strip().upper()
        amount = f", {first.amount} {first.currency or ''}".rstrip() if first.amount else ""
        name = _METHOD_NAMES.get(method, method)
        sentence = f"booking {booking.record_locator} was paid in {name} ({method}{amount})"
        return Finding("payment", True, sentence, (("method", method),))


@default_registry().register(
    "payment",
    params=PaymentParams,
    reads={"booking.payment_method"},
    summary="the booking was paid by one of the given forms of payment (e.g. CA cash)",
)
def _payment(params: PaymentParams, context: BuildContext) -> Condition:
    return PaymentMethodIs(frozenset(m.value for m in params.methods))


class PartyParams(Params):
    min: int | None = Field(default=None, ge=1, le=999)
    max: int | None = Field(default=None, ge=1, le=999)

    @model_validator(mode="after")
    def _bounds(self) -> PartyParams:
        if self.min is None and self.max is None:
            raise ValueError("give min and/or max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is larger than max")
        return self


@dataclass(frozen=True, slots=True)
class PartySize(BaseCondition):
    """The number of travellers in the booking is within bounds (``max: 1`` = travels alone)."""

    low: int | None
    high: int | None

    def describe(self) -> str:
        if self.high == 1:
            return "travels alone in the booking"
        return f"booking party of {self.low or 1} to {self.high or 'any number of'} travellers"

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        booking = subject.booking
        if booking is None:
            return Finding("party_size", False, "no booking is known")
        size = len(booking.travellers) or 1
        held = (self.low is None or size >= self.low) and (self.high is None or size <= self.high)
        bounds = f"{self.low or 1}..{self.high if self.high is not None else '∞'}"
        who = "the traveller alone" if size == 1 else f"{size} travellers"
        sentence = (
            f"booking {booking.record_locator} holds {who} ({'within' if held else 'outside'} {bounds})"
        )
        return Finding("party_size", held, sentence, (("party_size", str(size)),))


@default_registry().register(
    "party_size",
    params=PartyParams,
    reads={"booking.party_size"},
    summary="number of travellers in the booking within bounds (max: 1 for travelling alone)",
)
def _party(params: PartyParams, context: BuildContext) -> Condition:
    return PartySize(params.min, params.max)


Term = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=80)]


class RemarkParams(Params):
    terms: list[Term] = Field(min_length=1, max_length=50)


@dataclass(frozen=True, slots=True)
class RemarkContains(BaseCondition):
    """A booking remark contains one of the terms as whole words (case and accents ignored).

    Free text is where protected attributes hide (meal requests, medical notes), so every term is
    checked against the keyword blacklist when the rule is loaded.
    """

    terms: tuple[str, ...]

    def describe(self) -> str:
        return "a booking remark mentions " + " or ".join(repr(t) for t in self.terms)

    def searched_text(self) -> tuple[str, ...]:
        return self.terms

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        booking = subject.booking
        if booking is None:
            return Finding("remark_contains", False, "no booking is known")
        for remark in booking.remarks:
            words = words_of(remark)
            for term in self.terms:
                wanted = words_of(term)
                if wanted and any(words[i : i + len(wanted)] == wanted for i in range(len(words))):
                    sentence = f"a remark of booking {booking.record_locator} mentions {term!r}: {remark!r}"
                    return Finding("remark_contains", True, sentence, (("term", term),))
        count = len(booking.remarks)
        sentence = f"none of the {count} remarks of booking {booking.record_locator} mentions the terms"
        return Finding("remark_contains", False, sentence)


@default_registry().register(
    "remark_contains",
    params=RemarkParams,
    reads={"booking.remarks"},
    summary="a booking remark contains one of the given words (keyword blacklist applies)",
)
def _remark(params: RemarkParams, context: BuildContext) -> Condition:
    return RemarkContains(tuple(params.terms))
