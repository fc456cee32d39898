"""Document conditions: expired, issued shortly before travel, or on a lost/stolen list.

Fighters travelled on documents reported lost or stolen, on documents issued days before the
trip (a new passport hides earlier travel stamps), and sometimes on expired ones that a carrier
let through. Dates on documents may be partial; the bound that makes the condition harder to
satisfy is used, so an unknown day never makes a rule fire.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import Field

from waystation.model import PartialDate, TravelDocument
from waystation.rules.conditions.base import (
    BaseCondition,
    BuildContext,
    Condition,
    Finding,
    Params,
    default_registry,
)
from waystation.rules.conditions.facts import journey_departure
from waystation.rules.subject import ReferenceData, RuleSubject

__all__ = ["DocumentExpired", "DocumentListed", "DocumentRecentlyIssued", "date_bounds"]


def date_bounds(value: PartialDate | None) -> tuple[date, date] | None:
    """The earliest and latest day a partial date can stand for; ``None`` without a year."""
    if value is None or value.year is None:
        return None
    if value.month is None:
        return date(value.year, 1, 1), date(value.year, 12, 31)
    if value.day is None:
        last = calendar.monthrange(value.year, value.month)[1]
        return date(value.year, value.month, 1), date(value.year, value.month, last)
    exact = date(value.year, value.month, value.day)
    return exact, exact


def _travel_day(subject: RuleSubject) -> date:
    departure = journey_departure(subject)
    if departure is None:
        return subject.now.date()
    return departure.date() if isinstance(departure, datetime) else departure


def _label(document: TravelDocument) -> str:
    kind = document.doc_type or "document"
    country = f" of {document.issuing_country}" if document.issuing_country else ""
    return f"{kind} {document.number or '(no number)'}{country}"


class NoParams(Params):
    pass


@dataclass(frozen=True, slots=True)
class DocumentExpired(BaseCondition):
    """A travel document had expired on the day of departure."""

    def describe(self) -> str:
        return "travels on an expired document"

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        day = _travel_day(subject)
        checked = 0
        for document in subject.travel_documents:
            bounds = date_bounds(document.expiry)
            if bounds is None:
                continue
            checked += 1
            if bounds[1] < day:
                sentence = (
                    f"{_label(document)} expired on {document.expiry}, before travel on {day.isoformat()}"
                )
                return Finding("document_expired", True, sentence, (("expiry", str(document.expiry)),))
        return Finding(
            "document_expired", False, f"none of {checked} documents with a known expiry had expired on {day}"
        )


@default_registry().register(
    "document_expired",
    params=NoParams,
    reads={"document.expiry", "leg.departure", "subject.now"},
    summary="a travel document had expired on the day of departure",
)
def _expired(params: NoParams, context: BuildContext) -> Condition:
    return DocumentExpired()


class RecentParams(Params):
    within_days: int = Field(ge=1, le=365)


@dataclass(frozen=True, slots=True)
class DocumentRecentlyIssued(BaseCondition):
    """A travel document was issued at most N days before departure."""

    within_days: int

    def describe(self) -> str:
        return f"travels on a document issued at most {self.within_days} days before departure"

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        day = _travel_day(subject)
        for document in subject.travel_documents:
            bounds = date_bounds(document.issued)
            if bounds is None:
                continue
            earliest = bounds[0]
            days = (day - earliest).days
            if 0 <= days <= self.within_days:
                sentence = (
                    f"{_label(document)} was issued on {document.issued}, {days} days before travel on {day}"
                )
                return Finding("document_recently_issued", True, sentence, (("days", str(days)),))
        return Finding(
            "document_recently_issued",
            False,
            f"no document with a known issue date was issued within {self.within_days} days before {day}",
        )


@default_registry().register(
    "document_recently_issued",
    params=RecentParams,
    reads={"document.issued", "leg.departure", "subject.now"},
    summary="a travel document was issued at most N days before departure",
)
def _recent(params: RecentParams, context: BuildContext) -> Condition:
    return DocumentRecentlyIssued(params.within_days)


class ListedParams(Params):
    list: str = Field(min_length=2, max_length=64, pattern=re.compile(r"^[a-z0-9][a-z0-9_.-]*$").pattern)


@dataclass(frozen=True, slots=True)
class DocumentListed(BaseCondition):
    """A travel document is on the named lost/stolen/revoked list (given as reference data)."""

    list_name: str

    def describe(self) -> str:
        return f"travels on a document on the list {self.list_name}"

    def evaluate(self, subject: RuleSubject, refs: ReferenceData) -> Finding:
        found = refs.document_lists.get(self.list_name)
        if found is None:
            return Finding(
                "document_listed", False, f"the list {self.list_name} was not available to the screening"
            )
        for document in subject.travel_documents:
            if found.contains(document.issuing_country, document.number):
                sentence = f"{_label(document)} is on {found.name} (version {found.version})"
                return Finding(
                    "document_listed", True, sentence, (("list", found.name), ("version", found.version))
                )
        count = len(subject.travel_documents)
        return Finding(
            "document_listed",
            False,
            f"none of {count} documents is on {found.name} (version {found.version})",
        )


@default_registry().register(
    "document_listed",
    params=ListedParams,
    # The issuing country only qualifies the look-up of the number: the criterion is the list
    # entry, not the country, so this condition does not count as a nationality condition.
    reads={"document.number"},
    summary="a travel document is on a named lost/stolen document list",
)
def _listed(params: ListedParams, context: BuildContext) -> Condition:
    return DocumentListed(params.list)
