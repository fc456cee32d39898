"""Cases: open from alerts, add notes, link travellers, close."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from waystation.api.deps import PrincipalDep, WorkspaceDep
from waystation.api.schemas.review import CaseIn, CaseOut, CloseIn, LinkIn, NoteIn
from waystation.cases.case import CaseStatus
from waystation.services import cases as service

__all__ = ["router"]

router = APIRouter(prefix="/v1/cases", tags=["cases"])

Number = Annotated[str, Path(max_length=32, description="e.g. WS-2026-000001-1")]


@router.get("", summary="Cases, newest first")
def list_cases(
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    status: CaseStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[CaseOut]:
    return [
        CaseOut.of(c) for c in service.cases(workspace, principal, status=status, limit=limit, offset=offset)
    ]


@router.post("", summary="Open a case from alerts", status_code=201)
def open_case(body: CaseIn, workspace: WorkspaceDep, principal: PrincipalDep) -> CaseOut:
    stored = service.open_new_case(
        workspace, principal, body.alert_ids, title=body.title, purpose=body.purpose
    )
    return CaseOut.of(stored)


@router.get("/{number}", summary="One case (its travellers' reads are logged)")
def get_case(number: Number, workspace: WorkspaceDep, principal: PrincipalDep) -> CaseOut:
    return CaseOut.of(service.case_detail(workspace, principal, number))


@router.post("/{number}/notes", summary="Append a note", status_code=201)
def add_note(number: Number, body: NoteIn, workspace: WorkspaceDep, principal: PrincipalDep) -> CaseOut:
    return CaseOut.of(service.add_case_note(workspace, principal, number, body.text))


@router.post("/{number}/links", summary="Link a traveller, with the reason", status_code=201)
def link(number: Number, body: LinkIn, workspace: WorkspaceDep, principal: PrincipalDep) -> CaseOut:
    return CaseOut.of(service.link(workspace, principal, number, body.traveller_key, body.reason))


@router.post("/{number}/closure", summary="Close the case, with the reason")
def close(number: Number, body: CloseIn, workspace: WorkspaceDep, principal: PrincipalDep) -> CaseOut:
    return CaseOut.of(service.close(workspace, principal, number, body.reason))
