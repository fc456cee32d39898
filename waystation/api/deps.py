"""Dependencies as ``Annotated`` aliases: the workspace and the authenticated caller.

Routes declare ``workspace: WorkspaceDep`` and ``principal: PrincipalDep``; permissions are
checked by the services they call (the same checks the web pages get), so a route cannot forget
one.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from waystation.exc import Unauthenticated
from waystation.services.principal import Principal
from waystation.services.users import authenticate_token
from waystation.services.workspace import Workspace

__all__ = ["PrincipalDep", "WorkspaceDep", "current_principal", "current_workspace"]

_bearer = HTTPBearer(auto_error=False, description="an API token from `waystation users add`")


def current_workspace(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


WorkspaceDep = Annotated[Workspace, Depends(current_workspace)]


def current_principal(
    workspace: WorkspaceDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise Unauthenticated("send 'Authorization: Bearer <token>'")
    return authenticate_token(workspace, credentials.credentials)


PrincipalDep = Annotated[Principal, Depends(current_principal)]
