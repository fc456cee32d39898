"""The flight board: departures and arrivals of the next 72 hours, their alerts and data quality."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from waystation.services.data_quality import Badge
from waystation.services.flight_board import flight_board
from waystation.web.context import ViewerDep, WebDep, render
from waystation.web.i18n import N_
from waystation.web.routing import WebRoute

__all__ = ["BADGE_LABELS", "router"]

router = APIRouter(route_class=WebRoute)

BADGE_LABELS = {
    Badge.NO_PASSENGER_LIST: N_("no passenger list"),
    Badge.NO_PNR: N_("no PNR"),
    Badge.LATE_PASSENGER_LIST: N_("late passenger list"),
    Badge.MISSING_DOCUMENT: N_("missing document"),
    Badge.BAD_CHECK_DIGIT: N_("bad MRZ check digit"),
    Badge.EXPIRED_DOCUMENT: N_("expired document"),
}


@router.get("/flights", response_class=HTMLResponse)
def flights(request: Request, web: WebDep, viewer: ViewerDep, hours: int = 72) -> Response:
    board = flight_board(web.workspace, viewer.principal, hours=min(max(hours, 1), 24 * 14))
    return render(web, request, "flights.html", viewer, board=board, hours=hours, badge_labels=BADGE_LABELS)
