"""A traveller: the record, their alerts, journeys, bookings, the people they travel with, the graph,
and — on request, under a case beyond one hop — explained paths to subjects and network exports."""

from __future__ import annotations

import json
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from waystation.cases.purpose import MAX_HOPS
from waystation.exc import Forbidden, InputError, NotFound
from waystation.numbers import is_number
from waystation.services.network_query import NetworkReport, export_network, query_network
from waystation.services.traffic import traveller_network
from waystation.services.travellers import traveller
from waystation.web.context import ViewerDep, WebDep, render
from waystation.web.routing import WebRoute

__all__ = ["router"]

router = APIRouter(route_class=WebRoute)

Hops = Annotated[int | None, Query(ge=1, le=MAX_HOPS)]
Case = Annotated[str | None, Query(max_length=40)]


@router.get("/travellers/{traveller_id}", response_class=HTMLResponse)
def traveller_page(
    request: Request,
    web: WebDep,
    viewer: ViewerDep,
    traveller_id: int,
    hops: Annotated[str | None, Query(max_length=2)] = None,
    case: Case = None,
    paths: int = 0,
) -> Response:
    view = traveller(web.workspace, viewer.principal, traveller_id)
    try:
        network = traveller_network(web.workspace, viewer.principal, traveller_id)
    except NotFound:
        network = None
    graph = json.dumps(network.graph if network else {"elements": {"nodes": [], "edges": []}}, default=str)
    graph = graph.replace("</", "<\\/")  # inside <script>: no text may close the element
    case = case.strip() if case and case.strip() else None
    depth = int(hops) if is_number(hops) and 1 <= int(hops) <= MAX_HOPS else None
    report: NetworkReport | None = None
    refused: str | None = None
    if hops and depth is None:
        refused = f"hops must be a number from 1 to {MAX_HOPS}"
    elif network is not None and (paths or case or depth):
        try:
            report = query_network(
                web.workspace, viewer.principal, traveller_id, hops=depth, case_number=case
            )
        except (Forbidden, InputError) as error:
            refused = str(error)
    query = "&".join(f"{k}={quote(str(v))}" for k, v in (("hops", depth), ("case", case)) if v)
    return render(
        web,
        request,
        "traveller.html",
        viewer,
        view=view,
        t=view.stored.traveller,
        network=network,
        graph_json=graph,
        report=report,
        refused=refused,
        asked_case=case or "",
        asked_hops=depth,
        max_hops=MAX_HOPS,
        export_query=f"?{query}" if query else "",
    )


def _download(
    web: WebDep, viewer: ViewerDep, traveller_id: int, kind: str, hops: int | None, case: str | None
) -> Response:
    exported = export_network(
        web.workspace,
        viewer.principal,
        traveller_id,
        "graphml" if kind == "graphml" else "cyjs",
        hops=hops,
        case_number=case.strip() if case and case.strip() else None,
    )
    return Response(
        exported.content,
        media_type=exported.media_type,
        headers={"Content-Disposition": f'attachment; filename="{exported.filename}"'},
    )


@router.get("/travellers/{traveller_id}/network.graphml")
def network_graphml(
    web: WebDep, viewer: ViewerDep, traveller_id: int, hops: Hops = None, case: Case = None
) -> Response:
    return _download(web, viewer, traveller_id, "graphml", hops, case)


@router.get("/travellers/{traveller_id}/network.cyjs")
def network_cytoscape(
    web: WebDep, viewer: ViewerDep, traveller_id: int, hops: Hops = None, case: Case = None
) -> Response:
    return _download(web, viewer, traveller_id, "cyjs", hops, case)
