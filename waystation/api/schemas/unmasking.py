"""Unmasking requests and their decisions on the wire."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from waystation.cases.retention import MaskedField
from waystation.services.unmasking import StoredUnmaskRequest, UnmaskedRecord

__all__ = ["UnmaskDecisionIn", "UnmaskRequestIn", "UnmaskRequestOut", "UnmaskedOut"]


class UnmaskRequestIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "traveller_key": "tk-0123456789abcdef01234567",
                    "case_number": "WS-2026-000001-1",
                    "fields": ["name", "document_number"],
                    "reason": "the co-traveller's identity is needed for the liaison request",
                }
            ]
        },
    )

    traveller_key: str = Field(min_length=1, max_length=64)
    case_number: str = Field(max_length=32)
    fields: list[MaskedField] = Field(min_length=1, max_length=len(MaskedField))
    reason: str = Field(max_length=2000)


class UnmaskDecisionIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"approve": True, "reason": "the case needs the name and passport"}]},
    )

    approve: bool
    reason: str = Field(max_length=2000)


class UnmaskRequestOut(BaseModel):
    id: int
    traveller_key: str
    case_number: str
    fields: list[MaskedField]
    reason: str
    requested_by: str
    requested_at: datetime
    status: str
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str | None

    @classmethod
    def of(cls, stored: StoredUnmaskRequest) -> UnmaskRequestOut:
        return cls(
            id=stored.id,
            traveller_key=stored.traveller_key,
            case_number=stored.case_number,
            fields=sorted(stored.fields),
            reason=stored.reason,
            requested_by=stored.requested_by,
            requested_at=stored.requested_at,
            status=stored.status,
            decided_by=stored.decided_by,
            decided_at=stored.decided_at,
            decision_reason=stored.decision_reason,
        )


class UnmaskedOut(BaseModel):
    traveller_id: int
    message_id: int
    masked_at: datetime
    values: dict[str, Any]

    @classmethod
    def of(cls, record: UnmaskedRecord) -> UnmaskedOut:
        return cls.model_validate(asdict(record))
