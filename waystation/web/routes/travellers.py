"""A traveller: the record, their alerts, journeys, bookings, the people they travel with, and the graph."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from waystation.exc import NotFound
from waystation.services.traffic import traveller_network
from waystation.services.travellers import traveller
from waystation.web.context import ViewerDep, WebDep, render
from waystation.web.routing import WebRoute

__all__ = ["router"]

router = APIRouter(route_class=WebRoute)


@router.get("/travellers/{traveller_id}", response_class=HTMLResponse)
def traveller_page(request: Request, web: WebDep, viewer: ViewerDep, traveller_id: int) -> Response:
    view = traveller(web.workspace, viewer.principal, traveller_id)
    try:
        network = traveller_network(web.workspace, viewer.principal, traveller_id)
    except NotFound:
        network = None
    graph = json.dumps(network.graph if network else {"elements": {"nodes": [], "edges": []}}, default=str)
    graph = graph.replace("</", "<\\/")  # inside <script>: no text may close the element
    return render(
        web,
        request,
        "traveller.html",
        viewer,
        view=view,
        t=view.stored.traveller,
        network=network,
        graph_json=graph,
    )
