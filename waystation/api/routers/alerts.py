"""The alert queue and review: claim, release, escalate, reopen, decide (reason required), clear."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from waystation.api.deps import PrincipalDep, WorkspaceDep
from waystation.api.params import IdPath, OptionalIdQuery
from waystation.api.schemas.review import (
    AlertDetailOut,
    AlertOut,
    AlertPageOut,
    ClearanceIn,
    ClearanceOut,
    DecisionIn,
    StepIn,
)
from waystation.cases.vocab import AlertKind, AlertStatus, ReviewAction
from waystation.services import alerts as service
from waystation.services import review
from waystation.store import AlertFilter

__all__ = ["router"]

router = APIRouter(prefix="/v1/alerts", tags=["alerts and review"])

AlertId = IdPath


@router.get("", summary="The alert queue, newest first, filtered")
def list_alerts(
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    status: AlertStatus | None = None,
    kind: AlertKind | None = None,
    source: Annotated[str | None, Query(max_length=100)] = None,
    flight_id: OptionalIdQuery = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> AlertPageOut:
    where = AlertFilter(status=status, kind=kind, source=source, flight_id=flight_id)
    page = service.list_alerts(workspace, principal, where, limit=limit, offset=offset)
    return AlertPageOut(total=page.total, alerts=[AlertOut.of(a) for a in page.alerts])


@router.get("/{alert_id}", summary="One alert with its evidence, history and the traveller (logged)")
def get_alert(alert_id: AlertId, workspace: WorkspaceDep, principal: PrincipalDep) -> AlertDetailOut:
    return AlertDetailOut.of_detail(service.alert_detail(workspace, principal, alert_id))


@router.post("/{alert_id}/steps", summary="Claim, release, escalate or reopen an alert")
def take_step(alert_id: AlertId, step: StepIn, workspace: WorkspaceDep, principal: PrincipalDep) -> AlertOut:
    stored = review.take_step(workspace, principal, alert_id, ReviewAction(step.action), reason=step.reason)
    return AlertOut.of(stored)


@router.post("/{alert_id}/decision", summary="Decide an alert: true match, false positive or inconclusive")
def decide(
    alert_id: AlertId, decision: DecisionIn, workspace: WorkspaceDep, principal: PrincipalDep
) -> AlertOut:
    stored = review.decide(
        workspace, principal, alert_id, decision.disposition, decision.reason, override=decision.override
    )
    return AlertOut.of(stored)


@router.post(
    "/{alert_id}/clearance",
    summary="Clear the traveller of an alert decided false positive, on their document",
    status_code=201,
)
def clear(
    alert_id: AlertId, body: ClearanceIn, workspace: WorkspaceDep, principal: PrincipalDep
) -> ClearanceOut:
    result = review.clear_alerted_traveller(workspace, principal, alert_id, body.reason, days=body.days)
    return ClearanceOut.of(result.clearance)
