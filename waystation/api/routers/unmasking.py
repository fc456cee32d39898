"""Unmasking: ask (analyst), decide (another person, a supervisor), read (the requester only)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from waystation.api.deps import PrincipalDep, WorkspaceDep
from waystation.api.schemas.unmasking import UnmaskDecisionIn, UnmaskedOut, UnmaskRequestIn, UnmaskRequestOut
from waystation.services import unmasking as service

__all__ = ["router"]

router = APIRouter(prefix="/v1/unmask-requests", tags=["unmasking"])

RequestId = Annotated[int, Path(ge=1, le=2**62)]


@router.get("", summary="Unmasking requests (an analyst sees their own)")
def list_requests(
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    status: Literal["pending", "approved", "refused"] | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[UnmaskRequestOut]:
    found = service.unmask_requests(workspace, principal, status=status, limit=limit)
    return [UnmaskRequestOut.of(r) for r in found]


@router.post("", summary="Ask to unmask a traveller linked to an open case", status_code=201)
def ask(body: UnmaskRequestIn, workspace: WorkspaceDep, principal: PrincipalDep) -> UnmaskRequestOut:
    stored = service.request_unmask(
        workspace,
        principal,
        traveller_key=body.traveller_key,
        case_number=body.case_number,
        fields=body.fields,
        reason=body.reason,
    )
    return UnmaskRequestOut.of(stored)


@router.post("/{request_id}/decision", summary="Approve or refuse (a supervisor other than the requester)")
def decide(
    request_id: RequestId, body: UnmaskDecisionIn, workspace: WorkspaceDep, principal: PrincipalDep
) -> UnmaskRequestOut:
    stored = service.decide(workspace, principal, request_id, approve=body.approve, reason=body.reason)
    return UnmaskRequestOut.of(stored)


@router.get("/{request_id}/data", summary="The unmasked values (the requester, while the case is open)")
def data(request_id: RequestId, workspace: WorkspaceDep, principal: PrincipalDep) -> list[UnmaskedOut]:
    return [UnmaskedOut.of(r) for r in service.read_unmasked(workspace, principal, request_id)]
