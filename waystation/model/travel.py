"""Travellers, their documents, the flights they take, and the manifests that list them.

These are what a PAXLST (or a CSV manifest, or the traveller part of a PNR) says. Every field is
optional except what identifies the object, because real messages leave out almost anything; a
missing value is ``None`` (unknown), never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from waystation.model.dates import PartialDate
from waystation.model.names import Name
from waystation.model.provenance import Provenance

__all__ = [
    "Address",
    "Contact",
    "ContactKind",
    "Leg",
    "Manifest",
    "ManifestKind",
    "Sex",
    "TravelDocument",
    "Traveller",
    "TravellerRole",
]


class Sex(StrEnum):
    """Sex as travel documents record it (ICAO 9303: M, F, X; U when the message says unknown)."""

    MALE = "M"
    FEMALE = "F"
    UNSPECIFIED = "X"
    UNKNOWN = "U"


class TravellerRole(StrEnum):
    """Why the person is on the manifest (PAXLST NAD qualifiers FL, FM, DDU, DDT)."""

    PASSENGER = "passenger"
    CREW = "crew"
    TRANSIT_PASSENGER = "transit_passenger"
    TRANSIT_CREW = "transit_crew"
    OTHER = "other"


class ContactKind(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    FAX = "fax"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Contact:
    """A phone number or e-mail address as given, and a normalized form for linking."""

    kind: ContactKind
    value: str
    provenance: Provenance | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address in the parts the source gave (all optional)."""

    street: str | None = None
    city: str | None = None
    region: str | None = None
    postcode: str | None = None
    country: str | None = None
    provenance: Provenance | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return ", ".join(p for p in (self.street, self.city, self.region, self.postcode, self.country) if p)


@dataclass(frozen=True, slots=True)
class TravelDocument:
    """A passport, identity card, visa or other document carried by a traveller.

    ``doc_type`` keeps the code the message used (``P``, ``I``, ``V``, ``T``…) because codes are
    not a closed list across carriers; ``number`` is as written (normalization is matching's job).
    """

    doc_type: str | None
    number: str | None
    issuing_country: str | None = None
    expiry: PartialDate | None = None
    issued: PartialDate | None = None
    provenance: Provenance | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Leg:
    """One flight between two airports, with scheduled local times.

    ``departure``/``arrival`` are a ``datetime`` when the message gives the time, a ``date`` when
    it gives only the day (a CSV manifest): a time is never invented.
    """

    carrier: str | None
    flight: str | None
    origin: str | None
    destination: str | None
    departure: datetime | date | None = None
    arrival: datetime | date | None = None
    booking_class: str | None = None
    status: str | None = None
    provenance: Provenance | None = field(default=None, compare=False)

    @property
    def designator(self) -> str:
        """``CA339``: the flight as people say it, even when the carrier is repeated or missing."""
        flight = self.flight or ""
        if self.carrier and not flight.startswith(self.carrier):
            return f"{self.carrier}{flight}"
        return flight or (self.carrier or "")


@dataclass(frozen=True, slots=True)
class Traveller:
    """A person on a manifest or in a booking, as the message describes them.

    ``ref`` is unique within its message (the carrier's ABO reference when there is one, else the
    position); ``references`` keeps every RFF the message gave (AVF booking, ABO passenger,
    SEA seat, YZY ticket…); ``fields`` maps a field name to where its value was read.
    """

    ref: str
    name: Name
    role: TravellerRole = TravellerRole.PASSENGER
    birth_date: PartialDate | None = None
    sex: Sex | None = None
    nationalities: tuple[str, ...] = ()
    documents: tuple[TravelDocument, ...] = ()
    residence_country: str | None = None
    birth_place: str | None = None
    address: Address | None = None
    contacts: tuple[Contact, ...] = ()
    embarkation: str | None = None
    debarkation: str | None = None
    verified: bool | None = None
    references: Mapping[str, str] = field(default_factory=dict, hash=False)
    provenance: Provenance | None = field(default=None, compare=False)
    fields: Mapping[str, Provenance] = field(default_factory=dict, compare=False, hash=False)

    @property
    def booking_ref(self) -> str | None:
        return self.references.get("AVF")


class ManifestKind(StrEnum):
    PASSENGERS = "passengers"
    CREW = "crew"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Manifest:
    """One flight's passenger or crew list: one PAXLST message (or one part of a multi-part one).

    ``part``/``final`` come from the UNH sequence (``01:C``…``03:F``); ``declared_count`` is the
    CNT total, which real senders often get wrong (it is a warning, not a failure).
    """

    message_ref: str
    kind: ManifestKind
    legs: tuple[Leg, ...]
    travellers: tuple[Traveller, ...]
    message_format: str
    interchange_ref: str | None = None
    sender: str | None = None
    recipient: str | None = None
    prepared_at: datetime | None = None
    document_code: str | None = None
    function_code: str | None = None
    transaction_ref: str | None = None
    common_access_ref: str | None = None
    part: int | None = None
    final: bool | None = None
    reporting_party: str | None = None
    declared_count: int | None = None
    provenance: Provenance | None = field(default=None, compare=False)

    @property
    def is_interactive(self) -> bool:
        """An iAPI request (a few travellers at check-in, answered with CUSRES)."""
        return self.function_code in {"CP", "CL", "XR", "RP"} or self.transaction_ref is not None
