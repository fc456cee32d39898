"""The generic field condition: compare one named field of the subject with values.

It is the flexible escape hatch a supervisor will reach for ("booking agency is X"), and so the
one most open to abuse ("sex is F", "given name is MOHAMMED"). The field names are a fixed
catalogue below; which of them a rule may actually read is decided by the protected-attribute
policy's whitelist, not here — the catalogue deliberately includes fields no rule may use, so
that the refusal is explicit and explained rather than a mere "unknown field".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from waystation.model import Traveller
from waystation.rules.conditions.base import (
    BaseCondition,
    BuildContext,
    BuildError,
    Condition,
    Finding,
    Params,
    default_registry,
)
from waystation.rules.protected import words_of
from waystation.rules.subject import ReferenceData, RuleSubject

__all__ = ["FIELDS", "FieldMatch"]


def _name_parts(traveller: Traveller, kind: str) -> tuple[str, ...]:
    name = traveller.name
    value = {"full": name.full, "given": name.given, "family": name.family}[kind]
    return (value,) if value else ()


Accessor = Callable[[RuleSubject], tuple[str, ...]]

FIELDS: dict[str, Accessor] = {
    "journey.origin": lambda s: tuple(x for x in (s.flights[0].origin if s.flights else None,) if x),
    "journey.destination": lambda s: tuple(
        x for x in (s.flights[-1].destination if s.flights else None,) if x
    ),
    "journey.transits": lambda s: tuple(x.destination for x in s.flights[:-1] if x.destination),
    "leg.carrier": lambda s: tuple(x.carrier for x in s.flights if x.carrier),
    "leg.flight": lambda s: tuple(x.designator for x in s.flights if x.designator),
    "booking.record_locator": lambda s: (s.booking.record_locator,) if s.booking else (),
    "booking.agency": lambda s: (
        (s.booking.agency.code,) if s.booking and s.booking.agency and s.booking.agency.code else ()
    ),
    "booking.payment_method": lambda s: tuple(p.method for p in s.booking.payments) if s.booking else (),
    "booking.remarks": lambda s: s.booking.remarks if s.booking else (),
    "document.type": lambda s: tuple(d.doc_type for d in s.travel_documents if d.doc_type),
    "document.issuing_country": lambda s: tuple(
        d.issuing_country for d in s.travel_documents if d.issuing_country
    ),
    "traveller.nationality": lambda s: s.traveller.nationalities,
    # Present so that the guard can refuse them by name; no rule may read these.
    "traveller.name": lambda s: _name_parts(s.traveller, "full"),
    "traveller.given_name": lambda s: _name_parts(s.traveller, "given"),
    "traveller.family_name": lambda s: _name_parts(s.traveller, "family"),
    "traveller.sex": lambda s: (s.traveller.sex.value,) if s.traveller.sex else (),
    "traveller.birth_date": lambda s: (s.traveller.birth_date.iso(),) if s.traveller.birth_date else (),
    "traveller.birth_place": lambda s: (s.traveller.birth_place,) if s.traveller.birth_place else (),
    "traveller.residence_country": lambda s: (
        (s.traveller.residence_country,) if s.traveller.residence_country else ()
    ),
    "traveller.address": lambda s: (str(s.traveller.address),) if s.traveller.address else (),
    "traveller.contacts": lambda s: tuple(c.value for c in s.traveller.contacts),
    "booking.contacts": lambda s: tuple(c.value for c in s.booking.contacts) if s.booking else (),
    "booking.addresses": lambda s: tuple(str(a) for a in s.booking.addresses) if s.booking else (),
}

Value = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class FieldParams(Params):
    field: str = Field(min_length=1, max_length=64)
    equals: list[Value] | None = Field(default=None, max_length=100)
    contains: list[Value] | None = Field(default=None, max_length=50)

    @model_validator(mode="after")
    def _one_test(self) -> FieldParams:
        if not self.equals and not self.contains:
            raise ValueError("give 'equals' (exact values) and/or 'contains' (words)")
        return self


@dataclass(frozen=True, slots=True)
class FieldMatch(BaseCondition):
    """A field equals one of the values (case-insensitive) or contains one of the words."""

    name: str
    equals: tuple[str, ...]
    contains: tuple[str, ...]

    def describe(self) -> str:
        tests = []
        if self.equals:
            tests.append("is " + " or ".join(self.equals))
        if self.contains:
            tests.append("mentions " + " or ".join(self.contains))
        return f"{self.name} " + " or ".join(tests)

    def fields(self) -> frozenset[str]:
        return frozenset({self.name})

    def searched_text(self) -> tuple[str, ...]:
        return self.equals + self.contains

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        values = FIELDS[self.name](subject)
        wanted = {v.casefold() for v in self.equals}
        for value in values:
            if value.strip().casefold() in wanted:
                return Finding("field", True, f"{self.name} is {value}", ((self.name, value),))
            words = words_of(value)
            for term in self.contains:
                term_words = words_of(term)
                if term_words and any(
                    words[i : i + len(term_words)] == term_words for i in range(len(words))
                ):
                    return Finding(
                        "field", True, f"{self.name} {value!r} mentions {term!r}", ((self.name, value),)
                    )
        shown = ", ".join(values) or "no value"
        return Finding("field", False, f"{self.name} does not match ({shown})")


@default_registry().register(
    "field",
    params=FieldParams,
    reads=set(),
    summary="a named field equals one of the values or mentions one of the words (whitelisted fields only)",
)
def _field(params: FieldParams, context: BuildContext) -> Condition:
    if params.field not in FIELDS:
        raise BuildError(f"unknown field {params.field!r}; known: {', '.join(sorted(FIELDS))}")
    return FieldMatch(params.field, tuple(params.equals or ()), tuple(params.contains or ()))
