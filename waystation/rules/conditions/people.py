"""Conditions on the traveller and the people around them: companions' alerts, nationality.

Recruits travelled in networks — friends and family bringing others — so travelling with someone
whose alert is open or confirmed is a lawful, specific criterion. Nationality is allowed only as
a narrowing condition: the guard refuses a rule in which nationality could fire alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import Field

from waystation.model import country_name
from waystation.rules.areas import CountryCode
from waystation.rules.conditions.base import (
    BaseCondition,
    BuildContext,
    Condition,
    Finding,
    Params,
    default_registry,
)
from waystation.rules.subject import AlertState, ReferenceData, RuleSubject

__all__ = ["CompanionAlert", "NationalityIn"]


class CompanionParams(Params):
    states: list[AlertState] = Field(
        default_factory=lambda: [AlertState.OPEN, AlertState.CONFIRMED], min_length=1
    )


@dataclass(frozen=True, slots=True)
class CompanionAlert(BaseCondition):
    """Someone travelling with the traveller has an alert in one of the given states."""

    states: frozenset[AlertState]

    def describe(self) -> str:
        return "travels with someone whose alert is " + " or ".join(sorted(s.value for s in self.states))

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        hits = [c for c in subject.companions if c.alert is not None and c.alert in self.states]
        if not hits:
            count = len(subject.companions)
            return Finding(
                "companion_alert",
                False,
                f"none of {count} companions has an alert that is "
                + " or ".join(sorted(s.value for s in self.states)),
            )
        parts = [
            f"{c.ref} ({c.link}) has a{'n' if c.alert is AlertState.OPEN else ''} {c.alert} alert"
            for c in hits
        ]
        values = tuple(("companion", f"{c.ref}:{c.alert}") for c in hits)
        return Finding("companion_alert", True, "travels with " + "; ".join(parts), values)


@default_registry().register(
    "companion_alert",
    params=CompanionParams,
    reads={"companion.alert"},
    summary="travels with someone whose alert is open or confirmed",
)
def _companion(params: CompanionParams, context: BuildContext) -> Condition:
    return CompanionAlert(frozenset(params.states))


class NationalityParams(Params):
    in_: list[CountryCode] = Field(alias="in", min_length=1, max_length=50)


@dataclass(frozen=True, slots=True)
class NationalityIn(BaseCondition):
    """The traveller holds one of the given nationalities (never enough on its own)."""

    countries: frozenset[str]

    def describe(self) -> str:
        return "holds a nationality among " + ", ".join(sorted(self.countries))

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        held = sorted(set(subject.traveller.nationalities) & self.countries)
        if held:
            names = ", ".join(f"{c} ({country_name(c) or c})" for c in held)
            return Finding(
                "nationality", True, f"holds the nationality {names}", (("nationality", ",".join(held)),)
            )
        known = ", ".join(subject.traveller.nationalities) or "none recorded"
        return Finding("nationality", False, f"holds none of the listed nationalities (holds: {known})")


@default_registry().register(
    "nationality",
    params=NationalityParams,
    reads={"traveller.nationality"},
    summary="holds one of the given nationalities (only beside another condition in every branch)",
)
def _nationality(params: NationalityParams, context: BuildContext) -> Condition:
    return NationalityIn(frozenset(params.in_))
