"""The targeting job: rules in force and network alerts over stored traffic, raised once each.

Screening a passenger list against the watchlists happens as each message arrives; targeting
needs more — the whole journey, the booking, companions' alerts, the link graph — so it runs over
the traffic picture rebuilt from every stored message (``services.traffic``), for a chosen set of
passenger-list travellers:

* after new messages arrive (``messages=`` their ids): the travellers on those lists;
* on demand, as a scheduled job (``since=`` a day, today by default): every traveller whose
  flight departs on or after that day — the upcoming flights.

Rules come from the rulebook (only approved versions in force fire); a network alert names a
traveller one link away from a listed or confirmed person (one hop: a job has no case number).
Running again raises nothing twice: an alert is skipped when the same person already has one of
the same kind, flight, day, rule (or subject reached) and rule version. Each flight's network
query is logged as a search by the system; each raised alert as ``alert_raised``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from waystation.cases.events import Search
from waystation.cases.vocab import AlertKind
from waystation.network import Sighting
from waystation.rules import RuleStatus
from waystation.services.audit import audited
from waystation.services.identity import traveller_key
from waystation.services.principal import SYSTEM
from waystation.services.rulebook import RuleBook, rules_in_force
from waystation.services.targeting import (
    NetworkAlert,
    RuleAlert,
    evaluate_rules,
    network_alerts_for,
    rule_subjects,
)
from waystation.services.targeting_alerts import StoredSighting, raise_targeting_alerts
from waystation.services.traffic import StoredPicture, companion_states, network_subjects, stored_picture
from waystation.services.workspace import Workspace
from waystation.store import AlertFilter, StoredAlert, count_alerts, find_alerts, travellers_of_message

__all__ = ["TargetingRun", "run_targeting"]

_Key = tuple[str, str, str, date | None, str, str]


@dataclass(frozen=True, slots=True)
class TargetingRun:
    """What one run looked at and raised."""

    travellers: int
    flights: int
    rules_in_force: int
    subjects: int
    rule_hits: tuple[RuleAlert, ...]
    network_hits: tuple[NetworkAlert, ...]
    raised: tuple[StoredAlert, ...]
    already_raised: int


def _day(sighting: Sighting) -> date | None:
    if not sighting.legs or sighting.legs[0].departure is None:
        return None
    departure = sighting.legs[0].departure
    return departure.date() if isinstance(departure, datetime) else departure


def _selected(found: StoredPicture, messages: Collection[int] | None, since: date) -> dict[str, int]:
    """The passenger-list sightings to target, with the id of the message each came in."""
    wanted = set(messages) if messages is not None else None
    by_sighting = {sighting: message_id for (message_id, _ref), sighting in found.sightings.items()}
    chosen: dict[str, int] = {}
    for sighting in found.picture.api_sightings():
        message_id = by_sighting.get(sighting.sighting_id)
        if message_id is None:
            continue
        if wanted is not None:
            if message_id in wanted:
                chosen[sighting.sighting_id] = message_id
        elif (_day(sighting) or date.min) >= since:
            chosen[sighting.sighting_id] = message_id
    return chosen


def _stored(workspace: Workspace, found: StoredPicture, chosen: dict[str, int]) -> dict[str, StoredSighting]:
    sightings = {s.sighting_id: s for s in found.picture.sightings}
    result: dict[str, StoredSighting] = {}
    with workspace.transaction() as session:
        for message_id in sorted(set(chosen.values())):
            for row in travellers_of_message(session, message_id):
                sighting_id = found.sightings.get((message_id, row.traveller.ref))
                if sighting_id in chosen:
                    legs = sightings[sighting_id].legs
                    result[sighting_id] = StoredSighting(row.id, message_id, legs[0] if legs else None)
    return result


def _existing(workspace: Workspace) -> set[_Key]:
    keys: set[_Key] = set()
    with workspace.transaction() as session:
        for kind in (AlertKind.RULE, AlertKind.NETWORK):
            where = AlertFilter(kind=kind)
            for stored in find_alerts(session, where, limit=max(count_alerts(session, where), 1)):
                alert = stored.alert
                keys.add(
                    _key(
                        kind,
                        alert.traveller_key,
                        alert.flight,
                        alert.flight_date,
                        alert.source,
                        alert.subject,
                    )
                )
    return keys


def _key(kind: AlertKind, person: str, flight: str, day: date | None, source: str, subject: str) -> _Key:
    if kind is AlertKind.NETWORK:
        source, subject = "", subject.rsplit("→", 1)[-1].strip()  # the subject reached, by any link
    return (kind.value, person, flight, day, source, subject)


def _new_only(
    workspace: Workspace,
    rule_hits: Iterable[RuleAlert],
    network_hits: Iterable[NetworkAlert],
    stored: dict[str, StoredSighting],
) -> tuple[list[RuleAlert], list[NetworkAlert], int]:
    seen = _existing(workspace)
    secret = workspace.card_key
    fresh_rules: list[RuleAlert] = []
    fresh_links: list[NetworkAlert] = []
    skipped = 0
    for rule in rule_hits:
        where = stored[rule.sighting_id]
        day = _leg_day(where)
        key = _key(
            AlertKind.RULE,
            traveller_key(rule.traveller, secret),
            rule.flight,
            day,
            rule.hit.rule_id,
            rule.hit.rule_key,
        )
        if key in seen:
            skipped += 1
        else:
            seen.add(key)
            fresh_rules.append(rule)
    for linked in network_hits:
        where = stored[linked.sighting_id]
        person = traveller_key(linked.traveller, secret)
        key = _key(
            AlertKind.NETWORK, person, linked.flight, _leg_day(where), "", linked.candidate.subject.reference
        )
        if key in seen:
            skipped += 1
        else:
            seen.add(key)
            fresh_links.append(linked)
    return fresh_rules, fresh_links, skipped


def _leg_day(where: StoredSighting) -> date | None:
    if where.leg is None or where.leg.departure is None:
        return None
    departure = where.leg.departure
    return departure.date() if isinstance(departure, datetime) else departure


def run_targeting(
    workspace: Workspace,
    book: RuleBook,
    *,
    messages: Collection[int] | None = None,
    since: date | None = None,
    now: datetime | None = None,
) -> TargetingRun:
    """Run the rules in force and the network alerts for the travellers of ``messages``, or else
    of every flight departing on or after ``since`` (today); store each new alert once."""
    at = now or datetime.now(UTC)
    found = stored_picture(workspace)
    chosen = _selected(found, messages, since or at.date())
    stored = _stored(workspace, found, chosen)
    picture = found.picture
    states = companion_states(workspace, found)
    subjects = network_subjects(workspace, found)
    rules = rules_in_force(book)
    wanted = [s for s in rule_subjects(picture, at.replace(tzinfo=None), states) if s.subject_id in stored]
    rule_hits = evaluate_rules(rules, picture, wanted)
    on_board = [s for s in picture.api_sightings() if s.sighting_id in stored]
    network_hits, audits = network_alerts_for(picture, subjects, on_board, requested_by=SYSTEM.name)
    with audited(workspace) as (_session, audit):
        for record in audits:
            query = f"one hop from {len(record.started_from)} travellers to {record.subjects} subjects"
            audit.log(Search("network_alerts", query, len(record.disclosed)), SYSTEM, at=at)
    fresh_rules, fresh_links, skipped = _new_only(workspace, rule_hits, network_hits, stored)
    raised = raise_targeting_alerts(
        workspace, rule_alerts=fresh_rules, network_alerts=fresh_links, stored=stored, at=at
    )
    flights = {(s.legs[0].designator, _day(s)) for s in on_board if s.legs}
    return TargetingRun(
        travellers=len(stored),
        flights=len(flights),
        rules_in_force=sum(status is RuleStatus.ACTIVE for _rule, status in rules.statuses(at)),
        subjects=len(subjects),
        rule_hits=tuple(rule_hits),
        network_hits=tuple(network_hits),
        raised=tuple(raised),
        already_raised=skipped,
    )
