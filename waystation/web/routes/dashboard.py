"""The dashboard: flows as a Sankey diagram, alerts per day, dispositions, list and rule performance."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from waystation.cases.vocab import AlertKind
from waystation.services.dashboard import dashboard
from waystation.web.context import ViewerDep, WebDep, render
from waystation.web.routing import WebRoute
from waystation.web.sankey import sankey_svg

__all__ = ["router"]

router = APIRouter(route_class=WebRoute)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, web: WebDep, viewer: ViewerDep) -> Response:
    board = dashboard(web.workspace, viewer.principal)
    kinds = [k.value for k in AlertKind]
    charts = {
        "perDay": {
            "labels": [day.isoformat() for day, _ in board.alerts_per_day],
            "series": {kind: [counts.get(kind, 0) for _, counts in board.alerts_per_day] for kind in kinds},
        },
        "dispositions": board.dispositions,
        "sources": [
            {
                "label": f"{s.kind.value}: {s.source}",
                "true_match": s.true_match,
                "false_positive": s.false_positive,
                "inconclusive": s.inconclusive,
                "undecided": s.undecided,
            }
            for s in board.stats.sources
        ],
    }
    flows = [(path, count) for path, count in board.flows]
    return render(
        web,
        request,
        "dashboard.html",
        viewer,
        board=board,
        sankey=sankey_svg(flows[:40]),
        flows=flows,
        charts_json=json.dumps(charts),
    )
