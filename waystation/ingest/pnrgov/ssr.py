"""Special service requests that carry identity data: DOCS, DOCO, DOCA and INFT free text.

DOCS is slash-positional: ``/type/issuer/number/nationality/DOB/gender/expiry/surname/given/middle``
with empty slots for missing data. Producers miscount the leading slashes (``//////21APR66/M``),
so the slots are re-aligned on the birth date followed by a gender when that only moves empty
slots. Gender codes MI/FI mark infants travelling on an adult's booking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from waystation.ingest.edifact.dates import DateKind, ddmmmyy
from waystation.ingest.edifact.segment import Segment

__all__ = [
    "Doca",
    "Doco",
    "Docs",
    "Infant",
    "association",
    "parse_doca",
    "parse_doco",
    "parse_docs",
    "parse_inft",
    "ssr_text",
]

_DATE = re.compile(r"^\d{1,2}[A-Z]{3}\d{2}(\d{2})?$")
_GENDERS = frozenset({"M", "F", "U", "X", "MI", "FI", "UI"})
_DOB_SLOT = 5


def ssr_text(segment: Segment) -> str:
    """The free text of an SSR: component 9 of the first element (and anything after it)."""
    comps = segment.element(1)
    if len(comps) > 8:
        return ":".join(comps[8:]).strip()
    return comps[-1].strip() if len(comps) > 1 else ""


def association(segment: Segment) -> str | None:
    """The traveller reference an SSR is associated with (``+::1`` or ``+::1.1``)."""
    return segment.get(2, 2)


def _slots(text: str) -> list[str]:
    slots = [s.strip() for s in text.split("/")]
    at = next(
        (i for i in range(len(slots) - 1) if _DATE.match(slots[i]) and slots[i + 1].upper() in _GENDERS), None
    )
    if at is None or at == _DOB_SLOT:
        return slots
    if at > _DOB_SLOT and not any(slots[: at - _DOB_SLOT]):
        return slots[at - _DOB_SLOT :]
    if at < _DOB_SLOT:
        return [""] * (_DOB_SLOT - at) + slots
    return slots


def _slot(slots: list[str], index: int) -> str | None:
    return (slots[index] or None) if index < len(slots) else None


@dataclass(frozen=True, slots=True)
class Docs:
    doc_type: str | None
    issuer: str | None
    number: str | None
    nationality: str | None
    birth_date: date | None
    gender: str | None
    expiry: date | None
    surname: str | None
    given: str | None
    middle: str | None
    birth_text: str | None = None
    expiry_text: str | None = None

    @property
    def infant(self) -> bool:
        return (self.gender or "").endswith("I") and len(self.gender or "") == 2


def parse_docs(text: str, birth_pivot: date, today: date) -> Docs:
    slots = _slots(text)
    birth_text, expiry_text = _slot(slots, 5), _slot(slots, 7)
    return Docs(
        doc_type=_slot(slots, 1),
        issuer=_slot(slots, 2),
        number=_slot(slots, 3),
        nationality=_slot(slots, 4),
        birth_date=ddmmmyy(birth_text, DateKind.BIRTH, birth_pivot),
        gender=(_slot(slots, 6) or "").upper() or None,
        expiry=ddmmmyy(expiry_text, DateKind.EXPIRY, today),
        surname=_slot(slots, 8),
        given=_slot(slots, 9),
        middle=_slot(slots, 10),
        birth_text=birth_text,
        expiry_text=expiry_text,
    )


@dataclass(frozen=True, slots=True)
class Doco:
    birth_place: str | None
    doc_type: str | None
    number: str | None
    issue_place: str | None
    issued: date | None
    country: str | None


def parse_doco(text: str, today: date) -> Doco:
    """``/birth place/type/number/issue place/issue date/applicable country`` (leading slash optional)."""
    slots = [s.strip() for s in text.split("/")]
    if slots and not slots[0] and len(slots) > 6:
        slots = slots[1:]
    return Doco(
        birth_place=_slot(slots, 0),
        doc_type=_slot(slots, 1),
        number=_slot(slots, 2),
        issue_place=_slot(slots, 3),
        issued=ddmmmyy(_slot(slots, 4), DateKind.ISSUE, today),
        country=_slot(slots, 5),
    )


@dataclass(frozen=True, slots=True)
class Doca:
    kind: str | None
    country: str | None
    street: str | None
    city: str | None
    region: str | None
    postcode: str | None


def parse_doca(text: str) -> Doca:
    """``/R|D/country/street/city/state/postcode``: residence (R) or destination (D) address."""
    slots = [s.strip() for s in text.split("/")]
    if slots and not slots[0]:
        slots = slots[1:]
    return Doca(
        _slot(slots, 0), _slot(slots, 1), _slot(slots, 2), _slot(slots, 3), _slot(slots, 4), _slot(slots, 5)
    )


@dataclass(frozen=True, slots=True)
class Infant:
    surname: str | None
    given: str | None
    birth_date: date | None


def parse_inft(text: str, birth_pivot: date) -> Infant:
    """``BELT/SOPHY 20SEP12`` or ``SURNAME/GIVEN/10AUG11``."""
    words = text.replace("/", " / ").split()
    birth = None
    if words and _DATE.match(words[-1]):
        birth = ddmmmyy(words[-1], DateKind.BIRTH, birth_pivot)
        words = words[:-1]
    name = " ".join(words).strip(" /")
    surname, _, given = name.partition("/")
    return Infant(surname.strip() or None, given.strip(" /") or None, birth)
