"""Read-only queries behind the analyst pages: the flight board, the ordered alert queue, message arrival.

The review service's own queries order alerts newest first; an analyst works the other way —
the flight leaving soonest first, the strongest hit of a flight first — and needs, per flight,
when the carrier's messages arrived. These queries add that ordering and those facts without
touching the tables' owners: they only read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from waystation.store.alerts import AlertFilter
from waystation.store.bulk import chunks
from waystation.store.schema import AlertRow, FlightRow, ManifestRow, PnrPushRow, RawMessageRow

__all__ = [
    "FlightArrival",
    "QueueRow",
    "flight_ids_between",
    "message_arrivals",
    "queue_facets",
    "queue_rows",
]


@dataclass(frozen=True, slots=True)
class QueueRow:
    """What the queue is ordered by: the flight's local departure and origin, and the score."""

    alert_id: int
    departure: datetime | date | None
    origin: str | None
    score: float


def queue_rows(session: Session, where: AlertFilter) -> list[QueueRow]:
    """Every alert matching ``where`` with its ordering facts (local times: the caller puts them
    on one clock, since airports are in different time zones)."""
    statement = (
        select(
            AlertRow.id,
            FlightRow.scheduled_departure,
            FlightRow.departure_date,
            AlertRow.flight_date,
            FlightRow.origin,
            AlertRow.score,
        )
        .outerjoin(FlightRow, FlightRow.id == AlertRow.flight_id)
        .where(*where.criteria())
    )
    return [
        QueueRow(ident, scheduled or day or flight_day, origin, float(score))
        for ident, scheduled, day, flight_day, origin, score in session.execute(statement)
    ]


def queue_facets(session: Session) -> dict[str, list[tuple[str, int]]]:
    """The values the queue can be filtered by, with how many alerts each has: per kind, the sources."""
    statement = select(AlertRow.kind, AlertRow.source, func.count(AlertRow.id)).group_by(
        AlertRow.kind, AlertRow.source
    )
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for kind, source, count in session.execute(statement):
        found[kind].append((source, int(count)))
    return {kind: sorted(values) for kind, values in found.items()}


def flight_ids_between(session: Session, start: datetime, end: datetime) -> list[int]:
    """Flights departing in [start, end): by scheduled time, or by day when only the day is known."""
    statement = (
        select(FlightRow.id)
        .where(
            or_(
                and_(
                    FlightRow.scheduled_departure.is_not(None),
                    FlightRow.scheduled_departure >= start,
                    FlightRow.scheduled_departure < end,
                ),
                and_(
                    FlightRow.scheduled_departure.is_(None),
                    FlightRow.departure_date >= start.date(),
                    FlightRow.departure_date <= end.date(),
                ),
            )
        )
        .order_by(func.coalesce(FlightRow.scheduled_departure, FlightRow.departure_date), FlightRow.id)
    )
    return list(session.execute(statement).scalars())


@dataclass(frozen=True, slots=True)
class FlightArrival:
    """One carrier message about a flight: its kind, who sent it, when it was prepared and received."""

    flight_id: int
    kind: str
    sender: str | None
    prepared_at: datetime | None
    received_at: datetime
    raw_message_id: int


def message_arrivals(session: Session, flight_ids: Sequence[int]) -> dict[int, list[FlightArrival]]:
    """Every passenger list (``paxlst``) and PNR push (``pnrgov``) received for each flight."""
    found: dict[int, list[FlightArrival]] = defaultdict(list)
    for part in chunks(list(dict.fromkeys(flight_ids))):
        for kind, table in (("paxlst", ManifestRow), ("pnrgov", PnrPushRow)):
            statement = (
                select(
                    table.flight_id,
                    table.sender,
                    table.prepared_at,
                    RawMessageRow.received_at,
                    RawMessageRow.id,
                )
                .join(RawMessageRow, RawMessageRow.id == table.raw_message_id)
                .where(table.flight_id.in_(part))
            )
            for flight, sender, prepared, received, raw in session.execute(statement):
                if flight is None:
                    continue
                found[flight].append(FlightArrival(flight, kind, sender, prepared, received, raw))
    for arrivals in found.values():
        arrivals.sort(key=lambda a: (a.received_at, a.raw_message_id))
    return dict(found)
