"""Health (no credentials needed) and who the caller is."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from waystation import __version__
from waystation.api.deps import PrincipalDep, WorkspaceDep
from waystation.api.schemas.admin import MeOut
from waystation.cases.permissions import permissions_of

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["system"])


class HealthOut(BaseModel):
    status: str
    version: str
    database: str


@router.get("/health", summary="Is the service up, and on which database backend")
def health(workspace: WorkspaceDep) -> HealthOut:
    return HealthOut(status="ok", version=__version__, database=workspace.engine.dialect.name)


@router.get("/me", summary="The authenticated caller, their role and permissions")
def me(principal: PrincipalDep) -> MeOut:
    permissions = sorted(p.value for p in permissions_of(principal.role))
    return MeOut(name=principal.name, role=principal.role.value, permissions=permissions)
