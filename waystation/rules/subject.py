"""What a targeting rule looks at: one traveller on one journey, with what is known around them.

Services build a :class:`RuleSubject` from stored data (journeys come from the network stage,
bookings and documents from ingest, companions' alert states from cases); the rules engine only
reads it. Keeping the input one frozen object makes a rule's decision reproducible: the same
subject and the same rule version always give the same result and the same explanation.

Reference data that is too large or too volatile to live in a rule file — a national lost/stolen
document list — comes separately as :class:`ReferenceData`, with its own version for provenance.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

from waystation.model import Booking, Leg, TravelDocument, Traveller

__all__ = [
    "AlertState",
    "Companion",
    "DocumentList",
    "ReferenceData",
    "RuleSubject",
    "SubjectLeg",
    "normalize_document_number",
]


class AlertState(StrEnum):
    """Where a companion's alert stands: raised and unreviewed, confirmed, or cleared by an analyst."""

    OPEN = "open"
    CONFIRMED = "confirmed"
    CLEARED = "cleared"


@dataclass(frozen=True, slots=True)
class SubjectLeg:
    """One leg of the journey, with the booking it was sold in (``None`` when only API saw it).

    The record locator is what lets the engine see a journey bought as separate tickets.
    """

    leg: Leg
    record_locator: str | None = None


@dataclass(frozen=True, slots=True)
class Companion:
    """Someone the traveller travels with, and the state of their alert (``None``: no alert).

    ``link`` says how they are linked, for the explanation ("same booking ABC123", "same flight").
    """

    ref: str
    alert: AlertState | None = None
    link: str = "same booking"


@dataclass(frozen=True, slots=True)
class RuleSubject:
    """One traveller on one journey, as a rule sees it.

    ``legs`` are the journey in order (origin, transits, destination); ``later_legs`` are other
    legs known for the same traveller after this journey (from other bookings or messages), so
    that "no return booked" can look beyond the ticket. ``documents`` are the traveller's
    documents merged across messages; when empty the traveller's own are used. ``now`` is the
    moment of screening, which decides whether a rule is in force and how "recent" is measured.
    """

    subject_id: str
    traveller: Traveller
    legs: tuple[SubjectLeg, ...]
    now: datetime
    booking: Booking | None = None
    documents: tuple[TravelDocument, ...] = ()
    companions: tuple[Companion, ...] = ()
    later_legs: tuple[Leg, ...] = ()

    @property
    def travel_documents(self) -> tuple[TravelDocument, ...]:
        return self.documents or self.traveller.documents

    @property
    def flights(self) -> tuple[Leg, ...]:
        return tuple(item.leg for item in self.legs)


def normalize_document_number(number: str) -> str:
    """Document numbers as lists compare them: upper case, no spaces, dashes or dots."""
    return "".join(ch for ch in number.upper() if ch.isalnum())


@dataclass(frozen=True, slots=True)
class DocumentList:
    """A national list of lost, stolen or revoked documents: (issuing country or ``""``, number).

    An entry without a country matches that number from any country; numbers are normalized.
    """

    name: str
    version: str
    entries: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, name: str, version: str, entries: Iterable[tuple[str | None, str]]) -> DocumentList:
        return cls(
            name,
            version,
            frozenset(
                ((country or "").upper(), normalize_document_number(number)) for country, number in entries
            ),
        )

    def contains(self, country: str | None, number: str | None) -> bool:
        if not number:
            return False
        key = normalize_document_number(number)
        if not key:
            return False
        if ("", key) in self.entries:
            return True
        if country:
            return (country.upper(), key) in self.entries
        return any(entry_number == key for _, entry_number in self.entries)


@dataclass(frozen=True, slots=True)
class ReferenceData:
    """Data a rule refers to by name but that does not live in the rule file."""

    document_lists: Mapping[str, DocumentList] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def of(cls, *lists: DocumentList) -> ReferenceData:
        return cls(MappingProxyType({item.name: item for item in lists}))
