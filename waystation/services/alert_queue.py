"""The analyst's queue: alerts by departure time and score, filtered by list, rule, network, flight, status.

The review service lists alerts newest first, which suits an API client paging through
everything; an analyst needs the flight that leaves soonest first and, within it, the strongest
hit. Listing the queue shows travellers' names, so it is logged as a search and as a read of each
traveller shown, as the review service does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from waystation.cases.events import Search
from waystation.cases.permissions import Permission, require
from waystation.services.alerts import log_listed
from waystation.services.audit import audited
from waystation.services.flight_board import to_utc
from waystation.services.principal import Principal
from waystation.services.workspace import Workspace
from waystation.store import (
    AlertFilter,
    StoredAlert,
    StoredFlight,
    StoredTraveller,
    get_flight,
    load_alerts,
    load_travellers,
)
from waystation.store.board import QueueRow, queue_facets, queue_rows

__all__ = ["QueuePage", "alert_queue", "next_in_queue", "ordered"]


@dataclass(frozen=True, slots=True)
class QueuePage:
    """One page of the queue with the flights and travellers it shows, and what it can be filtered by."""

    alerts: tuple[StoredAlert, ...]
    total: int
    flights: dict[int, StoredFlight]
    travellers: dict[int, StoredTraveller]
    facets: dict[str, list[tuple[str, int]]]
    departures: dict[int, datetime | None]


def _query(where: AlertFilter) -> str:
    parts = {
        "kind": where.kind.value if where.kind else None,
        "source": where.source,
        "flight_id": where.flight_id,
        "status": where.status.value if where.status else ("undecided" if where.open_only else None),
    }
    return ", ".join(f"{k}={v}" for k, v in parts.items() if v is not None) or "all"


_LAST = datetime.max.replace(tzinfo=UTC)


def ordered(rows: list[QueueRow]) -> list[int]:
    """Alert ids by departure in UTC (soonest first, unknown last), then score (highest first)."""

    def key(row: QueueRow) -> tuple[datetime, float, int]:
        return (to_utc(row.departure, row.origin) or _LAST, -row.score, row.alert_id)

    return [row.alert_id for row in sorted(rows, key=key)]


def alert_queue(
    workspace: Workspace, principal: Principal, where: AlertFilter, *, limit: int = 100, offset: int = 0
) -> QueuePage:
    require(principal.role, Permission.REVIEW_ALERTS)
    with audited(workspace) as (session, audit):
        rows = queue_rows(session, where)
        order = ordered(rows)
        total = len(order)
        alerts = load_alerts(session, order[offset : offset + limit])
        flight_ids = sorted({a.flight_id for a in alerts if a.flight_id is not None})
        flights = {ident: get_flight(session, ident) for ident in flight_ids}
        travellers = {
            t.id: t for t in load_travellers(session, [a.traveller_id for a in alerts if a.traveller_id])
        }
        facets = queue_facets(session)
        audit.log(Search("alert_queue", _query(where), len(alerts)), principal)
        log_listed(audit, principal, alerts, "alert queue")
    shown = {a.id for a in alerts}
    departures = {r.alert_id: to_utc(r.departure, r.origin) for r in rows if r.alert_id in shown}
    return QueuePage(tuple(alerts), total, flights, travellers, facets, departures)


def next_in_queue(workspace: Workspace, principal: Principal, after: int) -> int | None:
    """The first undecided alert in queue order other than ``after`` (where to go after deciding)."""
    require(principal.role, Permission.REVIEW_ALERTS)
    with workspace.transaction() as session:
        order = ordered(queue_rows(session, AlertFilter(open_only=True)))
    return next((i for i in order if i != after), None)
