"""Partners and shares on the wire."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from waystation.services.sharing import ShareKind, ShareView, StoredPartner

__all__ = ["PartnerIn", "PartnerOut", "PassOnIn", "ShareIn", "ShareOut"]


class PartnerIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "org_id": "NCB-ANKARA",
                    "name": "INTERPOL NCB Ankara",
                    "community": "counter-terrorism-liaison",
                    "clients": ["TNP-CT"],
                    "personal_data": True,
                    "account": "partner-ankara",
                }
            ]
        },
    )

    org_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    name: str = Field(min_length=1, max_length=300)
    community: str | None = Field(default=None, max_length=100)
    clients: list[str] = Field(default_factory=list, max_length=50)
    personal_data: bool = Field(default=False, description="the agreement covers travellers' personal data")
    account: str | None = Field(
        default=None, max_length=100, description="the partner-role account that reads"
    )


class PartnerOut(BaseModel):
    org_id: str
    name: str
    community: str | None
    clients: list[str]
    personal_data: bool
    account: str | None
    created_by: str
    created_at: datetime

    @classmethod
    def of(cls, stored: StoredPartner) -> PartnerOut:
        p = stored.partner
        return cls(
            org_id=p.org_id,
            name=p.name,
            community=p.community,
            clients=sorted(p.clients),
            personal_data=p.personal_data,
            account=stored.account,
            created_by=stored.created_by,
            created_at=stored.created_at,
        )


class ShareIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "partner": "NCB-ANKARA",
                    "kind": "hit",
                    "subject": "42",
                    "mark": "TLP:AMBER ORCON",
                    "purpose": "the listed person transits towards your border tomorrow",
                }
            ]
        },
    )

    partner: str = Field(min_length=1, max_length=64)
    kind: ShareKind
    subject: str = Field(
        min_length=1, max_length=300, description="alert id, case number, or LIST:ENTRY_ID of a national list"
    )
    mark: str = Field(min_length=1, max_length=40, description="TLP 2.0 mark, optionally followed by ORCON")
    purpose: str = Field(max_length=2000)
    person: str | None = Field(default=None, max_length=200, description="the named recipient (TLP:RED)")


class PassOnIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: str = Field(min_length=1, max_length=64)
    purpose: str = Field(max_length=2000)
    person: str | None = Field(default=None, max_length=200)
    mark: str | None = Field(default=None, max_length=40, description="may tighten the mark, never loosen it")


class ShareOut(BaseModel):
    id: int
    package_id: str
    partner: str
    sender: str
    kind: str
    subject: str
    mark: str
    shared_by: str
    shared_at: datetime
    digest: str
    document: dict[str, Any]
    reshared_from: int | None

    @classmethod
    def of(cls, view: ShareView) -> ShareOut:
        return cls.model_validate(asdict(view))
