"""Flights and travellers for analysts: every read of traveller data is logged, one record per person.

A flight list logs a read for each traveller shown (an auditor can then answer "who saw this
person, when, and why"), not one line for the page. Flights alone (designator, airports, counts)
hold no personal data but are still only for the roles that read travellers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from waystation.cases.events import Search, TravellerRead
from waystation.cases.permissions import Permission, require
from waystation.exc import NotFound
from waystation.services.alerts import READ_FIELDS
from waystation.services.audit import audited
from waystation.services.identity import stored_traveller_key
from waystation.services.principal import Principal
from waystation.services.workspace import Workspace
from waystation.store import (
    AlertFilter,
    ScreeningRun,
    StoredAlert,
    StoredFlight,
    StoredHit,
    StoredTraveller,
    alert_counts,
    find_alerts,
    find_flights,
    get_flight,
    get_run,
    hits_of_run,
    hits_of_traveller,
    load_travellers,
    traveller_counts,
    travellers_on_flight,
)

__all__ = [
    "FlightSummary",
    "TravellerView",
    "flight",
    "flight_travellers",
    "flights",
    "screening_run",
    "traveller",
]


@dataclass(frozen=True, slots=True)
class FlightSummary:
    flight: StoredFlight
    travellers: int
    alerts: dict[str, int]


@dataclass(frozen=True, slots=True)
class TravellerView:
    stored: StoredTraveller
    key: str
    hits: tuple[StoredHit, ...]
    alerts: tuple[StoredAlert, ...]


def flights(
    workspace: Workspace,
    principal: Principal,
    *,
    departure_date: date | None = None,
    origin: str | None = None,
    destination: str | None = None,
    carrier: str | None = None,
    limit: int = 200,
) -> list[FlightSummary]:
    require(principal.role, Permission.READ_TRAVELLERS)
    with workspace.transaction() as session:
        found = find_flights(
            session,
            departure_date=departure_date,
            origin=origin,
            destination=destination,
            carrier=carrier,
            limit=limit,
        )
        ids = [f.id for f in found]
        counts = traveller_counts(session, ids)
        alerts = alert_counts(session, ids)
    return [FlightSummary(f, counts.get(f.id, 0), alerts.get(f.id, {})) for f in found]


def flight(workspace: Workspace, principal: Principal, flight_id: int) -> FlightSummary:
    require(principal.role, Permission.READ_TRAVELLERS)
    with workspace.transaction() as session:
        found = get_flight(session, flight_id)
        counts = traveller_counts(session, [flight_id])
        alerts = alert_counts(session, [flight_id])
    return FlightSummary(found, counts.get(flight_id, 0), alerts.get(flight_id, {}))


def flight_travellers(workspace: Workspace, principal: Principal, flight_id: int) -> list[StoredTraveller]:
    """Everyone on a flight; one read logged per traveller."""
    require(principal.role, Permission.READ_TRAVELLERS)
    with audited(workspace) as (session, audit):
        get_flight(session, flight_id)
        found = travellers_on_flight(session, flight_id)
        audit.log(Search("flight_travellers", f"flight {flight_id}", len(found)), principal)
        for stored in found:
            key = stored_traveller_key(stored, workspace.card_key)
            audit.log(TravellerRead(key, f"passenger list of flight {flight_id}", READ_FIELDS), principal)
    return found


def traveller(workspace: Workspace, principal: Principal, traveller_id: int) -> TravellerView:
    """One traveller with their hits and alerts (all alerts of the same person key); logged."""
    require(principal.role, Permission.READ_TRAVELLERS)
    with audited(workspace) as (session, audit):
        found = load_travellers(session, [traveller_id])
        if not found:
            raise NotFound(f"no traveller {traveller_id}")
        stored = found[0]
        key = stored_traveller_key(stored, workspace.card_key)
        hits = hits_of_traveller(session, traveller_id)
        alerts = find_alerts(session, AlertFilter(traveller_keys=(key,)), limit=200)
        fields = (*READ_FIELDS, "contacts", "address", "references")
        audit.log(TravellerRead(key, f"traveller record {traveller_id}", fields), principal)
    return TravellerView(stored, key, tuple(hits), tuple(alerts))


def screening_run(
    workspace: Workspace, principal: Principal, run_id: int
) -> tuple[ScreeningRun, list[StoredHit]]:
    """A screening run with its hits; the hits' explanations describe travellers, so the read is
    logged as a search and once per traveller."""
    require(principal.role, Permission.READ_TRAVELLERS)
    with audited(workspace) as (session, audit):
        run = get_run(session, run_id)
        hits = hits_of_run(session, run_id)
        audit.log(Search("screening_run", f"run {run_id}", len(hits)), principal)
        shown = load_travellers(session, list(dict.fromkeys(h.traveller_id for h in hits)))
        for stored in shown:
            key = stored_traveller_key(stored, workspace.card_key)
            audit.log(TravellerRead(key, f"hits of screening run {run_id}", READ_FIELDS), principal)
    return run, hits
