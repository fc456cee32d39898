"""Domain objects: pure dataclasses, no I/O. Everything else in waystation speaks these."""

from waystation.model.booking import Agency, Booking, Payment, PnrPush
from waystation.model.countries import country_name, to_alpha3
from waystation.model.dates import BirthDate, PartialDate
from waystation.model.names import Name, NamePart, NamePartKind, NameQuality, NameRole
from waystation.model.provenance import ParseIssue, Provenance, Severity
from waystation.model.travel import (
    Address,
    Contact,
    ContactKind,
    Leg,
    Manifest,
    ManifestKind,
    Sex,
    TravelDocument,
    Traveller,
    TravellerRole,
)
from waystation.model.watchlist import EntryKind, IdentityDocument, ListEntry, Watchlist

__all__ = [
    "Address",
    "Agency",
    "BirthDate",
    "Booking",
    "Contact",
    "ContactKind",
    "EntryKind",
    "IdentityDocument",
    "Leg",
    "ListEntry",
    "Manifest",
    "ManifestKind",
    "Name",
    "NamePart",
    "NamePartKind",
    "NameQuality",
    "NameRole",
    "ParseIssue",
    "PartialDate",
    "Payment",
    "PnrPush",
    "Provenance",
    "Severity",
    "Sex",
    "TravelDocument",
    "Traveller",
    "TravellerRole",
    "Watchlist",
    "country_name",
    "to_alpha3",
]
