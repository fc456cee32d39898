"""Retention: mask identifying data after six months, delete at the limit — as pure functions.

The rule (after the EU PNR directive's model, configurable here): once ``mask_after_months``
have passed since a traveller's data was received, the fields that identify the person are
masked — name, document number, contacts, address, birth place, the day and month of birth,
the carrier's references — unless the traveller is linked to an open case or is a confirmed
match. At ``delete_after_months`` the data is deleted, unless an open case holds it; a confirmed
match alone does not hold data past the limit (what the inquiry needs belongs in a case).

Masking also strips the raw text of every provenance record: a segment's raw text contains the
very name the mask removes. Unmasking (``purpose.authorize_unmask``) needs a case and a
supervisor's approval.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from waystation.cases.timestamps import require_aware
from waystation.exc import ConfigError
from waystation.model import Booking, Name, PartialDate, Payment, Provenance, TravelDocument, Traveller

__all__ = [
    "DEFAULT_MASKED",
    "MaskedField",
    "RetentionAction",
    "RetentionDecision",
    "RetentionPolicy",
    "add_months",
    "mask_booking",
    "mask_traveller",
    "retention_decision",
]


class MaskedField(StrEnum):
    NAME = "name"
    BIRTH_DATE = "birth_date"
    BIRTH_PLACE = "birth_place"
    DOCUMENT_NUMBER = "document_number"
    CONTACTS = "contacts"
    ADDRESS = "address"
    REFERENCES = "references"


DEFAULT_MASKED = frozenset(MaskedField)


class RetentionAction(StrEnum):
    KEEP = "keep"
    MASK = "mask"
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    mask_after_months: int = 6
    delete_after_months: int = 60
    masked_fields: frozenset[MaskedField] = DEFAULT_MASKED

    def problems(self) -> list[str]:
        found: list[str] = []
        if self.mask_after_months < 1:
            found.append("mask_after_months must be at least 1")
        if self.delete_after_months <= self.mask_after_months:
            found.append("delete_after_months must be later than mask_after_months")
        if MaskedField.NAME not in self.masked_fields:
            found.append("masking must include the name")
        return found

    def check(self) -> RetentionPolicy:
        problems = self.problems()
        if problems:
            raise ConfigError(problems)
        return self


@dataclass(frozen=True, slots=True)
class RetentionDecision:
    action: RetentionAction
    reason: str
    mask_due: datetime
    delete_due: datetime


def add_months(value: datetime, months: int) -> datetime:
    """``value`` moved by calendar months; the day is clamped (31 Aug + 6 months = 28/29 Feb)."""
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    day = min(value.day, calendar.monthrange(year, month + 1)[1])
    return value.replace(year=year, month=month + 1, day=day)


def retention_decision(
    received_at: datetime,
    now: datetime,
    policy: RetentionPolicy,
    *,
    in_open_case: bool,
    confirmed_match: bool,
) -> RetentionDecision:
    """What to do with one traveller's data received at ``received_at``, as of ``now``."""
    policy.check()
    require_aware(received_at, "received_at")
    require_aware(now, "now")
    mask_due = add_months(received_at, policy.mask_after_months)
    delete_due = add_months(received_at, policy.delete_after_months)
    if now >= delete_due:
        if in_open_case:
            return RetentionDecision(
                RetentionAction.KEEP, "retention limit reached; held by an open case", mask_due, delete_due
            )
        return RetentionDecision(RetentionAction.DELETE, "retention limit reached", mask_due, delete_due)
    if now >= mask_due:
        if in_open_case:
            return RetentionDecision(
                RetentionAction.KEEP, "masking due; linked to an open case", mask_due, delete_due
            )
        if confirmed_match:
            return RetentionDecision(
                RetentionAction.KEEP, "masking due; a confirmed match", mask_due, delete_due
            )
        return RetentionDecision(RetentionAction.MASK, "masking period reached", mask_due, delete_due)
    return RetentionDecision(RetentionAction.KEEP, "within the unmasked period", mask_due, delete_due)


def _bare(provenance: Provenance | None) -> Provenance | None:
    return Provenance(provenance.locator, None, provenance.seen_at) if provenance else None


def _mask_document(doc: TravelDocument, mask_number: bool) -> TravelDocument:
    return replace(doc, number=None if mask_number else doc.number, provenance=_bare(doc.provenance))


def mask_traveller(traveller: Traveller, fields: frozenset[MaskedField] = DEFAULT_MASKED) -> Traveller:
    """The traveller with ``fields`` masked and every raw text dropped; sex, nationalities,
    document types and countries, birth year and the legs' facts stay for statistics."""
    birth = traveller.birth_date
    if birth is not None and MaskedField.BIRTH_DATE in fields:
        birth = PartialDate(birth.year)
    return replace(
        traveller,
        name=Name((), traveller.name.role) if MaskedField.NAME in fields else traveller.name,
        birth_date=birth,
        birth_place=None if MaskedField.BIRTH_PLACE in fields else traveller.birth_place,
        documents=tuple(
            _mask_document(d, MaskedField.DOCUMENT_NUMBER in fields) for d in traveller.documents
        ),
        contacts=() if MaskedField.CONTACTS in fields else traveller.contacts,
        address=None if MaskedField.ADDRESS in fields else traveller.address,
        references={} if MaskedField.REFERENCES in fields else traveller.references,
        provenance=_bare(traveller.provenance),
        fields={name: Provenance(p.locator, None, p.seen_at) for name, p in traveller.fields.items()},
    )


def _mask_payment(payment: Payment) -> Payment:
    return replace(payment, card_hash=None, card_last4=None, payer=None, provenance=_bare(payment.provenance))


def mask_booking(booking: Booking, fields: frozenset[MaskedField] = DEFAULT_MASKED) -> Booking:
    """The booking with its travellers masked, contacts, addresses, payers and remarks removed;
    the record locator, itinerary and agency stay (they identify a trip, not a person)."""
    return replace(
        booking,
        travellers=tuple(mask_traveller(t, fields) for t in booking.travellers),
        contacts=() if MaskedField.CONTACTS in fields else booking.contacts,
        addresses=() if MaskedField.ADDRESS in fields else booking.addresses,
        payments=tuple(_mask_payment(p) for p in booking.payments),
        remarks=(),
        provenance=_bare(booking.provenance),
    )
