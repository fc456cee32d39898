"""Flights, their travellers, travellers and screening runs (analysts and supervisors; reads logged)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from waystation.api.deps import PrincipalDep, WorkspaceDep
from waystation.api.params import IdPath
from waystation.api.schemas.review import AlertOut
from waystation.api.schemas.travel import FlightOut, HitOut, RunOut, TravellerOut
from waystation.services import travellers as service

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["flights and travellers"])

Code = Annotated[str | None, Query(max_length=8, pattern=r"^[A-Za-z0-9]+$")]


@router.get("/flights", summary="Flights by departure date, airports and carrier")
def list_flights(
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    departure_date: Annotated[date | None, Query(alias="date")] = None,
    origin: Code = None,
    destination: Code = None,
    carrier: Code = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[FlightOut]:
    found = service.flights(
        workspace,
        principal,
        departure_date=departure_date,
        origin=origin.upper() if origin else None,
        destination=destination.upper() if destination else None,
        carrier=carrier.upper() if carrier else None,
        limit=limit,
    )
    return [FlightOut.of(f) for f in found]


@router.get("/flights/{flight_id}", summary="One flight with traveller and alert counts")
def get_flight(flight_id: IdPath, workspace: WorkspaceDep, principal: PrincipalDep) -> FlightOut:
    return FlightOut.of(service.flight(workspace, principal, flight_id))


@router.get("/flights/{flight_id}/travellers", summary="Everyone on a flight (one logged read per traveller)")
def flight_travellers(
    flight_id: IdPath, workspace: WorkspaceDep, principal: PrincipalDep
) -> list[TravellerOut]:
    return [TravellerOut.of(t) for t in service.flight_travellers(workspace, principal, flight_id)]


class TravellerDetailOut(TravellerOut):
    traveller_key: str
    hits: list[HitOut]
    alerts: list[AlertOut]


@router.get("/travellers/{traveller_id}", summary="One traveller with hits and alerts (logged)")
def get_traveller(
    traveller_id: IdPath, workspace: WorkspaceDep, principal: PrincipalDep
) -> TravellerDetailOut:
    view = service.traveller(workspace, principal, traveller_id)
    return TravellerDetailOut(
        **TravellerOut.of(view.stored).model_dump(),
        traveller_key=view.key,
        hits=[HitOut.of(h) for h in view.hits],
        alerts=[AlertOut.of(a) for a in view.alerts],
    )


@router.get("/screening/runs/{run_id}", summary="A screening run: list versions, algorithm, hits")
def get_run(run_id: IdPath, workspace: WorkspaceDep, principal: PrincipalDep) -> RunOut:
    run, hits = service.screening_run(workspace, principal, run_id)
    return RunOut.of(run, hits)
