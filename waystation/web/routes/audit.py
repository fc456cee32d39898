"""The auditor's view: the hash-chained log, page by page, and whether the chain verifies."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from waystation.cases.events import AuditEventType
from waystation.exc import InputError
from waystation.services.audit import audit_page, verify_audit
from waystation.web.context import ViewerDep, WebDep, render
from waystation.web.i18n import gettext as _
from waystation.web.routing import WebRoute

__all__ = ["router"]

router = APIRouter(route_class=WebRoute)

PAGE = 100


@router.get("/audit", response_class=HTMLResponse)
def audit(
    request: Request,
    web: WebDep,
    viewer: ViewerDep,
    after: int | None = None,
    event: str | None = None,
    actor: str | None = None,
) -> Response:
    try:
        event_type = AuditEventType(event) if event else None
    except ValueError:
        raise InputError(_("Unknown event type.")) from None
    verdict = verify_audit(web.workspace)
    if after is None:  # the latest records first come to an auditor's eye
        after = 0 if event_type or actor else max(0, verdict.checked - PAGE)
    page = audit_page(
        web.workspace,
        viewer.principal,
        after=max(after, 0),
        limit=PAGE,
        event_type=event_type,
        actor=actor or None,
    )
    return render(
        web,
        request,
        "audit.html",
        viewer,
        page=page,
        verdict=verdict,
        event=event or "",
        actor=actor or "",
        event_types=[e.value for e in AuditEventType],
        after=after,
    )
