"""Alerts, their review, clearances and cases on the wire."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from waystation.api.schemas.travel import HitOut, TravellerOut
from waystation.cases.alerts import DispositionRecord
from waystation.cases.vocab import Disposition
from waystation.services.alerts import AlertDetail
from waystation.store import StoredAlert, StoredCase, StoredClearance

__all__ = [
    "AlertDetailOut",
    "AlertOut",
    "AlertPageOut",
    "CaseIn",
    "CaseOut",
    "ClearanceIn",
    "ClearanceOut",
    "CloseIn",
    "DecisionIn",
    "LinkIn",
    "NoteIn",
    "ReviewEntryOut",
    "StepIn",
]


class ReviewEntryOut(BaseModel):
    action: str
    actor: str
    role: str
    at: datetime
    reason: str | None
    disposition: str | None = None
    override: bool = False


class AlertOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 12,
                    "kind": "watchlist",
                    "traveller_id": 3310,
                    "traveller_key": "tk-3f9a0c1d2e4b5a6978812233",
                    "traveller_ref": "P000031",
                    "flight": "TK0412",
                    "flight_date": "2026-11-26",
                    "source": "un-consolidated",
                    "source_version": "2026-11-20",
                    "subject": "QDi.292",
                    "score": 0.992,
                    "algorithm": "waystation-name-v2",
                    "algorithm_version": "2.1.0",
                    "explanation": ["AL-GHAMDI = AL-GHAMDI", "born 1979-04-10, listed 1979-04-10"],
                    "created_at": "2026-11-25T19:36:02Z",
                    "status": "open",
                    "disposition": None,
                    "assignee": None,
                }
            ]
        }
    )

    id: int
    kind: str
    traveller_id: int | None
    traveller_key: str
    traveller_ref: str
    flight: str
    flight_date: date | None
    source: str
    source_version: str | None
    subject: str
    score: float
    algorithm: str
    algorithm_version: str
    explanation: list[str]
    created_at: datetime
    status: str
    disposition: str | None
    assignee: str | None

    @classmethod
    def of(cls, stored: StoredAlert) -> AlertOut:
        a, state = stored.alert, stored.state
        return cls(
            id=stored.id,
            kind=a.kind.value,
            traveller_id=stored.traveller_id,
            traveller_key=a.traveller_key,
            traveller_ref=a.traveller_ref,
            flight=a.flight,
            flight_date=a.flight_date,
            source=a.source,
            source_version=a.source_version,
            subject=a.subject,
            score=a.score,
            algorithm=a.algorithm,
            algorithm_version=a.algorithm_version,
            explanation=list(a.explanation),
            created_at=a.created_at,
            status=state.status.value,
            disposition=state.disposition.value if state.disposition else None,
            assignee=state.assignee,
        )


class AlertPageOut(BaseModel):
    total: int
    alerts: list[AlertOut]


class AlertDetailOut(AlertOut):
    history: list[ReviewEntryOut]
    allowed_actions: list[str] = Field(description="the review steps the caller may take now")
    hit: HitOut | None
    traveller: TravellerOut | None
    related: list[AlertOut] = Field(description="other alerts of the same person (earlier dispositions)")

    @classmethod
    def of_detail(cls, detail: AlertDetail) -> AlertDetailOut:
        base = AlertOut.of(detail.alert).model_dump()
        history = [
            ReviewEntryOut(
                action=entry.action.value,
                actor=entry.actor,
                role=entry.role.value,
                at=entry.at,
                reason=entry.reason,
                disposition=entry.disposition.value if isinstance(entry, DispositionRecord) else None,
                override=entry.override if isinstance(entry, DispositionRecord) else False,
            )
            for entry in detail.alert.state.history
        ]
        return cls(
            **base,
            history=history,
            allowed_actions=sorted(a.value for a in detail.allowed),
            hit=HitOut.of(detail.hit) if detail.hit else None,
            traveller=TravellerOut.of(detail.traveller) if detail.traveller else None,
            related=[AlertOut.of(a) for a in detail.related],
        )


class StepIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"action": "escalate", "reason": "passport number needs a second look"}]
        },
    )

    action: Literal["claim", "release", "escalate", "reopen"]
    reason: str | None = Field(default=None, max_length=2000, description="required to escalate or reopen")


class DecisionIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "disposition": "false_positive",
                    "reason": "born 1991, the listed person 1965; passport of another country",
                    "override": False,
                }
            ]
        },
    )

    disposition: Disposition
    reason: str = Field(max_length=2000, description="mandatory: the evidence the decision rests on")
    override: bool = Field(default=False, description="declare that this replaces the current decision")


class ClearanceIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"reason": "namesake, other birth date and passport", "days": 365}]},
    )

    reason: str = Field(max_length=2000)
    days: int = Field(default=365, ge=1, le=1098)


class ClearanceOut(BaseModel):
    id: int
    source: str
    subject: str
    based_on_alert: str
    cleared_by: str
    cleared_at: datetime
    expires_at: datetime
    reason: str

    @classmethod
    def of(cls, stored: StoredClearance) -> ClearanceOut:
        c = stored.clearance
        return cls(
            id=stored.id,
            source=c.source,
            subject=c.subject,
            based_on_alert=c.based_on_alert,
            cleared_by=c.cleared_by,
            cleared_at=c.at,
            expires_at=c.expires_at,
            reason=c.reason,
        )


class CaseIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "alert_ids": [12],
                    "title": "Travel of a listed facilitator via IST",
                    "purpose": "establish whether the traveller is the listed person, and his companions",
                }
            ]
        },
    )

    alert_ids: list[Annotated[int, Field(ge=1, le=2**62)]] = Field(min_length=1, max_length=100)
    title: str = Field(max_length=300)
    purpose: str = Field(max_length=2000)


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=10_000)


class LinkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    traveller_key: str = Field(max_length=64)
    reason: str = Field(max_length=2000)


class CloseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(max_length=2000)


class CaseLinkOut(BaseModel):
    traveller_key: str
    linked_by: str
    at: datetime
    reason: str
    alert_id: str | None


class CaseNoteOut(BaseModel):
    text: str
    author: str
    at: datetime


class CaseOut(BaseModel):
    number: str
    title: str
    purpose: str
    status: str
    opened_by: str
    opened_at: datetime
    alert_ids: list[str]
    links: list[CaseLinkOut]
    notes: list[CaseNoteOut]
    closed_by: str | None
    closed_at: datetime | None
    close_reason: str | None

    @classmethod
    def of(cls, stored: StoredCase) -> CaseOut:
        c = stored.case
        return cls(
            number=str(c.number),
            title=c.title,
            purpose=c.purpose,
            status=c.status.value,
            opened_by=c.opened_by,
            opened_at=c.opened_at,
            alert_ids=list(c.alert_ids),
            links=[
                CaseLinkOut(
                    traveller_key=k.traveller_key,
                    linked_by=k.linked_by,
                    at=k.at,
                    reason=k.reason,
                    alert_id=k.alert_id,
                )
                for k in c.links
            ],
            notes=[CaseNoteOut(text=n.text, author=n.author, at=n.at) for n in c.notes],
            closed_by=c.closure.closed_by if c.closure else None,
            closed_at=c.closure.at if c.closure else None,
            close_reason=c.closure.reason if c.closure else None,
        )
