"""Normalized keys the store indexes: flights, document numbers, contacts, addresses, names.

These keys make the same real-world thing findable across messages: ``CA0339`` and ``CA339``
on the same day between the same airports are one flight; ``P 123-456`` and ``p123456`` are
one document number; ``+44 20 7946 0000`` and ``00442079460000`` are the same phone only after
matching's work, so the key here is deliberately simple (digits only) and documented as such.
They are storage keys for joins and indexes, not matching decisions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from waystation.model import Address, ContactKind, Leg, PartialDate

__all__ = [
    "FlightKey",
    "address_key",
    "contact_key",
    "document_key",
    "flight_key",
    "parse_partial_date",
    "partial_date_text",
]

_NON_ALNUM = re.compile(r"[^0-9A-Z]+")
_FLIGHT = re.compile(r"^(?P<carrier>[A-Z][A-Z0-9][A-Z]?|\d[A-Z][A-Z]?)?0*(?P<number>\d{1,5}[A-Z]?)$")
_PARTIAL = re.compile(r"^(XXXX|-?\d{4,6})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def document_key(number: str | None) -> str | None:
    """Upper-case letters and digits only (``P 123-456`` -> ``P123456``); ``None`` when empty."""
    if not number:
        return None
    key = _NON_ALNUM.sub("", unicodedata.normalize("NFKC", number).upper())
    return key[:100] or None


def contact_key(kind: ContactKind, value: str) -> str:
    """E-mail lower-cased; phone and fax digits only; anything else folded and space-collapsed."""
    if kind is ContactKind.EMAIL:
        return value.strip().casefold()[:500]
    if kind in (ContactKind.PHONE, ContactKind.FAX):
        digits = "".join(ch for ch in value if ch.isdigit())
        return (digits or " ".join(_fold(value).split()))[:500]
    return " ".join(_fold(value).split())[:500]


def address_key(address: Address) -> str:
    """The address's parts, folded, punctuation dropped, joined with ``|`` (for exact linking)."""
    parts = (address.street, address.city, address.region, address.postcode, address.country)
    return "|".join(" ".join(re.sub(r"[^\w]+", " ", _fold(p or "")).split()) for p in parts)[:600]


def partial_date_text(value: PartialDate | None) -> str | None:
    """``1972-09-07``, ``1972-09``, ``1972``; ``XXXX-05-03`` when only the year is unknown."""
    if value is None:
        return None
    year = value.year
    text = "XXXX" if year is None else f"{year:04d}" if year >= 0 else f"-{-year:04d}"
    if value.month is not None:
        text += f"-{value.month:02d}"
        if value.day is not None:
            text += f"-{value.day:02d}"
    return text


def parse_partial_date(text: str | None) -> PartialDate | None:
    """The inverse of :func:`partial_date_text`."""
    if text is None:
        return None
    match = _PARTIAL.match(text)
    if not match:
        raise ValueError(f"not a stored partial date: {text!r}")
    year, month, day = match.groups()
    return PartialDate(
        None if year == "XXXX" else int(year), int(month) if month else None, int(day) if day else None
    )


@dataclass(frozen=True, slots=True)
class FlightKey:
    """The parts that identify one flight, and the key string they make."""

    key: str
    carrier: str | None
    number: str | None
    designator: str
    departure_date: date | None


def flight_key(leg: Leg) -> FlightKey:
    """The flight a leg is on: carrier, number without leading zeros, local departure day, airports.

    When the departure day is unknown the arrival day stands in (prefixed ``a``), so that flights
    of different days are not merged merely because a message left the date out.
    """
    carrier = (leg.carrier or "").strip().upper() or None
    raw = _NON_ALNUM.sub("", (leg.flight or "").upper())
    if carrier and raw.startswith(carrier) and len(raw) > len(carrier):
        raw = raw[len(carrier) :]
    match = _FLIGHT.match(raw)
    number: str | None = raw or None
    if match:
        carrier = carrier or match.group("carrier")
        number = match.group("number")
    day = _day(leg.departure)
    when = day.isoformat() if day else "a" + (_day(leg.arrival) or date.min).isoformat()
    parts = (carrier or "", number or "", when, (leg.origin or "").upper(), (leg.destination or "").upper())
    return FlightKey("|".join(parts)[:300], carrier, number, f"{carrier or ''}{number or ''}", day)


def _day(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value
