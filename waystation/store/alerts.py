"""Alerts and their appended review entries; the current state is the fold of the history.

:func:`add_alerts` stores what screening (or later a rule or the network) raised. Review entries
are appended by :func:`append_review`, which also moves the alert's cached state on — but only
if the alert still has the number of steps the caller folded (optimistic locking): of two
reviewers racing on one alert, the second gets ``Conflict`` and must look again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from sqlalchemy import ColumnElement, Dialect, func, select, update
from sqlalchemy.orm import Session

from waystation.cases.alerts import Alert, DispositionRecord, ReviewEntry, ReviewStep
from waystation.cases.vocab import AlertKind, AlertStatus, Disposition, ReviewAction, Role
from waystation.cases.workflow import AlertState, fold
from waystation.exc import Conflict, NotFound
from waystation.store.bulk import chunks, insert_returning_ids, insert_rows, table_of
from waystation.store.schema import AlertRow, ReviewEntryRow

__all__ = [
    "AlertFilter",
    "NewAlert",
    "StoredAlert",
    "add_alerts",
    "alert_counts",
    "alerts_of_travellers",
    "append_review",
    "count_alerts",
    "find_alerts",
    "get_alert",
    "load_alerts",
]


@dataclass(frozen=True, slots=True)
class NewAlert:
    """An alert to store: the core's fields plus the store ids it points at."""

    kind: AlertKind
    traveller_key: str
    traveller_ref: str
    flight: str
    flight_date: date | None
    source: str
    source_version: str | None
    subject: str
    score: float
    algorithm: str
    algorithm_version: str
    explanation: tuple[str, ...]
    created_at: datetime
    traveller_id: int | None = None
    raw_message_id: int | None = None
    flight_id: int | None = None
    hit_id: int | None = None


@dataclass(frozen=True, slots=True)
class StoredAlert:
    """An alert with its folded review state and the store ids around it."""

    id: int
    state: AlertState
    traveller_id: int | None
    raw_message_id: int | None
    flight_id: int | None
    hit_id: int | None
    steps: int

    @property
    def alert(self) -> Alert:
        return self.state.alert


