"""Targeting rules and network alerts over the traffic picture.

Rules see each passenger-list traveller on their whole journey (legs joined across API and PNR),
with their booking and the alert state of their companions. Network alerts name travellers on a
flight who are one link away from a person who alerted against a list: one hop needs no case
number; going further is an analyst's query under a case (purpose limitation, enforced by the
network stage). Both produce explanations an analyst can read; neither decides anything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from waystation.model import Booking, Leg, Traveller
from waystation.network import (
    NetworkAlertCandidate,
    NetworkQueryAudit,
    Purpose,
    Sighting,
    Subject,
    SubjectStatus,
    network_alert_candidates,
)
from waystation.rules import (
    AlertState,
    Companion,
    ReferenceData,
    RuleHit,
    RuleSet,
    RuleSubject,
    SubjectLeg,
    evaluate,
)
from waystation.services.picture import TrafficPicture, flight_key

__all__ = [
    "NetworkAlert",
    "RuleAlert",
    "evaluate_rules",
    "network_alerts",
    "network_alerts_for",
    "rule_subjects",
]


@dataclass(frozen=True, slots=True)
class RuleAlert:
    """A rule that fired for a traveller on a flight."""

    sighting_id: str
    traveller: Traveller
    flight: str
    hit: RuleHit


@dataclass(frozen=True, slots=True)
class NetworkAlert:
    """A traveller on a flight linked to a listed or confirmed person, with the path as the reason."""

    sighting_id: str
    traveller: Traveller
    flight: str
    candidate: NetworkAlertCandidate


def _journey_legs(
    picture: TrafficPicture, person: str | None, sighting: Sighting
) -> tuple[list[SubjectLeg], list[Leg]]:
    """The journey containing the sighting's flight, and the legs the person flies after it."""
    own = [SubjectLeg(leg, sighting.booking_locator) for leg in sighting.legs]
    itinerary = picture.itineraries.get(person or "")
    if itinerary is None or not sighting.legs:
        return own, []
    wanted = flight_key(sighting.legs[0])
    for index, journey in enumerate(itinerary.journeys):
        if any(flight_key(j.leg) == wanted for j in journey.legs):
            legs = [
                SubjectLeg(j.leg, j.booking_locators[0] if j.booking_locators else None) for j in journey.legs
            ]
            later = [j.leg for later in itinerary.journeys[index + 1 :] for j in later.legs]
            return legs, later
    return own, []


def _booking(picture: TrafficPicture, person: str | None, locator: str | None) -> Booking | None:
    bookings = picture.bookings_of(person) if person else []
    return next(
        (b for b in bookings if b.record_locator.upper() == (locator or "")),
        bookings[0] if bookings else None,
    )


def rule_subjects(
    picture: TrafficPicture, now: datetime, alert_states: Mapping[str, AlertState] | None = None
) -> list[RuleSubject]:
    """One subject per passenger-list traveller; ``alert_states`` maps person ids to their alert state."""
    states = alert_states or {}
    by_booking: dict[str, set[str]] = defaultdict(set)
    for sighting in picture.sightings:
        person = picture.person_of(sighting.sighting_id)
        if sighting.booking_locator and person:
            by_booking[sighting.booking_locator].add(person)
    subjects = []
    for sighting in picture.api_sightings():
        person = picture.person_of(sighting.sighting_id)
        legs, later = _journey_legs(picture, person, sighting)
        locator = sighting.booking_locator
        companions = tuple(
            Companion(picture.resolution.persons[other].label, states.get(other), f"same booking {locator}")
            for other in sorted(by_booking.get(locator or "", set()) - {person or ""})
        )
        subjects.append(
            RuleSubject(
                subject_id=sighting.sighting_id,
                traveller=sighting.traveller,
                legs=tuple(legs),
                now=now,
                booking=_booking(picture, person, locator),
                companions=companions,
                later_legs=tuple(later),
            )
        )
    return subjects


def evaluate_rules(
    rules: RuleSet,
    picture: TrafficPicture,
    subjects: Iterable[RuleSubject],
    refs: ReferenceData | None = None,
) -> list[RuleAlert]:
    """Every rule that fires for each subject (only approved rules in force fire)."""
    sightings = {s.sighting_id: s for s in picture.sightings}
    alerts = []
    for subject in subjects:
        sighting = sightings[subject.subject_id]
        flight = sighting.legs[0].designator if sighting.legs else ""
        for hit in evaluate(rules, subject, refs or ReferenceData()):
            alerts.append(RuleAlert(subject.subject_id, subject.traveller, flight, hit))
    return alerts


def network_alerts(
    picture: TrafficPicture, listed: Mapping[str, str], *, requested_by: str = "screening"
) -> tuple[list[NetworkAlert], list[NetworkQueryAudit]]:
    """Travellers one link away from a listed person; ``listed`` maps sighting ids to the list entry.

    One hop only: this runs without a case number, as automated screening does.
    """
    subjects: dict[str, Subject] = {}
    for sighting_id, reference in listed.items():
        person = picture.person_of(sighting_id)
        if person:
            subjects[person] = Subject(person, SubjectStatus.LISTED, reference)
    return network_alerts_for(picture, subjects.values(), picture.api_sightings(), requested_by=requested_by)


def network_alerts_for(
    picture: TrafficPicture,
    subjects: Iterable[Subject],
    sightings: Iterable[Sighting],
    *,
    requested_by: str = "screening",
) -> tuple[list[NetworkAlert], list[NetworkQueryAudit]]:
    """The passenger-list ``sightings`` one link away from a subject, flight by flight (one hop:
    automated screening has no case number); one audit record per flight."""
    targets = list(subjects)
    per_flight: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in sightings:
        if sighting.legs:
            per_flight[sighting.legs[0].designator].append(sighting)
    found: list[NetworkAlert] = []
    audits: list[NetworkQueryAudit] = []
    purpose = Purpose(requested_by, reason="automated screening of upcoming flights")
    for flight, on_board in sorted(per_flight.items()):
        persons = {picture.person_of(s.sighting_id): s for s in on_board}
        result = network_alert_candidates(
            picture.graph, [p for p in persons if p], targets, purpose, flight=flight, max_hops=1
        )
        audits.append(result.audit)
        for candidate in result.candidates:
            sighting = persons[candidate.person_id]
            found.append(NetworkAlert(sighting.sighting_id, sighting.traveller, flight, candidate))
    return found, audits
