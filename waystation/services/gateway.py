"""The carrier gateway: raw EDIFACT in; an acknowledgement, or for iAPI a CUSRES answer, out.

The order is the safeguard. :func:`submit` first commits the bytes exactly as received
(``messages.receive``), so an acknowledged message is never lost even if the process is killed
right after; then it parses, de-duplicates by interchange reference, stores, screens and raises
alerts (``screening.screen_received``). For an interactive request (iAPI) it then decides each
passenger's answer from that person's alerts on that flight and the supervisor's
:class:`~waystation.cases.CarrierPolicy` (``cases.decide_boarding``: a score alone never denies
boarding unless a supervisor named that list and threshold), logs every answer with its basis,
and renders the CUSRES. The carrier learns the code and nothing else.

A repeated interchange (a carrier retrying after a lost answer) is stored as a duplicate and
answered again from the original's alerts, so the carrier gets the same answer and the alerts
are not raised twice. A message that cannot be read is kept, marked rejected, and the caller
gets the reason with its segment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from waystation.cases.permissions import Permission, require
from waystation.cases.policy import BoardingDecision, CarrierPolicy, decide_boarding
from waystation.cases.trail import boarding_answered, boarding_answers_given
from waystation.cases.vocab import Role
from waystation.exc import NotFound
from waystation.ingest.message import ParsedMessage
from waystation.matching.compare.documents import document_key
from waystation.model import Leg, Manifest, Traveller
from waystation.services.audit import Audit, audited
from waystation.services.cusres import CusresPassenger, CusresRequest, render_cusres
from waystation.services.identity import traveller_key
from waystation.services.messages import Received, read_received, store_received
from waystation.services.policy import current_policy, policy_of
from waystation.services.principal import Principal
from waystation.services.screening import ScreeningOutcome, in_force, record_screening, screen_parsed
from waystation.services.workspace import Workspace
from waystation.store import (
    MessageStatus,
    StoredAlert,
    StoredMessage,
    alerts_of_travellers,
    get_message,
    receive_message,
)

__all__ = [
    "GATEWAY_ID",
    "PassengerDecision",
    "Submission",
    "answer_for",
    "insufficient",
    "message_status",
    "process_received",
    "submit",
]

GATEWAY_ID = "WAYSTATION"


@dataclass(frozen=True, slots=True)
class PassengerDecision:
    """The answer for one passenger of an iAPI request, with the basis (never sent to the carrier)."""

    traveller_ref: str
    traveller_key: str
    passenger_ref: str | None
    booking_ref: str | None
    flight: str
    decision: BoardingDecision


@dataclass(frozen=True, slots=True)
class Submission:
    """What happened to one submitted message, and the CUSRES for an interactive one."""

    received: Received
    interactive: bool
    outcome: ScreeningOutcome | None
    decisions: tuple[PassengerDecision, ...]
    answer: bytes | None

    @property
    def travellers(self) -> int:
        return len(list(self.received.parsed.travellers())) if self.received.parsed else 0


def _interactive(parsed: ParsedMessage | None) -> list[Manifest]:
    return [m for m in parsed.manifests if m.is_interactive] if parsed else []


def submit(
    workspace: Workspace,
    principal: Principal,
    data: bytes,
    *,
    source: str | None = None,
    today: date | None = None,
) -> Submission:
    """Receive, store, screen and (for iAPI) answer one carrier message; never raises for bad input.

    Two commits: the bytes alone first (kept before anything can fail), then one transaction
    that stores the parsed message, its screening run, hits and alerts and the logged answers —
    all or nothing, so a crash between the two leaves the message ``received`` for recovery.
    Parsing and screening run before that transaction, holding no lock."""
    require(principal.role, Permission.SUBMIT_MESSAGES)
    source = source or _source_prefix(principal)
    # One writing transaction at a time (``Workspace.writer``). They are serialised anyway (SQLite's
    # write lock; the audit head row on PostgreSQL), but writers queueing on that lock wait in order
    # and wake at once, where writers queueing on SQLite's lock poll it with growing sleeps, and under
    # a peak some waited past the busy timeout. Parsing and screening run outside it, in parallel.
    # The bytes' commit does not wait for the disk: every path below commits again (parsed, duplicate
    # or rejected) and waits for the disk before the carrier hears anything, which covers them. A
    # killed process loses nothing; a power cut can lose only a message that was never answered.
    # The parsed message's commit waits for the disk after letting the writer lock go (store/disk.py).
    with workspace.writer.held():
        kept = receive_message(workspace.sessions, data, source=source, synced=False)
    read = read_received(workspace, kept.id, data, source=source, today=today)
    if isinstance(read, Received):  # unreadable: kept, marked rejected
        return Submission(read, False, None, (), None)
    manifests = _interactive(read)
    with workspace.transaction() as session:  # one read: lists, clearances and (iAPI) the policy
        lists_in_force = in_force(workspace, session)
        policy = policy_of(session) if manifests else None
    screened = screen_parsed(workspace, read, read=lists_in_force)
    with audited(workspace, writing=True) as (session, audit):
        received = store_received(session, kept.id, read, source=source)
        outcome = None
        if received.status is MessageStatus.PARSED:
            outcome = record_screening(session, audit, workspace, screened, received)
        decisions = (
            _decide(session, audit, workspace, principal, manifests, policy, kept.id) if policy else []
        )
    return _answered(received, manifests, outcome, decisions)


def process_received(workspace: Workspace, received: Received, principal: Principal) -> Submission:
    """Screen a received message and, when it is an iAPI request, answer it (the answers are
    decided and logged in the screening transaction; a duplicate is answered from stored alerts)."""
    manifests = _interactive(received.parsed)
    decisions: list[PassengerDecision] = []
    outcome = None
    if received.status is MessageStatus.PARSED and received.parsed is not None:
        screened = screen_parsed(workspace, received.parsed)
        policy = current_policy(workspace) if manifests else None
        with audited(workspace, writing=True) as (session, audit):
            outcome = record_screening(session, audit, workspace, screened, received)
            if policy is not None:
                decisions = _decide(
                    session, audit, workspace, principal, manifests, policy, received.message_id
                )
    elif received.status is MessageStatus.DUPLICATE and manifests:
        decisions = answer_for(workspace, principal, manifests, message_id=received.message_id)
    return _answered(received, manifests, outcome, decisions)


def _answered(
    received: Received,
    manifests: list[Manifest],
    outcome: ScreeningOutcome | None,
    decisions: Sequence[PassengerDecision],
) -> Submission:
    """The submission, with the CUSRES for an interactive request."""
    if not manifests or received.status is MessageStatus.REJECTED:
        return Submission(received, False, outcome, (), None)
    by_ref = {(d.flight, d.traveller_ref): d for d in decisions}
    requests = [
        CusresRequest(
            manifest,
            tuple(
                CusresPassenger(d.passenger_ref, d.booking_ref, d.decision.for_carrier())
                for t in manifest.travellers
                if (d := by_ref.get((_flight(manifest), t.ref))) is not None
            ),
        )
        for manifest in manifests
    ]
    first = manifests[0]
    answer_bytes = render_cusres(
        requests,
        sender=first.recipient or GATEWAY_ID,
        recipient=first.sender or "CARRIER",
        control_ref=f"WS{received.message_id:012d}",
        prepared=datetime.now(UTC),
    )
    return Submission(received, True, outcome, tuple(decisions), answer_bytes)


def _flight(manifest: Manifest) -> str:
    return manifest.legs[0].designator if manifest.legs else ""


def _flight_and_day(manifest: Manifest) -> tuple[str, date | None]:
    """The designator and day of a manifest's first leg (what a passenger's alerts are matched on)."""
    leg = manifest.legs[0] if manifest.legs else None
    return (leg.designator if leg else ""), _day(leg)


def _day(leg: Leg | None) -> date | None:
    if leg is None or leg.departure is None:
        return None
    return leg.departure.date() if isinstance(leg.departure, datetime) else leg.departure


def insufficient(traveller: Traveller) -> bool:
    """Screening needs a document number and a birth date; without them the carrier must resend."""
    has_document = any(document_key(d.number) for d in traveller.documents)
    return not has_document or traveller.birth_date is None


def answer_for(
    workspace: Workspace, principal: Principal, manifests: Sequence[Manifest], *, message_id: int
) -> list[PassengerDecision]:
    """Each passenger's answer from their stored alerts on that flight, logged as one record."""
    policy = current_policy(workspace)
    with audited(workspace) as (session, audit):
        return _decide(session, audit, workspace, principal, manifests, policy, message_id)


