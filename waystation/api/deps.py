"""Dependencies as ``Annotated`` aliases: the workspace and the authenticated caller.

Routes declare ``workspace: WorkspaceDep`` and ``principal: PrincipalDep``; permissions are
checked by the services they call (the same checks the web pages get), so a route cannot forget
one.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from waystation.exc import Unauthenticated
from waystation.services.principal import Principal
from waystation.services.users import authenticate_token, remembered_principal
from waystation.services.workspace import Workspace

__all__ = ["PrincipalDep", "WorkspaceDep", "current_principal", "current_workspace"]

_bearer = HTTPBearer(auto_error=False, description="an API token from `waystation users add`")


async def current_workspace(request: Request) -> Workspace:
    # async: FastAPI runs a plain ``def`` dependency on a worker thread, a hop per request for
    # nothing (this does no I/O).
    workspace: Workspace = request.app.state.workspace
    return workspace


WorkspaceDep = Annotated[Workspace, Depends(current_workspace)]


async def current_principal(
    workspace: WorkspaceDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The caller: from the token cache on the event loop (no I/O), else looked up on a worker
    thread (a database read must not block the loop)."""
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise Unauthenticated("send 'Authorization: Bearer <token>'")
    token = credentials.credentials
    remembered = remembered_principal(workspace, token)
    if remembered is not None:
        return remembered
    return await run_in_threadpool(authenticate_token, workspace, token)


PrincipalDep = Annotated[Principal, Depends(current_principal)]
