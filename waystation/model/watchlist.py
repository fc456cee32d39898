"""Watchlists and their entries: who is listed, under which names, with what identifiers.

A list entry is rich where a passenger record is sparse: many aliases (some of low quality),
several possible birth dates, several nationalities, documents with free-text notes. Entries
keep the list's own reference (UN ``QDi.420``, OFAC entry number, FtM id) because that is what
analysts, partners and the ``screen`` contract use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from waystation.model.dates import BirthDate
from waystation.model.names import Name
from waystation.model.provenance import ParseIssue, Provenance
from waystation.model.travel import Sex

__all__ = ["EntryKind", "IdentityDocument", "ListEntry", "Watchlist"]


class EntryKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class IdentityDocument:
    """A document a list attributes to a subject; ``kind`` is normalized (passport, national_id…)."""

    kind: str
    number: str
    country: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One listed subject. ``names[0]`` is the primary name; the rest are aliases and scripts."""

    entry_id: str
    kind: EntryKind
    names: tuple[Name, ...]
    birth_dates: tuple[BirthDate, ...] = ()
    birth_places: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    documents: tuple[IdentityDocument, ...] = ()
    gender: Sex | None = None
    programmes: tuple[str, ...] = ()
    listed_on: date | None = None
    remarks: str | None = None
    addresses: tuple[str, ...] = ()
    source_id: str | None = None
    provenance: Provenance | None = field(default=None, compare=False)

    @property
    def primary_name(self) -> Name | None:
        return self.names[0] if self.names else None

    @property
    def caption(self) -> str:
        name = self.primary_name
        return name.full if name else self.entry_id


@dataclass(frozen=True, slots=True)
class Watchlist:
    """One version of one list: where it came from, when it was published, and its entries."""

    name: str
    source_format: str
    version: str
    entries: tuple[ListEntry, ...]
    published: datetime | None = None
    source: str | None = None
    issues: tuple[ParseIssue, ...] = ()

    def by_id(self) -> dict[str, ListEntry]:
        return {entry.entry_id: entry for entry in self.entries}
