"""A traveller's network on the wire: explained paths to subjects and groups travelling together."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from waystation.services.network_query import NetworkReport, report_record

__all__ = [
    "JourneyLegOut",
    "JourneyOut",
    "LinkOut",
    "NetworkOut",
    "PathOut",
    "PersonOut",
    "StepOut",
    "SubjectOut",
]


class PersonOut(BaseModel):
    person_id: str = Field(description="the resolved person (keyed digest; stable for the same input)")
    label: str = Field(description="the name as first written")
    subject: str = Field(description="'listed QDi.406' or 'confirmed …' when a subject, else empty")


class SubjectOut(PersonOut):
    status: str = Field(description="listed | confirmed")
    reference: str = Field(description="the list entry or case that makes the person a subject")


class LinkOut(BaseModel):
    kind: str = Field(
        description="booking, co_travel, phone, email, address, card, document, repeated_co_travel"
    )
    shown: str = Field(description="the shared value, masked")
    occasions: int
    evidence: list[str] = Field(description="the messages and segments where each person showed it")


class StepOut(BaseModel):
    source: str
    target: str
    links: list[LinkOut]


class PathOut(BaseModel):
    subject: SubjectOut
    hops: int
    persons: list[PersonOut]
    steps: list[StepOut]
    explanation: str


class JourneyLegOut(BaseModel):
    flight: str
    origin: str | None
    destination: str | None
    departure: str | None = Field(description="ISO date or local date-time as the carrier sent it")
    bookings: list[str]


class JourneyOut(BaseModel):
    airports: list[str] = Field(description="origin, each transit, destination")
    split_ticket: bool = Field(description="a transit between legs of different bookings")
    legs: list[JourneyLegOut]


class NetworkOut(BaseModel):
    """Shortest explained paths from the traveller to listed or confirmed subjects within ``hops``,
    and the groups travelling together among the persons within reach (the traveller's first)."""

    traveller_id: int
    person: PersonOut
    hops: int
    case_number: str | None
    paths: list[PathOut]
    groups: list[list[PersonOut]]
    journeys: list[JourneyOut] = Field(description="the traveller's journeys, legs joined across API and PNR")

    @classmethod
    def of(cls, report: NetworkReport) -> NetworkOut:
        record: dict[str, Any] = report_record(report)
        return cls.model_validate(record)
