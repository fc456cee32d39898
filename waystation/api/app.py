"""The FastAPI application factory: one app per workspace, routers per resource, one error shape.

``create_app(workspace)`` wires an open workspace (tests pass their own); ``create_app()`` opens
the configured one from the settings and refuses default secrets outside development. At start
the app finishes any message a crash left half-processed (``services.recovery``) before it
takes a request — unless ``recover_at_start`` is off: several worker processes of one service
must not each recover, or a worker still starting takes a message another worker has just
received and is processing (that worker's carrier then got "already parsed"); ``waystation serve
--workers N`` recovers once, before it starts the workers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from waystation import __version__
from waystation.api.errors import install_error_handlers
from waystation.api.routers import ROUTERS
from waystation.services.recovery import recover
from waystation.services.workspace import Workspace, open_workspace
from waystation.settings import Settings, get_settings

__all__ = ["create_app"]

DESCRIPTION = """Advance passenger screening: the carrier gateway (raw EDIFACT in, CUSRES board /
no-board answers out), flights and travellers, watchlists, alerts and their human review, cases,
statistics and the audit log. Authenticate with `Authorization: Bearer <token>`; each role sees
only what it needs (a carrier submits messages and reads their status, nothing else). Every error
has one JSON shape (`ErrorBody`)."""


def create_app(
    workspace: Workspace | None = None, settings: Settings | None = None, *, recover_at_start: bool = True
) -> FastAPI:
    """The application; ``workspace`` None opens the configured store (after ``settings.check()``)."""
    if workspace is None:
        settings = settings or get_settings()
        settings.check()
        workspace = open_workspace(settings)
    owned = workspace

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if recover_at_start:
            recover(owned)
        yield

    app = FastAPI(
        title="waystation",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_url="/v1/openapi.json",
        docs_url="/v1/docs",
        redoc_url=None,
    )
    app.state.workspace = workspace
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    return app
