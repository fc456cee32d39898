"""Alerts: raised from screening in the same transaction as the hits, read for review.

Every alerting hit becomes an :class:`~waystation.cases.Alert` (a hit a clearance suppressed
does not: the matching engine reports it with ``alert`` false and the clearance named), and each
raised alert is logged (``alert_raised``) with the algorithm and list version that produced it.
Reading an alert shows traveller data, so it is logged as a read; listing the queue is logged
as a search with the number of results.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from waystation.cases.events import Search, TravellerRead
from waystation.cases.permissions import Permission, require
from waystation.cases.trail import alert_raised
from waystation.cases.vocab import AlertKind, ReviewAction
from waystation.cases.workflow import allowed_actions
from waystation.ingest.message import ParsedMessage
from waystation.matching import Hit
from waystation.model import Leg, Traveller
from waystation.services.audit import Audit, audited
from waystation.services.identity import traveller_key
from waystation.services.principal import Principal
from waystation.services.workspace import Workspace
from waystation.store import (
    AlertFilter,
    NewAlert,
    StoredAlert,
    StoredHit,
    StoredTraveller,
    add_alerts,
    count_alerts,
    find_alerts,
    get_alert,
    hits_of_traveller,
    load_travellers,
    traveller_flights,
)

__all__ = [
    "READ_FIELDS",
    "AlertDetail",
    "AlertPage",
    "alert_detail",
    "legs_by_ref",
    "list_alerts",
    "log_listed",
    "raise_watchlist_alerts",
    "record_alerts",
]

READ_FIELDS = ("name", "birth_date", "sex", "nationalities", "documents")


def legs_by_ref(parsed: ParsedMessage) -> dict[str, Leg]:
    """The flight each traveller of a message is on: the manifest's first leg, else the booking's."""
    legs: dict[str, Leg] = {}
    for manifest in parsed.manifests:
        if manifest.legs:
            for traveller in manifest.travellers:
                legs.setdefault(traveller.ref, manifest.legs[0])
    for push in parsed.pnr_pushes:
        for booking in push.bookings:
            if booking.itinerary:
                for traveller in booking.travellers:
                    legs.setdefault(traveller.ref, booking.itinerary[0])
    return legs


def _day(leg: Leg | None) -> date | None:
    if leg is None or leg.departure is None:
        return None
    return leg.departure.date() if isinstance(leg.departure, datetime) else leg.departure


def raise_watchlist_alerts(
    session: Session,
    audit: Audit,
    *,
    parsed: ParsedMessage,
    message_id: int,
    hits: Sequence[tuple[Hit, int]],
    traveller_ids: Mapping[str, int],
    secret: bytes,
    at: datetime | None = None,
) -> list[StoredAlert]:
    """One alert per alerting hit (``(hit, stored hit id)`` pairs), stored and logged."""
    alerting = [(hit, hit_id) for hit, hit_id in hits if hit.alert and not hit.cleared]
    if not alerting:
        return []
    now = at or datetime.now(UTC)
    travellers: dict[str, Traveller] = {t.ref: t for t in parsed.travellers()}
    legs = legs_by_ref(parsed)
    flights = traveller_flights(session, [traveller_ids[h.traveller_ref] for h, _ in alerting])
    keys: dict[str, str] = {}
    rows = []
    for hit, hit_id in alerting:
        ref = hit.traveller_ref
        if ref not in keys:
            keys[ref] = traveller_key(travellers[ref], secret)
        leg = legs.get(ref)
        stored_id = traveller_ids[ref]
        rows.append(
            NewAlert(
                kind=AlertKind.WATCHLIST,
                traveller_key=keys[ref],
                traveller_ref=ref,
                flight=leg.designator if leg else "",
                flight_date=_day(leg),
                source=hit.list_name,
                source_version=hit.list_version,
                subject=hit.entry_id,
                score=hit.score,
                algorithm=hit.algorithm,
                algorithm_version=hit.algorithm_version,
                explanation=hit.explanation,
                created_at=now,
                traveller_id=stored_id,
                raw_message_id=message_id,
                flight_id=flights.get(stored_id),
                hit_id=hit_id,
            )
        )
    stored = add_alerts(session, rows)
    for alert in stored:
        audit.log(alert_raised(alert.alert), at=now)
    return stored


def record_alerts(workspace: Workspace, rows: Sequence[NewAlert]) -> list[StoredAlert]:
    """Store alerts raised outside screening (targeting rules, network links: ``kind`` RULE or
    NETWORK, ``source`` the rule id or link kind, ``subject`` the rule id or the path), each logged
    as ``alert_raised`` in the same transaction."""
    if not rows:
        return []
    with audited(workspace) as (session, audit):
        stored = add_alerts(session, rows)
        for alert in stored:
            audit.log(alert_raised(alert.alert), at=alert.alert.created_at)
    return stored


@dataclass(frozen=True, slots=True)
class AlertPage:
    alerts: tuple[StoredAlert, ...]
    total: int


def list_alerts(
    workspace: Workspace,
    principal: Principal,
    where: AlertFilter | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
) -> AlertPage:
    """The alert queue (newest first), logged as a search and as a read of each traveller shown."""
    require(principal.role, Permission.READ_TRAVELLERS)
    with audited(workspace) as (session, audit):
        alerts = find_alerts(session, where, limit=limit, offset=offset)
        total = count_alerts(session, where)
        query = ", ".join(f"{k}={v}" for k, v in _criteria(where or AlertFilter()).items()) or "all"
        audit.log(Search("alerts", query, len(alerts)), principal)
        log_listed(audit, principal, alerts, "alert list")
    return AlertPage(tuple(alerts), total)


def log_listed(audit: Audit, principal: Principal, alerts: Sequence[StoredAlert], purpose: str) -> None:
    """One read per traveller a list of alerts shows (an alert carries the name and the explanation,
    which quotes birth date, nationality and documents), in the order first shown."""
    for key in dict.fromkeys(a.alert.traveller_key for a in alerts):
        audit.log(TravellerRead(key, purpose, READ_FIELDS), principal)


def _criteria(where: AlertFilter) -> dict[str, object]:
    values = {
        "status": where.status,
        "kind": where.kind,
        "source": where.source,
        "flight_id": where.flight_id,
        "traveller_id": where.traveller_id,
    }
    return {k: v for k, v in values.items() if v is not None}


@dataclass(frozen=True, slots=True)
class AlertDetail:
    """Everything the review page shows: the alert and its history, the hit's evidence, the traveller,
    the steps this reviewer may take, and the other alerts of the same person."""

    alert: StoredAlert
    hit: StoredHit | None
    traveller: StoredTraveller | None
    allowed: frozenset[ReviewAction]
    related: tuple[StoredAlert, ...]


def alert_detail(workspace: Workspace, principal: Principal, alert_id: int) -> AlertDetail:
    """One alert for review; logged as a read of the traveller's data."""
    require(principal.role, Permission.READ_TRAVELLERS)
    with audited(workspace) as (session, audit):
        stored = get_alert(session, alert_id)
        traveller = None
        hit = None
        if stored.traveller_id is not None:
            found = load_travellers(session, [stored.traveller_id])
            traveller = found[0] if found else None
            hit = next(
                (h for h in hits_of_traveller(session, stored.traveller_id) if h.id == stored.hit_id), None
            )
        related = tuple(
            a
            for a in find_alerts(session, AlertFilter(traveller_keys=(stored.alert.traveller_key,)), limit=50)
            if a.id != stored.id
        )
        audit.log(
            TravellerRead(stored.alert.traveller_key, f"review of alert {alert_id}", READ_FIELDS), principal
        )
    allowed = allowed_actions(stored.state, principal.role, principal.name)
    return AlertDetail(stored, hit, traveller, allowed, related)
