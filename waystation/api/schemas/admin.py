"""Users and tokens, the caller, the carrier policy, statistics and the audit log on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from waystation.cases.chain import AuditRecord, ChainVerdict
from waystation.cases.policy import CarrierPolicy, OnTrueMatch
from waystation.cases.stats import ScreeningStats
from waystation.cases.vocab import Role
from waystation.store import StoredToken, StoredUser

__all__ = [
    "AuditPageOut",
    "AuditRecordOut",
    "AutoDenyIn",
    "MeOut",
    "PolicyIn",
    "PolicyOut",
    "SourceStatsOut",
    "StatisticsOut",
    "TokenOut",
    "UserIn",
    "UserOut",
    "VerificationOut",
]


class MeOut(BaseModel):
    name: str
    role: str
    permissions: list[str]


class UserIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"name": "amira", "role": "analyst"}]}
    )

    name: str = Field(min_length=1, max_length=100)
    role: Role
    password: str | None = Field(default=None, min_length=12, max_length=200)


class UserOut(BaseModel):
    name: str
    role: str
    created_at: datetime
    created_by: str
    active: bool
    has_password: bool

    @classmethod
    def of(cls, user: StoredUser) -> UserOut:
        return cls(
            name=user.name,
            role=user.role.value,
            created_at=user.created_at,
            created_by=user.created_by,
            active=user.active,
            has_password=user.has_password,
        )


class TokenOut(BaseModel):
    """A token is shown once, when issued; afterwards only its id and label."""

    id: int
    user: str
    label: str
    created_at: datetime
    revoked_at: datetime | None
    token: str | None = Field(default=None, description="only in the response that issues it")

    @classmethod
    def of(cls, stored: StoredToken, user: str, token: str | None = None) -> TokenOut:
        return cls(
            id=stored.id,
            user=user,
            label=stored.label,
            created_at=stored.created_at,
            revoked_at=stored.revoked_at,
            token=token,
        )


class AutoDenyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    list_name: str = Field(min_length=1, max_length=100)
    threshold: float = Field(gt=0.0, le=1.0)


class PolicyIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "on_open_alert": "2Z",
                    "on_inconclusive": "2Z",
                    "on_true_match": "deny",
                    "auto_deny": [{"list_name": "national", "threshold": 0.97}],
                }
            ]
        },
    )

    on_open_alert: str = Field(default="2Z", description="0Z board or 2Z refer")
    on_inconclusive: str = Field(default="2Z", description="0Z board or 2Z refer")
    on_true_match: OnTrueMatch = OnTrueMatch.REFER
    auto_deny: list[AutoDenyIn] = Field(default_factory=list, max_length=50)
    version: str | None = Field(default=None, max_length=100)


class PolicyOut(BaseModel):
    version: str
    configured_by: str
    configured_at: datetime
    on_open_alert: str
    on_inconclusive: str
    on_true_match: str
    auto_deny: list[AutoDenyIn]

    @classmethod
    def of(cls, policy: CarrierPolicy) -> PolicyOut:
        return cls(
            version=policy.version,
            configured_by=policy.configured_by,
            configured_at=policy.configured_at,
            on_open_alert=policy.on_open_alert.value,
            on_inconclusive=policy.on_inconclusive.value,
            on_true_match=policy.on_true_match.value,
            auto_deny=[AutoDenyIn(list_name=r.list_name, threshold=r.threshold) for r in policy.auto_deny],
        )


class SourceStatsOut(BaseModel):
    kind: str
    source: str
    hits: int
    true_match: int
    false_positive: int
    inconclusive: int
    undecided: int
    precision: float | None


class StatisticsOut(BaseModel):
    travellers_processed: int
    travellers_alerted: int
    travellers_confirmed: int
    hits: int
    sources: list[SourceStatsOut]

    @classmethod
    def of(cls, stats: ScreeningStats) -> StatisticsOut:
        return cls(
            travellers_processed=stats.travellers_processed,
            travellers_alerted=stats.travellers_alerted,
            travellers_confirmed=stats.travellers_confirmed,
            hits=stats.hits,
            sources=[
                SourceStatsOut(
                    kind=s.kind.value,
                    source=s.source,
                    hits=s.hits,
                    true_match=s.true_match,
                    false_positive=s.false_positive,
                    inconclusive=s.inconclusive,
                    undecided=s.undecided,
                    precision=s.precision,
                )
                for s in stats.sources
            ],
        )


class AuditRecordOut(BaseModel):
    sequence: int
    at: datetime
    actor: str
    role: str
    event_type: str
    payload: dict[str, Any]
    previous_hash: str
    hash: str

    @classmethod
    def of(cls, record: AuditRecord) -> AuditRecordOut:
        return cls(
            sequence=record.sequence,
            at=record.at,
            actor=record.actor,
            role=record.role,
            event_type=record.event_type.value,
            payload=dict(record.payload),
            previous_hash=record.previous_hash,
            hash=record.hash,
        )


class AuditPageOut(BaseModel):
    records: list[AuditRecordOut]
    next_after: int | None = Field(description="pass as ?after= for the next page; null at the end")


class VerificationOut(BaseModel):
    ok: bool
    checked: int
    problem: str | None
    position: int | None
    detail: str

    @classmethod
    def of(cls, verdict: ChainVerdict) -> VerificationOut:
        return cls(
            ok=verdict.ok,
            checked=verdict.checked,
            problem=verdict.problem.value if verdict.problem else None,
            position=verdict.position,
            detail=str(verdict),
        )
