"""The audit log for auditors: pages of records and the verification of the chain."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from waystation.api.deps import PrincipalDep, WorkspaceDep
from waystation.api.params import IdQuery
from waystation.api.schemas.admin import AuditPageOut, AuditRecordOut, VerificationOut
from waystation.cases.events import AuditEventType
from waystation.cases.permissions import Permission, require
from waystation.services.audit import audit_page, verify_audit

__all__ = ["router"]

router = APIRouter(prefix="/v1/audit", tags=["audit"])


@router.get("", summary="Audit records in sequence order")
def list_records(
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    after: IdQuery = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    event_type: AuditEventType | None = None,
    actor: Annotated[str | None, Query(max_length=100)] = None,
) -> AuditPageOut:
    page = audit_page(workspace, principal, after=after, limit=limit, event_type=event_type, actor=actor)
    return AuditPageOut(records=[AuditRecordOut.of(r) for r in page.records], next_after=page.next_after)


@router.get("/verification", summary="Verify the whole chain against the signed head")
async def verification(workspace: WorkspaceDep, principal: PrincipalDep) -> VerificationOut:
    require(principal.role, Permission.READ_AUDIT)
    return VerificationOut.of(await run_in_threadpool(verify_audit, workspace))
