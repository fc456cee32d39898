"""The alert queue and the review page: one alert at a time, decided with a reason.

The queue is ordered by departure and score and filtered by list, rule, network link kind,
flight and status. The review page shows the traveller and the list entry side by side with the
aligned name parts, the rules and network paths that fired for the same person, and the earlier
decisions about them; deciding takes a disposition and a reason, then moves on to the next alert
that needs a human. Every step is the review service's (workflow, optimistic lock, audit).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from waystation.cases.vocab import AlertKind, AlertStatus, Disposition, ReviewAction
from waystation.exc import Conflict, Forbidden, InputError, NotFound
from waystation.services.alert_queue import alert_queue, next_in_queue
from waystation.services.alerts import alert_detail
from waystation.services.review import clear_alerted_traveller, decide, take_step
from waystation.services.watchlists import list_entry
from waystation.store import AlertFilter
from waystation.web.context import Viewer, ViewerDep, Web, WebDep, check_csrf, render
from waystation.web.i18n import gettext as _
from waystation.web.review_view import review_view
from waystation.web.routing import WebRoute

__all__ = ["router"]

router = APIRouter(route_class=WebRoute)

PAGE_SIZE = 50
STATUSES = ("undecided", "open", "in_review", "escalated", "decided", "all")


def _filter(kind: str | None, source: str | None, flight: str | None, status: str) -> AlertFilter:
    try:
        chosen_kind = AlertKind(kind) if kind else None
        flight_id = int(flight) if flight else None
        chosen = AlertStatus(status) if status not in ("undecided", "all") else None
    except ValueError:
        raise InputError(_("Unknown filter value.")) from None
    return AlertFilter(
        kind=chosen_kind,
        source=source or None,
        flight_id=flight_id,
        status=chosen,
        open_only=status == "undecided",
    )


@router.get("/alerts", response_class=HTMLResponse)
def queue(
    request: Request,
    web: WebDep,
    viewer: ViewerDep,
    kind: str | None = None,
    source: str | None = None,
    flight: str | None = None,
    status: str = "undecided",
    page: int = 1,
    decided: int | None = None,
) -> Response:
    if status not in STATUSES:
        status = "undecided"
    where = _filter(kind, source, flight, status)
    page = max(page, 1)
    found = alert_queue(
        web.workspace, viewer.principal, where, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    return render(
        web,
        request,
        "alerts.html",
        viewer,
        found=found,
        kind=kind or "",
        source=source or "",
        flight=flight or "",
        status=status,
        statuses=STATUSES,
        page=page,
        pages=max(1, -(-found.total // PAGE_SIZE)),
        decided=decided,
    )


def _detail(
    web: Web,
    request: Request,
    viewer: Viewer,
    alert_id: int,
    *,
    error: str | None = None,
    status_code: int = 200,
    form: dict[str, Any] | None = None,
    notice: str | None = None,
) -> Response:
    detail = alert_detail(web.workspace, viewer.principal, alert_id)
    entry = None
    alert = detail.alert.alert
    if alert.kind is AlertKind.WATCHLIST:
        try:
            entry = list_entry(
                web.workspace, viewer.principal, alert.source, alert.subject, version=alert.source_version
            )[1]
        except NotFound:
            entry = None
    view = review_view(detail, entry)
    return render(
        web,
        request,
        "alert.html",
        viewer,
        detail=detail,
        view=view,
        alert=alert,
        state=detail.alert.state,
        allowed={a.value for a in detail.allowed},
        steps=[a for a in ("claim", "release", "escalate", "reopen") if ReviewAction(a) in detail.allowed],
        dispositions=list(Disposition),
        error=error,
        form=form or {},
        notice=notice,
        status_code=status_code,
    )


@router.get("/alerts/{alert_id}", response_class=HTMLResponse)
def review_page(
    request: Request, web: WebDep, viewer: ViewerDep, alert_id: int, decided: int | None = None
) -> Response:
    notice = _("Alert {number} was decided.").format(number=decided) if decided else None
    return _detail(web, request, viewer, alert_id, notice=notice)


@router.post("/alerts/{alert_id}/decide", response_class=HTMLResponse)
def decide_alert(
    request: Request,
    web: WebDep,
    viewer: ViewerDep,
    alert_id: int,
    csrf: Annotated[str, Form()] = "",
    disposition: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
    override: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(viewer, csrf)
    form = {"disposition": disposition, "reason": reason}
    try:
        chosen = Disposition(disposition)
    except ValueError:
        message = _("Choose a disposition.")
        return _detail(web, request, viewer, alert_id, error=message, status_code=400, form=form)
    try:
        decide(web.workspace, viewer.principal, alert_id, chosen, reason, override=override == "yes")
    except (InputError, Conflict, Forbidden) as failure:
        status = 400 if isinstance(failure, InputError) else 409 if isinstance(failure, Conflict) else 403
        return _detail(web, request, viewer, alert_id, error=str(failure), status_code=status, form=form)
    following = next_in_queue(web.workspace, viewer.principal, alert_id)
    target = f"/alerts/{following}?decided={alert_id}" if following else f"/alerts?decided={alert_id}"
    return RedirectResponse(target, status_code=303)


@router.post("/alerts/{alert_id}/step", response_class=HTMLResponse)
def step(
    request: Request,
    web: WebDep,
    viewer: ViewerDep,
    alert_id: int,
    csrf: Annotated[str, Form()] = "",
    action: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(viewer, csrf)
    try:
        chosen = ReviewAction(action)
        take_step(web.workspace, viewer.principal, alert_id, chosen, reason=reason or None)
    except ValueError:
        return _detail(web, request, viewer, alert_id, error=_("Unknown action."), status_code=400)
    except (InputError, Conflict, Forbidden) as failure:
        status = 400 if isinstance(failure, InputError) else 409 if isinstance(failure, Conflict) else 403
        return _detail(web, request, viewer, alert_id, error=str(failure), status_code=status)
    return RedirectResponse(f"/alerts/{alert_id}", status_code=303)


@router.post("/alerts/{alert_id}/clear", response_class=HTMLResponse)
def clear(
    request: Request,
    web: WebDep,
    viewer: ViewerDep,
    alert_id: int,
    csrf: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
    days: Annotated[int, Form()] = 365,
) -> Response:
    check_csrf(viewer, csrf)
    try:
        result = clear_alerted_traveller(web.workspace, viewer.principal, alert_id, reason, days=days)
    except (InputError, Conflict, Forbidden) as failure:
        status = 400 if isinstance(failure, InputError) else 409 if isinstance(failure, Conflict) else 403
        return _detail(web, request, viewer, alert_id, error=str(failure), status_code=status)
    until = result.clearance.clearance.expires_at.date().isoformat()
    notice = _("The traveller is cleared against this entry until {day}.").format(day=until)
    return _detail(web, request, viewer, alert_id, notice=notice)