@dataclass(frozen=True, slots=True)
class AlertFilter:
    """Criteria over alerts, shared by the API listing, the services and the analyst queue page;
    every one given must hold. ``open_only`` keeps alerts that still need a human (not decided);
    an explicit ``status`` takes precedence over it."""

    status: AlertStatus | None = None
    kind: AlertKind | None = None
    source: str | None = None
    flight_id: int | None = None
    traveller_id: int | None = None
    traveller_keys: tuple[str, ...] | None = None
    flight_ids: tuple[int, ...] | None = None
    raw_message_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    open_only: bool = False

    def criteria(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.status is not None:
            found.append(AlertRow.status == self.status.value)
        elif self.open_only:
            found.append(AlertRow.status != AlertStatus.DECIDED.value)
        if self.kind is not None:
            found.append(AlertRow.kind == self.kind.value)
        if self.source is not None:
            found.append(AlertRow.source == self.source)
        if self.flight_id is not None:
            found.append(AlertRow.flight_id == self.flight_id)
        if self.traveller_id is not None:
            found.append(AlertRow.traveller_id == self.traveller_id)
        if self.traveller_keys is not None:
            found.append(AlertRow.traveller_key.in_(self.traveller_keys))
        if self.flight_ids is not None:
            found.append(AlertRow.flight_id.in_(self.flight_ids))
        if self.raw_message_id is not None:
            found.append(AlertRow.raw_message_id == self.raw_message_id)
        if self.since is not None:
            found.append(AlertRow.created_at >= self.since)
        if self.until is not None:
            found.append(AlertRow.created_at < self.until)
        return found


def add_alerts(session: Session, alerts: Sequence[NewAlert]) -> list[StoredAlert]:
    """Store new (open) alerts in one batch; returns them with their ids, in order."""
    rows = [
        {
            "kind": a.kind.value,
            "traveller_id": a.traveller_id,
            "traveller_key": a.traveller_key,
            "traveller_ref": a.traveller_ref,
            "raw_message_id": a.raw_message_id,
            "flight_id": a.flight_id,
            "flight": a.flight,
            "flight_date": a.flight_date,
            "source": a.source,
            "source_version": a.source_version,
            "subject": a.subject,
            "score": float(a.score),
            "algorithm": a.algorithm,
            "algorithm_version": a.algorithm_version,
            "explanation": "\n".join(" ".join(s.split()) for s in a.explanation),
            "hit_id": a.hit_id,
            "created_at": a.created_at,
            "status": AlertStatus.OPEN.value,
            "disposition": None,
            "assignee": None,
            "steps": 0,
        }
        for a in alerts
    ]
    ids = insert_returning_ids(session, AlertRow, rows)
    return [
        StoredAlert(
            ident,
            AlertState(_domain(ident, a.kind, a.traveller_key, a.traveller_ref, a, a.explanation)),
            a.traveller_id,
            a.raw_message_id,
            a.flight_id,
            a.hit_id,
            0,
        )
        for ident, a in zip(ids, alerts, strict=True)
    ]


def _domain(
    ident: int,
    kind: AlertKind,
    traveller_key: str,
    traveller_ref: str,
    row: NewAlert | AlertRow,
    explanation: tuple[str, ...],
) -> Alert:
    return Alert(
        alert_id=str(ident),
        kind=kind,
        traveller_key=traveller_key,
        traveller_ref=traveller_ref,
        flight=row.flight,
        flight_date=row.flight_date,
        source=row.source,
        source_version=row.source_version,
        subject=row.subject,
        score=min(1.0, max(0.0, float(row.score))),
        algorithm=row.algorithm,
        algorithm_version=row.algorithm_version,
        explanation=explanation,
        created_at=row.created_at,
    )


def _entry(row: ReviewEntryRow) -> ReviewEntry:
    action = ReviewAction(row.action)
    if action in (ReviewAction.DECIDE, ReviewAction.OVERRIDE):
        return DispositionRecord(
            str(row.alert_id),
            Disposition(row.disposition or ""),
            row.reason or "",
            row.actor,
            Role(row.role),
            row.at,
            override=row.override,
        )
    return ReviewStep(str(row.alert_id), action, row.actor, Role(row.role), row.at, row.reason)


def load_alerts(session: Session, ids: Sequence[int]) -> list[StoredAlert]:
    """Alerts with their histories folded, in the order of ``ids`` (unknown ids left out)."""
    rows: dict[int, AlertRow] = {}
    history: dict[int, list[ReviewEntryRow]] = defaultdict(list)
    for part in chunks(list(dict.fromkeys(ids))):
        statement = select(AlertRow).where(AlertRow.id.in_(part)).execution_options(populate_existing=True)
        rows.update((row.id, row) for row in session.execute(statement).scalars())
        reviews = (
            select(ReviewEntryRow).where(ReviewEntryRow.alert_id.in_(part)).order_by(ReviewEntryRow.step)
        )
        for review in session.execute(reviews).scalars():
            history[review.alert_id].append(review)
    found = []
    for ident in ids:
        row = rows.get(ident)
        if row is None:
            continue
        explanation = tuple(row.explanation.splitlines())
        alert = _domain(row.id, AlertKind(row.kind), row.traveller_key, row.traveller_ref, row, explanation)
        state = fold(alert, [_entry(r) for r in history[ident]])
        found.append(
            StoredAlert(
                row.id, state, row.traveller_id, row.raw_message_id, row.flight_id, row.hit_id, row.steps
            )
        )
    return found


def get_alert(session: Session, alert_id: int) -> StoredAlert:
    found = load_alerts(session, [alert_id])
    if not found:
        raise NotFound(f"no alert {alert_id}")
    return found[0]


def find_alerts(
    session: Session, where: AlertFilter | None = None, *, limit: int = 100, offset: int = 0
) -> list[StoredAlert]:
    """Alerts matching ``where``, newest first."""
    statement = (
        select(AlertRow.id)
        .where(*(where or AlertFilter()).criteria())
        .order_by(AlertRow.created_at.desc(), AlertRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return load_alerts(session, list(session.execute(statement).scalars()))


def alerts_of_travellers(session: Session, traveller_keys: Sequence[str], *, limit: int) -> list[StoredAlert]:
    """``find_alerts`` for ``AlertFilter(traveller_keys=...)``, newest first: the gateway asks this
    for every request it answers (300 keys for a 300-passenger one). Sent as the driver's own
    SQL, one text per power of two of keys (the last key repeated to fill it, which selects
    nothing more): an expanding ``IN`` is compiled again for its values on every call, and for
    300 keys that cost more than running the query."""
    if not traveller_keys:
        return []
    keys = list(traveller_keys)
    size = 1 << (len(keys) - 1).bit_length()
    keys += [keys[-1]] * (size - len(keys))
    connection = session.connection()
    result = connection.exec_driver_sql(_of_travellers_sql(connection.dialect, size), (*keys, limit))
    return load_alerts(session, [int(ident) for (ident,) in result])


@cache
def _of_travellers_sql(dialect: Dialect, count: int) -> str:
    quote = dialect.identifier_preparer.quote
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    table, markers = quote(table_of(AlertRow).name), ", ".join([marker] * count)
    return (
        f"SELECT {quote('id')} FROM {table} WHERE {quote('traveller_key')} IN ({markers}) "
        f"ORDER BY {quote('created_at')} DESC, {quote('id')} DESC LIMIT {marker}"
    )


def count_alerts(session: Session, where: AlertFilter | None = None) -> int:
    return int(
        session.execute(
            select(func.count(AlertRow.id)).where(*(where or AlertFilter()).criteria())
        ).scalar_one()
    )


def append_review(session: Session, stored: StoredAlert, entry: ReviewEntry, after: AlertState) -> int:
    """Append ``entry`` (already applied by the workflow to give ``after``); returns its step number.

    ``Conflict`` when someone else stored a step since ``stored`` was read.
    """
    step = stored.steps + 1
    result = session.execute(
        update(AlertRow)
        .where(AlertRow.id == stored.id, AlertRow.steps == stored.steps)
        .values(
            steps=step,
            status=after.status.value,
            disposition=after.disposition.value if after.disposition else None,
            assignee=after.assignee,
        )
    )
    if getattr(result, "rowcount", 1) == 0:
        raise Conflict(f"alert {stored.id} was changed by someone else meanwhile; reload it and try again")
    disposition = entry.disposition.value if isinstance(entry, DispositionRecord) else None
    override = entry.override if isinstance(entry, DispositionRecord) else False
    insert_rows(
        session,
        ReviewEntryRow,
        [
            {
                "alert_id": stored.id,
                "step": step,
                "action": entry.action.value,
                "disposition": disposition,
                "override": override,
                "reason": entry.reason,
                "actor": entry.actor,
                "role": entry.role.value,
                "at": entry.at,
            }
        ],
    )
    return step


def alert_counts(session: Session, flight_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """Alerts per flight and kind: ``{flight_id: {"watchlist": 2, "rule": 1}}``."""
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for part in chunks(list(dict.fromkeys(flight_ids))):
        statement = (
            select(AlertRow.flight_id, AlertRow.kind, func.count(AlertRow.id))
            .where(AlertRow.flight_id.in_(part))
            .group_by(AlertRow.flight_id, AlertRow.kind)
        )
        for flight, kind, count in session.execute(statement):
            if flight is not None:
                found[flight][kind] = count
    return dict(found)
