"""Partner agencies and sharing: the directory (admin), packages under TLP marks (supervisor),
what a partner received and passing it on (partner)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from waystation.api.deps import PrincipalDep, WorkspaceDep
from waystation.api.schemas.sharing import PartnerIn, PartnerOut, PassOnIn, ShareIn, ShareOut
from waystation.services import sharing as service
from waystation.sharing import Partner

__all__ = ["router"]

router = APIRouter(tags=["sharing"])

ShareId = Annotated[int, Path(ge=1, le=2**62)]


@router.get("/v1/partners", summary="The partner directory")
def list_partners(workspace: WorkspaceDep, principal: PrincipalDep) -> list[PartnerOut]:
    return [PartnerOut.of(p) for p in service.partners(workspace, principal)]


@router.post("/v1/partners", summary="Add a partner agency (its sharing agreement's terms)", status_code=201)
def add_partner(body: PartnerIn, workspace: WorkspaceDep, principal: PrincipalDep) -> PartnerOut:
    partner = Partner(body.org_id, body.name, body.community, frozenset(body.clients), body.personal_data)
    return PartnerOut.of(service.new_partner(workspace, principal, partner, account=body.account))


@router.get("/v1/shares", summary="Shares: a partner sees only what was shared with it")
def list_shares(
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[ShareOut]:
    return [ShareOut.of(v) for v in service.shares(workspace, principal, limit=limit, offset=offset)]


@router.post(
    "/v1/shares", summary="Share a confirmed hit, a case or a national entry under a mark", status_code=201
)
def create_share(body: ShareIn, workspace: WorkspaceDep, principal: PrincipalDep) -> ShareOut:
    view = service.share(
        workspace,
        principal,
        partner=body.partner,
        kind=body.kind,
        subject=body.subject,
        mark=body.mark,
        purpose=body.purpose,
        person=body.person,
    )
    return ShareOut.of(view)


@router.post(
    "/v1/shares/{share_id}/reshare", summary="Pass a received package on, if its marks allow", status_code=201
)
def pass_on(share_id: ShareId, body: PassOnIn, workspace: WorkspaceDep, principal: PrincipalDep) -> ShareOut:
    view = service.pass_on(
        workspace, principal, share_id, to=body.to, purpose=body.purpose, person=body.person, mark=body.mark
    )
    return ShareOut.of(view)
