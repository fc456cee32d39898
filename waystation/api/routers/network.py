"""A traveller's network: explained paths, travel groups, GraphML and Cytoscape exports.

One hop needs only an analyst's or supervisor's token; more needs ``case``, the number of an
open case that links the traveller (purpose limitation). Without ``hops`` the query looks two
hops away when a case is given and one hop otherwise. Every query is in the audit log.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from waystation.api.deps import PrincipalDep, WorkspaceDep
from waystation.api.params import IdPath
from waystation.api.schemas.network import NetworkOut
from waystation.cases.purpose import MAX_HOPS
from waystation.services.network_query import ExportFormat, export_network, query_network

__all__ = ["router"]

router = APIRouter(prefix="/v1/travellers", tags=["network"])

Hops = Annotated[
    int | None,
    Query(ge=1, le=MAX_HOPS, description="how far to look; default 2 with a case, 1 without"),
]
Case = Annotated[
    str | None,
    Query(max_length=40, description="an open case linking the traveller; required beyond one hop"),
]


@router.get("/{traveller_id}/network", summary="Explained paths to subjects and travel groups (logged)")
def get_network(
    traveller_id: IdPath,
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    hops: Hops = None,
    case: Case = None,
) -> NetworkOut:
    return NetworkOut.of(query_network(workspace, principal, traveller_id, hops=hops, case_number=case))


def _export(
    export_format: ExportFormat,
    traveller_id: int,
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    hops: int | None,
    case: str | None,
) -> Response:
    exported = export_network(workspace, principal, traveller_id, export_format, hops=hops, case_number=case)
    return Response(
        exported.content,
        media_type=exported.media_type,
        headers={"Content-Disposition": f'attachment; filename="{exported.filename}"'},
    )


def _file(media_type: str) -> dict[int | str, dict[str, object]]:
    return {200: {"description": "a file to download", "content": {media_type: {}}}}


@router.get(
    "/{traveller_id}/network.graphml",
    summary="The traveller's neighbourhood as GraphML (masked values; logged as an export)",
    response_class=Response,
    responses=_file("application/graphml+xml"),
)
def get_network_graphml(
    traveller_id: IdPath,
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    hops: Hops = None,
    case: Case = None,
) -> Response:
    return _export("graphml", traveller_id, workspace, principal, hops, case)


@router.get(
    "/{traveller_id}/network.cyjs",
    summary="The traveller's neighbourhood as Cytoscape JSON (masked values; logged as an export)",
    response_class=Response,
    responses=_file("application/json"),
)
def get_network_cytoscape(
    traveller_id: IdPath,
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    hops: Hops = None,
    case: Case = None,
) -> Response:
    return _export("cyjs", traveller_id, workspace, principal, hops, case)
