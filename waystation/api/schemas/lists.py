"""Watchlists, versions, entries, diffs and national entries on the wire."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from waystation.model import ListEntry
from waystation.services.lists import ImportReport
from waystation.store import ListChange, ListVersionInfo

__all__ = [
    "ChangeOut",
    "DiffOut",
    "EntryOut",
    "EntryPageOut",
    "ImportOut",
    "ListVersionOut",
    "NationalEntryIn",
]


class ListVersionOut(BaseModel):
    list_name: str
    version: str
    seq: int
    source_format: str
    published: datetime | None
    imported_at: datetime
    sha256: str
    entry_count: int
    issues: int

    @classmethod
    def of(cls, info: ListVersionInfo) -> ListVersionOut:
        return cls(
            list_name=info.list_name,
            version=info.version,
            seq=info.seq,
            source_format=info.source_format,
            published=info.published,
            imported_at=info.imported_at,
            sha256=info.sha256,
            entry_count=info.entry_count,
            issues=len(info.issues),
        )


class EntryOut(BaseModel):
    entry_id: str
    kind: str
    names: list[str]
    birth_dates: list[str]
    birth_places: list[str]
    nationalities: list[str]
    documents: list[str]
    gender: str | None
    programmes: list[str]
    listed_on: str | None
    remarks: str | None

    @classmethod
    def of(cls, entry: ListEntry) -> EntryOut:
        return cls(
            entry_id=entry.entry_id,
            kind=entry.kind.value,
            names=[n.full for n in entry.names],
            birth_dates=[str(b) for b in entry.birth_dates],
            birth_places=list(entry.birth_places),
            nationalities=list(entry.nationalities),
            documents=[
                f"{d.kind}:{d.number}" + (f":{d.country}" if d.country else "") for d in entry.documents
            ],
            gender=entry.gender.value if entry.gender else None,
            programmes=list(entry.programmes),
            listed_on=entry.listed_on.isoformat() if entry.listed_on else None,
            remarks=entry.remarks,
        )


class EntryPageOut(BaseModel):
    version: ListVersionOut
    total: int
    entries: list[EntryOut]


class ChangeOut(BaseModel):
    entry_id: str
    change: str
    caption: str
    summary: str

    @classmethod
    def of(cls, change: ListChange) -> ChangeOut:
        return cls(
            entry_id=change.entry_id,
            change=change.change.value,
            caption=change.primary_name,
            summary=change.summary,
        )


class DiffOut(BaseModel):
    version: ListVersionOut
    changes: list[ChangeOut]


class ImportOut(BaseModel):
    version: ListVersionOut
    created: bool = Field(description="false when these exact contents were already stored")
    previous: ListVersionOut | None
    changes: list[ChangeOut]

    @classmethod
    def of(cls, report: ImportReport) -> ImportOut:
        return cls(
            version=ListVersionOut.of(report.version),
            created=report.created,
            previous=ListVersionOut.of(report.previous) if report.previous else None,
            changes=[ChangeOut.of(c) for c in report.changes],
        )


class NationalEntryIn(BaseModel):
    """A national entry in the national-list CSV's terms (docs/watchlists.md); ``|`` separates values."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "names": "AL-TIKRITI, Abu Omar|~Abu Omar",
                    "birth_dates": "1984-03-02",
                    "nationalities": "IRQ",
                    "documents": "passport:A1234567:IRQ",
                    "gender": "M",
                    "remarks": "returning fighter, national warrant 2024/117",
                }
            ]
        },
    )

    kind: str = Field(default="person", max_length=20)
    names: str = Field(min_length=1, max_length=2000)
    birth_dates: str = Field(default="", max_length=500)
    birth_places: str = Field(default="", max_length=500)
    nationalities: str = Field(default="", max_length=200)
    documents: str = Field(default="", max_length=1000)
    gender: str = Field(default="", max_length=10)
    programme: str = Field(default="", max_length=300)
    listed_on: str = Field(default="", max_length=20)
    remarks: str = Field(default="", max_length=4000)