def _decide(
    session: Session,
    audit: Audit,
    workspace: Workspace,
    principal: Principal,
    manifests: Sequence[Manifest],
    policy: CarrierPolicy,
    message_id: int,
) -> list[PassengerDecision]:
    """Every passenger's answer, logged as one ``boarding_answers`` record for the request."""
    flights = [_flight_and_day(manifest) for manifest in manifests]  # once per manifest, not per person
    people = [
        (flight, day, traveller, traveller_key(traveller, workspace.card_key))
        for manifest, (flight, day) in zip(manifests, flights, strict=True)
        for traveller in manifest.travellers
    ]
    keys = tuple(sorted({key for *_, key in people}))
    alerts = alerts_of_travellers(session, keys, limit=10_000)
    by_key: dict[str, list[StoredAlert]] = {}
    for alert in alerts:
        by_key.setdefault(alert.alert.traveller_key, []).append(alert)
    decisions: list[PassengerDecision] = []
    # A passenger without alerts on the flight gets the answer every such passenger gets (one per
    # finding of insufficient data): decided once per request, not once per passenger.
    unalerted: dict[bool, BoardingDecision] = {}
    for flight, day, traveller, key in people:
        states = [
            a.state
            for a in by_key.get(key, ())
            if a.alert.flight == flight and (a.alert.flight_date == day or day is None)
        ]
        lacking = insufficient(traveller)
        if states:
            decision = decide_boarding(states, policy, insufficient_data=lacking)
        else:
            if lacking not in unalerted:
                unalerted[lacking] = decide_boarding((), policy, insufficient_data=lacking)
            decision = unalerted[lacking]
        decisions.append(
            PassengerDecision(
                traveller.ref,
                key,
                traveller.references.get("ABO"),
                traveller.references.get("AVF"),
                flight,
                decision,
            )
        )
    if decisions:
        answered = [
            boarding_answered(
                d.decision, traveller_key=d.traveller_key, traveller_ref=d.traveller_ref, flight=d.flight
            )
            for d in decisions
        ]
        audit.log(boarding_answers_given(message_id, answered), principal)
    return decisions


def _source_prefix(principal: Principal) -> str:
    return f"gateway/{principal.name}"


def message_status(workspace: Workspace, principal: Principal, message_id: int) -> StoredMessage:
    """A received message's status and issues: a carrier sees only the messages it sent itself."""
    if principal.role is Role.CARRIER:
        with workspace.transaction() as session:
            stored = get_message(session, message_id)
        if stored.source != _source_prefix(principal):
            raise NotFound(f"no message {message_id}")
        return stored
    require(principal.role, Permission.READ_TRAVELLERS)
    with workspace.transaction() as session:
        return get_message(session, message_id)
