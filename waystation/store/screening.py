"""Screening runs and their hits: what was screened, against which list versions, how, and what hit.

A run is started with its list versions, algorithm NAME and version and thresholds; hits are
added in batches; finishing the run counts them. Hits are given with the list's name and version
(as the matching engine reports them) and resolved to the run's own list versions, so a hit can
never point at a list the run did not use. Features are stored as JSON through
:func:`waystation.store.codec.jsonable`, so the engine's own dataclasses can be passed as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, select, update
from sqlalchemy.orm import Session

from waystation.exc import Conflict, NotFound
from waystation.store.bulk import insert_returning_ids, insert_rows, table_of
from waystation.store.codec import jsonable
from waystation.store.schema import HitRow, ListVersionRow, RunListRow, ScreeningRunRow, WatchlistRow
from waystation.store.types import utc_now

__all__ = [
    "NewHit",
    "RunCounts",
    "ScreeningRun",
    "StoredHit",
    "add_hits",
    "close_run",
    "finish_run",
    "get_run",
    "hits_of_run",
    "hits_of_traveller",
    "start_run",
    "travellers_screened",
]


@dataclass(frozen=True, slots=True)
class NewHit:
    """One hit to store: the matching engine's hit plus the stored traveller's id.

    ``explanation`` is the engine's sentences (one string is one sentence); ``features`` is any
    JSON-able value or dataclass tree (the engine's features and aligned name parts); ``cleared``
    names the clearance that suppressed the alert, if one did.
    """

    traveller_id: int
    list_name: str
    list_version: str
    entry_id: str
    score: float
    alert: bool
    algorithm: str
    algorithm_version: str
    explanation: tuple[str, ...] | str
    features: Any = None
    cleared: str | None = None


@dataclass(frozen=True, slots=True)
class StoredHit:
    id: int
    run_id: int
    traveller_id: int
    list_version_id: int
    list_name: str
    list_version: str
    entry_id: str
    score: float
    alert: bool
    algorithm: str
    algorithm_version: str
    explanation: tuple[str, ...]
    features: Any
    cleared: str | None


@dataclass(frozen=True, slots=True)
class ScreeningRun:
    id: int
    started_at: datetime
    finished_at: datetime | None
    algorithm: str
    algorithm_version: str
    thresholds: dict[str, float]
    list_version_ids: tuple[int, ...]
    raw_message_id: int | None
    flight_id: int | None
    subject: str | None
    traveller_count: int
    hit_count: int
    alert_count: int


@dataclass(frozen=True, slots=True)
class RunCounts:
    """What a finished run counted, for :func:`start_run` to record it closed at once."""

    traveller_count: int
    hit_count: int
    alert_count: int
    finished_at: datetime | None = None


def start_run(
    session: Session,
    *,
    algorithm: str,
    algorithm_version: str,
    thresholds: Mapping[str, float],
    list_version_ids: Sequence[int],
    raw_message_id: int | None = None,
    flight_id: int | None = None,
    subject: str | None = None,
    started_at: datetime | None = None,
    finished: RunCounts | None = None,
) -> int:
    """Record the start of a screening run; returns its id.

    ``finished``: the run is recorded already closed with these counts, in the same statement —
    for a caller that screened before it stores anything and so knows them (the gateway: one
    statement fewer per message than :func:`close_run` after the hits)."""
    now = utc_now() if started_at is None or finished is not None else started_at
    (run_id,) = insert_returning_ids(
        session,
        ScreeningRunRow,
        [
            {
                "started_at": started_at or now,
                "finished_at": (finished.finished_at or now) if finished is not None else None,
                "algorithm": algorithm,
                "algorithm_version": algorithm_version,
                "thresholds": {str(k): float(v) for k, v in thresholds.items()},
                "raw_message_id": raw_message_id,
                "flight_id": flight_id,
                "subject": subject,
                "traveller_count": finished.traveller_count if finished is not None else 0,
                "hit_count": finished.hit_count if finished is not None else 0,
                "alert_count": finished.alert_count if finished is not None else 0,
            }
        ],
    )
    rows = [{"run_id": run_id, "list_version_id": v} for v in dict.fromkeys(list_version_ids)]
    insert_rows(session, RunListRow, rows)
    return run_id


def _run_versions(session: Session, run_id: int) -> dict[tuple[str, str], int]:
    statement = (
        select(WatchlistRow.name, ListVersionRow.version, ListVersionRow.id)
        .join(ListVersionRow, ListVersionRow.watchlist_id == WatchlistRow.id)
        .join(RunListRow, RunListRow.list_version_id == ListVersionRow.id)
        .where(RunListRow.run_id == run_id)
    )
    return {(name, version): ident for name, version, ident in session.execute(statement)}


def add_hits(session: Session, run_id: int, hits: Sequence[NewHit]) -> list[int]:
    """Store hits of a run in one batch; returns their ids in order."""
    if not hits:
        return []
    versions = _run_versions(session, run_id)
    rows = []
    for hit in hits:
        version_id = versions.get((hit.list_name, hit.list_version))
        if version_id is None:
            raise Conflict(
                f"hit on {hit.list_name} version {hit.list_version}, which screening run {run_id} did not use"
            )
        rows.append(
            {
                "run_id": run_id,
                "traveller_id": hit.traveller_id,
                "list_version_id": version_id,
                "entry_id": hit.entry_id,
                "score": float(hit.score),
                "alert": bool(hit.alert),
                "algorithm": hit.algorithm,
                "algorithm_version": hit.algorithm_version,
                "explanation": _lines(hit.explanation),
                "features": jsonable(hit.features),
                "cleared": hit.cleared,
            }
        )
    return insert_returning_ids(session, HitRow, rows)


def _lines(explanation: tuple[str, ...] | str) -> str:
    sentences = (explanation,) if isinstance(explanation, str) else explanation
    return "\n".join(" ".join(sentence.split()) for sentence in sentences)


def finish_run(
    session: Session, run_id: int, *, traveller_count: int, finished_at: datetime | None = None
) -> ScreeningRun:
    """Close a run: record when, how many travellers, and count its hits and alerts."""
    hit_count, alert_count = session.execute(
        select(func.count(HitRow.id), func.count(HitRow.id).filter(HitRow.alert.is_(True))).where(
            HitRow.run_id == run_id
        )
    ).one()
    close_run(session, run_id, RunCounts(traveller_count, hit_count, alert_count, finished_at))
    return get_run(session, run_id)


def close_run(session: Session, run_id: int, counts: RunCounts) -> None:
    """Close a run whose counts the caller knows: one statement. (A caller that knows them before
    storing anything records the run closed at once: :func:`start_run` with ``finished``.)"""
    session.execute(
        _CLOSE_RUN,
        {
            "run": run_id,
            "finished": counts.finished_at or utc_now(),
            "travellers": counts.traveller_count,
            "hits": counts.hit_count,
            "alerts": counts.alert_count,
        },
    )


_RUNS = table_of(ScreeningRunRow)
_CLOSE_RUN = (  # built once: building it cost ten times sending it, once per message screened
    update(_RUNS)
    .where(_RUNS.c.id == bindparam("run"))
    .values(
        finished_at=bindparam("finished"),
        traveller_count=bindparam("travellers"),
        hit_count=bindparam("hits"),
        alert_count=bindparam("alerts"),
    )
)


def get_run(session: Session, run_id: int) -> ScreeningRun:
    row = session.get(ScreeningRunRow, run_id, populate_existing=True)
    if row is None:
        raise NotFound(f"no screening run {run_id}")
    versions = session.execute(
        select(RunListRow.list_version_id)
        .where(RunListRow.run_id == run_id)
        .order_by(RunListRow.list_version_id)
    ).scalars()
    return ScreeningRun(
        id=row.id,
        started_at=row.started_at,
        finished_at=row.finished_at,
        algorithm=row.algorithm,
        algorithm_version=row.algorithm_version,
        thresholds=dict(row.thresholds),
        list_version_ids=tuple(versions),
        raw_message_id=row.raw_message_id,
        flight_id=row.flight_id,
        subject=row.subject,
        traveller_count=row.traveller_count,
        hit_count=row.hit_count,
        alert_count=row.alert_count,
    )


def _hits(session: Session, *criteria: ColumnElement[bool]) -> list[StoredHit]:
    statement = (
        select(HitRow, WatchlistRow.name, ListVersionRow.version)
        .join(ListVersionRow, ListVersionRow.id == HitRow.list_version_id)
        .join(WatchlistRow, WatchlistRow.id == ListVersionRow.watchlist_id)
        .where(*criteria)
        .order_by(HitRow.traveller_id, HitRow.score.desc(), HitRow.id)
    )
    return [
        StoredHit(
            id=h.id,
            run_id=h.run_id,
            traveller_id=h.traveller_id,
            list_version_id=h.list_version_id,
            list_name=name,
            list_version=version,
            entry_id=h.entry_id,
            score=h.score,
            alert=h.alert,
            algorithm=h.algorithm,
            algorithm_version=h.algorithm_version,
            explanation=tuple(h.explanation.splitlines()),
            features=h.features,
            cleared=h.cleared,
        )
        for h, name, version in session.execute(statement)
    ]


def hits_of_run(session: Session, run_id: int, *, alerts_only: bool = False) -> list[StoredHit]:
    """A run's hits by traveller, best score first."""
    criteria = [HitRow.run_id == run_id]
    if alerts_only:
        criteria.append(HitRow.alert.is_(True))
    return _hits(session, *criteria)


def hits_of_traveller(session: Session, traveller_id: int) -> list[StoredHit]:
    """Every hit a stored traveller ever had, best score first."""
    return _hits(session, HitRow.traveller_id == traveller_id)


def travellers_screened(
    session: Session, *, since: datetime | None = None, until: datetime | None = None
) -> int:
    """How many travellers the screening runs started in [since, until) screened."""
    statement = select(func.coalesce(func.sum(ScreeningRunRow.traveller_count), 0))
    if since is not None:
        statement = statement.where(ScreeningRunRow.started_at >= since)
    if until is not None:
        statement = statement.where(ScreeningRunRow.started_at < until)
    return int(session.execute(statement).scalar_one())
