"""Screening statistics: travellers processed, hits, confirmed, per list and rule."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter

from waystation.api.deps import PrincipalDep, WorkspaceDep
from waystation.api.schemas.admin import StatisticsOut
from waystation.exc import InputError, Locator
from waystation.services.statistics import statistics as compute

__all__ = ["router"]

router = APIRouter(prefix="/v1/statistics", tags=["statistics"])


@router.get("", summary="Counts over [since, until), per source")
def get_statistics(
    workspace: WorkspaceDep,
    principal: PrincipalDep,
    since: datetime | None = None,
    until: datetime | None = None,
) -> StatisticsOut:
    for name, value in (("since", since), ("until", until)):
        if value is not None and value.tzinfo is None:
            raise InputError("give a time zone (e.g. 2026-11-25T00:00:00Z)", Locator(field=name))
    return StatisticsOut.of(compute(workspace, principal, since=since, until=until))
