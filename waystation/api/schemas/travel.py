"""Messages, flights, travellers and screening runs on the wire."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from waystation.model import Traveller
from waystation.services.travellers import FlightSummary
from waystation.store import ScreeningRun, StoredHit, StoredMessage, StoredTraveller

__all__ = [
    "DocumentOut",
    "FlightOut",
    "HitOut",
    "MessageAck",
    "MessageOut",
    "RunOut",
    "TravellerOut",
]


class MessageAck(BaseModel):
    """What a carrier is told for a batch message: it is kept, under this id. Nothing about screening."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"message_id": 1042, "status": "parsed", "travellers": 186, "duplicate_of": None}]
        }
    )

    message_id: int
    status: str = Field(description="parsed | duplicate")
    travellers: int
    duplicate_of: int | None = None


class MessageOut(BaseModel):
    id: int
    received_at: datetime
    source: str
    size: int
    sha256: str
    message_format: str | None
    interchange_ref: str | None
    status: str
    duplicate_of: int | None
    issues: list[str]

    @classmethod
    def of(cls, stored: StoredMessage) -> MessageOut:
        return cls(
            id=stored.id,
            received_at=stored.received_at,
            source=stored.source,
            size=stored.size,
            sha256=stored.sha256,
            message_format=stored.message_format,
            interchange_ref=stored.interchange_ref,
            status=stored.status.value,
            duplicate_of=stored.duplicate_of,
            issues=[str(i) for i in stored.issues],
        )


def _when(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


class FlightOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 7,
                    "designator": "TK0412",
                    "carrier": "TK",
                    "origin": "IST",
                    "destination": "GZT",
                    "departure": "2026-11-26T14:05:00",
                    "arrival": "2026-11-26T15:50:00",
                    "travellers": 163,
                    "alerts": {"watchlist": 2},
                }
            ]
        }
    )

    id: int
    designator: str
    carrier: str | None
    origin: str | None
    destination: str | None
    departure: str | None = Field(description="local time as the message gave it (no zone), or a date")
    arrival: str | None
    travellers: int
    alerts: dict[str, int] = Field(description="alerts by kind (watchlist, rule, network)")

    @classmethod
    def of(cls, summary: FlightSummary) -> FlightOut:
        leg = summary.flight.leg
        return cls(
            id=summary.flight.id,
            designator=leg.designator,
            carrier=leg.carrier,
            origin=leg.origin,
            destination=leg.destination,
            departure=_when(leg.departure),
            arrival=_when(leg.arrival),
            travellers=summary.travellers,
            alerts=summary.alerts,
        )


class DocumentOut(BaseModel):
    doc_type: str | None
    number: str | None
    issuing_country: str | None
    expiry: str | None


class TravellerOut(BaseModel):
    """A traveller as the carrier's message described them (personal data: reading it is logged)."""

    id: int
    message_id: int
    flight_id: int | None
    ref: str
    role: str
    name: str
    family_name: str | None
    given_names: str | None
    birth_date: str | None
    sex: str | None
    nationalities: list[str]
    documents: list[DocumentOut]
    references: dict[str, str]
    embarkation: str | None
    debarkation: str | None
    contacts: list[str]
    address: str | None

    @classmethod
    def of(cls, stored: StoredTraveller) -> TravellerOut:
        t: Traveller = stored.traveller
        return cls(
            id=stored.id,
            message_id=stored.message_id,
            flight_id=stored.flight_id,
            ref=t.ref,
            role=t.role.value,
            name=t.name.full,
            family_name=t.name.family,
            given_names=t.name.given,
            birth_date=t.birth_date.iso() if t.birth_date else None,
            sex=t.sex.value if t.sex else None,
            nationalities=list(t.nationalities),
            documents=[
                DocumentOut(
                    doc_type=d.doc_type,
                    number=d.number,
                    issuing_country=d.issuing_country,
                    expiry=d.expiry.iso() if d.expiry else None,
                )
                for d in t.documents
            ],
            references=dict(t.references),
            embarkation=t.embarkation,
            debarkation=t.debarkation,
            contacts=[c.value for c in t.contacts],
            address=str(t.address) if t.address else None,
        )


class HitOut(BaseModel):
    """A screening hit with its evidence: score, algorithm, explanation sentences, features."""

    id: int
    run_id: int
    traveller_id: int
    list_name: str
    list_version: str
    entry_id: str
    score: float
    alert: bool
    algorithm: str
    algorithm_version: str
    explanation: list[str]
    features: Any = None
    cleared: str | None

    @classmethod
    def of(cls, hit: StoredHit) -> HitOut:
        return cls(
            id=hit.id,
            run_id=hit.run_id,
            traveller_id=hit.traveller_id,
            list_name=hit.list_name,
            list_version=hit.list_version,
            entry_id=hit.entry_id,
            score=hit.score,
            alert=hit.alert,
            algorithm=hit.algorithm,
            algorithm_version=hit.algorithm_version,
            explanation=list(hit.explanation),
            features=hit.features,
            cleared=hit.cleared,
        )


class RunOut(BaseModel):
    id: int
    started_at: datetime
    finished_at: datetime | None
    algorithm: str
    algorithm_version: str
    thresholds: dict[str, float]
    list_version_ids: list[int]
    raw_message_id: int | None
    traveller_count: int
    hit_count: int
    alert_count: int
    hits: list[HitOut]

    @classmethod
    def of(cls, run: ScreeningRun, hits: list[StoredHit]) -> RunOut:
        return cls(
            id=run.id,
            started_at=run.started_at,
            finished_at=run.finished_at,
            algorithm=run.algorithm,
            algorithm_version=run.algorithm_version,
            thresholds=run.thresholds,
            list_version_ids=list(run.list_version_ids),
            raw_message_id=run.raw_message_id,
            traveller_count=run.traveller_count,
            hit_count=run.hit_count,
            alert_count=run.alert_count,
            hits=[HitOut.of(h) for h in hits],
        )
