"""User accounts and tokens (admins)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from waystation.api.deps import PrincipalDep, WorkspaceDep
from waystation.api.params import IdPath
from waystation.api.schemas.admin import TokenOut, UserIn, UserOut
from waystation.services import users as service

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["users"])

UserName = Annotated[str, Path(max_length=100)]


class CreatedUserOut(UserOut):
    token: TokenOut


@router.get("/users", summary="Every account")
def list_users(workspace: WorkspaceDep, principal: PrincipalDep) -> list[UserOut]:
    return [UserOut.of(u) for u in service.users(workspace, by=principal)]


@router.post("/users", summary="Create an account; its first API token is shown once", status_code=201)
def create_user(body: UserIn, workspace: WorkspaceDep, principal: PrincipalDep) -> CreatedUserOut:
    issued = service.create_user(workspace, body.name, body.role, by=principal, password=body.password)
    token = TokenOut.of(issued.stored, issued.user.name, issued.token)
    return CreatedUserOut(**UserOut.of(issued.user).model_dump(), token=token)


@router.get("/users/{name}/tokens", summary="A user's tokens (never their values)")
def list_tokens(name: UserName, workspace: WorkspaceDep, principal: PrincipalDep) -> list[TokenOut]:
    return [TokenOut.of(t, name) for t in service.user_tokens(workspace, name, by=principal)]


@router.post("/users/{name}/tokens", summary="Issue another token (shown once)", status_code=201)
def issue_token(name: UserName, workspace: WorkspaceDep, principal: PrincipalDep) -> TokenOut:
    issued = service.issue_token(workspace, name, by=principal)
    return TokenOut.of(issued.stored, issued.user.name, issued.token)


@router.delete("/tokens/{token_id}", summary="Revoke a token")
def revoke(token_id: IdPath, workspace: WorkspaceDep, principal: PrincipalDep) -> TokenOut:
    stored = service.revoke_user_token(workspace, token_id, by=principal)
    return TokenOut.of(stored, str(stored.user_id))
