"""Rule and network alerts put in the review queue beside the watchlist alerts.

Targeting (``services.targeting``) finds rules that fired and travellers linked to someone who
alerted, over the traffic picture; this stores each as an :class:`~waystation.cases.Alert` of
kind ``rule`` or ``network`` so that an analyst reviews it like any other, with the same
workflow, the same mandatory reason and the same audit. Nothing here decides anything.

Alerts are ordered by score in the queue; a rule has no score, so its severity stands in for
one (high 0.9, medium 0.6, low 0.3), and a network alert scores 1 / (1 + hops) — 0.5 for a
direct link. Both are documented on the review page, never presented as a probability.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from waystation.cases.vocab import AlertKind
from waystation.model import Leg
from waystation.network.sightings import message_key
from waystation.rules import Severity
from waystation.services.alerts import record_alerts
from waystation.services.identity import traveller_key
from waystation.services.messages import Received
from waystation.services.targeting import NetworkAlert, RuleAlert
from waystation.services.workspace import Workspace
from waystation.store import NewAlert, StoredAlert, traveller_flights

__all__ = [
    "NETWORK_ALGORITHM",
    "RULES_ALGORITHM",
    "StoredSighting",
    "raise_targeting_alerts",
    "severity_score",
    "sightings_of",
    "stored_sightings",
]

RULES_ALGORITHM = ("waystation-rules", "1")
NETWORK_ALGORITHM = ("waystation-network", "1")
_SEVERITY_SCORE = {Severity.HIGH: 0.9, Severity.MEDIUM: 0.6, Severity.LOW: 0.3}


def severity_score(severity: Severity) -> float:
    return _SEVERITY_SCORE[severity]


@dataclass(frozen=True, slots=True)
class StoredSighting:
    """Where a passenger-list sighting was stored: the traveller row and the message it came in."""

    traveller_id: int
    raw_message_id: int
    leg: Leg | None


def sightings_of(received: Received) -> dict[str, StoredSighting]:
    """The stored traveller of each API sighting (``message key|traveller ref``) of a received message."""
    if received.parsed is None or received.content is None:
        return {}
    ids = received.content.ids_by_ref
    found: dict[str, StoredSighting] = {}
    for manifest in received.parsed.manifests:
        key = message_key(manifest)
        leg = manifest.legs[0] if manifest.legs else None
        for traveller in manifest.travellers:
            if traveller.ref in ids:
                found[f"{key}|{traveller.ref}"] = StoredSighting(ids[traveller.ref], received.message_id, leg)
    return found


def _day(leg: Leg | None) -> date | None:
    if leg is None or leg.departure is None:
        return None
    return leg.departure.date() if isinstance(leg.departure, datetime) else leg.departure


def _rule_row(alert: RuleAlert, where: StoredSighting, key: str, now: datetime) -> NewAlert:
    hit = alert.hit
    return NewAlert(
        kind=AlertKind.RULE,
        traveller_key=key,
        traveller_ref=alert.traveller.ref,
        flight=alert.flight,
        flight_date=_day(where.leg),
        source=hit.rule_id,
        source_version=str(hit.rule_version),
        subject=hit.rule_key,
        score=severity_score(hit.severity),
        algorithm=RULES_ALGORITHM[0],
        algorithm_version=RULES_ALGORITHM[1],
        explanation=(hit.explanation(),),
        created_at=now,
        traveller_id=where.traveller_id,
        raw_message_id=where.raw_message_id,
    )


def _network_row(alert: NetworkAlert, where: StoredSighting, key: str, now: datetime) -> NewAlert:
    candidate = alert.candidate
    kinds = sorted({link.kind.value for step in candidate.path.steps for link in step.links}) or ["link"]
    subject = f"{'+'.join(kinds)} → {candidate.subject.reference}"
    return NewAlert(
        kind=AlertKind.NETWORK,
        traveller_key=key,
        traveller_ref=alert.traveller.ref,
        flight=alert.flight,
        flight_date=_day(where.leg),
        source=kinds[0],
        source_version=None,
        subject=subject[:300],
        score=1.0 / (1 + candidate.hops),
        algorithm=NETWORK_ALGORITHM[0],
        algorithm_version=NETWORK_ALGORITHM[1],
        explanation=(candidate.explanation,),
        created_at=now,
        traveller_id=where.traveller_id,
        raw_message_id=where.raw_message_id,
    )


def raise_targeting_alerts(
    workspace: Workspace,
    *,
    rule_alerts: Iterable[RuleAlert] = (),
    network_alerts: Iterable[NetworkAlert] = (),
    stored: Mapping[str, StoredSighting],
    at: datetime | None = None,
) -> list[StoredAlert]:
    """Store one alert per rule hit and per network candidate whose sighting was stored (through
    the alerts service, which logs each as ``alert_raised``)."""
    now = at or datetime.now(UTC)
    secret = workspace.card_key
    rows: list[NewAlert] = []
    for rule in rule_alerts:
        where = stored.get(rule.sighting_id)
        if where is not None:
            rows.append(_rule_row(rule, where, traveller_key(rule.traveller, secret), now))
    for linked in network_alerts:
        where = stored.get(linked.sighting_id)
        if where is not None:
            rows.append(_network_row(linked, where, traveller_key(linked.traveller, secret), now))
    if not rows:
        return []
    with workspace.transaction() as session:
        flights = traveller_flights(session, [r.traveller_id for r in rows if r.traveller_id is not None])
    return record_alerts(workspace, [_with_flight(r, flights) for r in rows])


def _with_flight(row: NewAlert, flights: Mapping[int, int | None]) -> NewAlert:
    return replace(row, flight_id=flights.get(row.traveller_id or -1))


def stored_sightings(received: Sequence[Received]) -> dict[str, StoredSighting]:
    """:func:`sightings_of` over many received messages."""
    found: dict[str, StoredSighting] = {}
    for item in received:
        found.update(sightings_of(item))
    return found
