"""Screening use cases: which list versions are in force, the analysed screener for them, runs.

A screener is analysed once per set of list versions and cached in the workspace; a new import
changes the latest versions and therefore the cache key, so the next request analyses the new
lists. Every stored hit records the list version and the algorithm NAME and version.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from waystation.exc import NotFound
from waystation.ingest.message import ParsedMessage
from waystation.matching import ClearanceSet, Hit, Screener
from waystation.model import Traveller
from waystation.services.alerts import raise_watchlist_alerts
from waystation.services.audit import Audit, audited
from waystation.services.clearance_memo import clearance_set, clearances_now
from waystation.services.messages import Received
from waystation.services.workspace import ScreeningConfig, Workspace
from waystation.store import (
    ListVersionInfo,
    NewHit,
    RunCounts,
    StoredAlert,
    add_hits,
    clearances_in_force,
    latest_version,
    latest_versions,
    load_watchlist,
    start_run,
)

__all__ = [
    "InForce",
    "Screened",
    "ScreeningOutcome",
    "active_versions",
    "clearances",
    "in_force",
    "record_screening",
    "screen_parsed",
    "screen_received",
    "screen_travellers",
    "screener_for",
    "warm_screener",
]


@dataclass(frozen=True, slots=True)
class ScreeningOutcome:
    """One screening run: its id, the hits per traveller ref (best first), and the alerts raised."""

    run_id: int
    travellers: int
    hits: dict[str, list[Hit]]
    raised: tuple[StoredAlert, ...] = ()

    @property
    def alerts(self) -> list[Hit]:
        return [hit for hits in self.hits.values() for hit in hits if hit.alert]


def active_versions(workspace: Workspace, names: Sequence[str] | None = None) -> list[ListVersionInfo]:
    """The latest stored version of each named list (of every stored list when ``names`` is None)."""
    with workspace.transaction() as session:
        return _versions_in(session, names)


def _versions_in(session: Session, names: Sequence[str] | None) -> list[ListVersionInfo]:
    if not names:
        return latest_versions(session)  # one query, not one per list
    versions = []
    for name in names:
        version = latest_version(session, name)
        if version is None:
            raise NotFound(f"no list named {name!r} is stored; import it with 'waystation lists import'")
        versions.append(version)
    return versions


def screener_for(workspace: Workspace, versions: Sequence[ListVersionInfo]) -> Screener:
    """The analysed screener for these list versions, built once and then reused."""
    key = ("screener", workspace.screening.algorithm, tuple(sorted(v.id for v in versions)))
    with workspace.lock:
        cached = workspace.cache.get(key)
        if isinstance(cached, Screener):
            return cached
        with workspace.transaction() as session:
            lists = [load_watchlist(session, v.id) for v in versions]
        kwargs = {"algorithm": workspace.screening.algorithm} if workspace.screening.algorithm else {}
        screener = Screener.build(lists, **kwargs)
        workspace.cache[key] = screener
        if workspace.on_screener_built is not None:
            # The process's owner decides what to do about a long-lived index (the CLI freezes it
            # out of the collector's way: waystation/cli/process.py); a service does not.
            workspace.on_screener_built()
        return screener


def warm_screener(workspace: Workspace) -> Screener | None:
    """Analyse the lists in force now, as a server starts, so that its first carrier message does
    not wait for it (the UN list takes ~0.1 s, a million-name national list about a minute); in a
    two-worker gateway run the first message of each worker was the day's slowest. ``None`` when
    no list is stored yet."""
    versions = active_versions(workspace)
    return screener_for(workspace, versions) if versions else None


def clearances(workspace: Workspace, now: datetime | None = None) -> ClearanceSet:
    """The clearances in force, as the matching engine checks them (person, document, entry digest)."""
    with workspace.transaction() as session:
        stored = clearances_in_force(session, now or datetime.now(UTC))
    return clearance_set(stored)


def screen_travellers(
    screener: Screener,
    travellers: Sequence[Traveller],
    config: ScreeningConfig,
    *,
    threshold: float | None = None,
    top: int | None = None,
    cleared: ClearanceSet | None = None,
) -> list[list[Hit]]:
    """Hits per traveller (input order), without storing anything."""
    return screener.screen_many(
        travellers,
        threshold=config.report_threshold if threshold is None else threshold,
        alert_threshold=config.alert_threshold,
        top=config.top if top is None else top,
        cleared=cleared,
    )


@dataclass(frozen=True, slots=True)
class Screened:
    """A message's travellers screened in memory, before anything is written (no lock held)."""

    versions: tuple[ListVersionInfo, ...]
    algorithm: str
    algorithm_version: str
    travellers: tuple[Traveller, ...]
    results: tuple[list[Hit], ...]


@dataclass(frozen=True, slots=True)
class InForce:
    """What screening reads before it starts: the list versions and the clearances in force."""

    versions: tuple[ListVersionInfo, ...]
    cleared: ClearanceSet


def in_force(workspace: Workspace, session: Session, lists: Sequence[str] | None = None) -> InForce:
    """The lists (the latest version of each, or of the named ones) and clearances in force now,
    read in the caller's transaction (the gateway reads its policy in the same one); the
    clearances are re-read only when they changed (services/clearance_memo.py)."""
    versions = _versions_in(session, lists)
    return InForce(tuple(versions), clearances_now(workspace, session, datetime.now(UTC)).cleared)


def screen_parsed(
    workspace: Workspace,
    parsed: ParsedMessage,
    *,
    lists: Sequence[str] | None = None,
    read: InForce | None = None,
) -> Screened:
    """Screen every traveller of ``parsed`` against the lists in force (``read`` when the caller
    read them already); nothing is stored."""
    if read is None:
        with workspace.transaction() as session:  # one read for both: the lists and the clearances
            read = in_force(workspace, session, lists)
    versions, cleared = read.versions, read.cleared
    screener = screener_for(workspace, versions)
    travellers = tuple(parsed.travellers())
    results = screen_travellers(screener, travellers, workspace.screening, cleared=cleared)
    return Screened(
        tuple(versions), screener.algorithm.NAME, screener.algorithm.VERSION, travellers, tuple(results)
    )


def record_screening(
    session: Session,
    audit: Audit,
    workspace: Workspace,
    screened: Screened,
    received: Received,
) -> ScreeningOutcome:
    """Store the run and its hits and raise an alert for each alerting hit (logged as
    ``alert_raised``), in the caller's transaction."""
    if received.parsed is None or received.content is None:
        raise NotFound(f"message {received.message_id} holds no stored travellers to screen")
    config = workspace.screening
    flat = [hit for hits in screened.results for hit in hits]
    run_id = start_run(  # recorded closed: screening is over, its counts known (one statement)
        session,
        algorithm=screened.algorithm,
        algorithm_version=screened.algorithm_version,
        thresholds={"report": config.report_threshold, "alert": config.alert_threshold},
        list_version_ids=[v.id for v in screened.versions],
        raw_message_id=received.message_id,
        finished=RunCounts(
            traveller_count=len(screened.travellers),
            hit_count=len(flat),
            alert_count=sum(1 for hit in flat if hit.alert),
        ),
    )
    ids = received.content.ids_by_ref
    rows = [
        NewHit(
            traveller_id=ids[hit.traveller_ref],
            list_name=hit.list_name,
            list_version=hit.list_version,
            entry_id=hit.entry_id,
            score=hit.score,
            alert=hit.alert,
            algorithm=hit.algorithm,
            algorithm_version=hit.algorithm_version,
            explanation=hit.explanation,
            features={"features": hit.features, "pairs": hit.pairs, "matched_name": hit.matched_name},
            cleared=hit.cleared,
        )
        for hits in screened.results
        for hit in hits
    ]
    hit_ids = add_hits(session, run_id, rows)
    raised = raise_watchlist_alerts(
        session,
        audit,
        parsed=received.parsed,
        message_id=received.message_id,
        hits=list(zip(flat, hit_ids, strict=True)),
        traveller_ids=ids,
        secret=workspace.card_key,
    )
    return ScreeningOutcome(
        run_id,
        len(screened.travellers),
        {t.ref: h for t, h in zip(screened.travellers, screened.results, strict=True)},
        tuple(raised),
    )


def screen_received(
    workspace: Workspace,
    received: Received,
    *,
    lists: Sequence[str] | None = None,
    then: Callable[[Session, Audit], None] | None = None,
) -> ScreeningOutcome:
    """Screen every traveller of a stored message against the lists in force; store the hits and
    raise an alert for each alerting hit, in one transaction (logged as ``alert_raised``).

    ``then`` runs at the end of that same transaction, seeing the new alerts."""
    if received.parsed is None or received.content is None:
        raise NotFound(f"message {received.message_id} holds no stored travellers to screen")
    screened = screen_parsed(workspace, received.parsed, lists=lists)
    with audited(workspace) as (session, audit):
        outcome = record_screening(session, audit, workspace, screened, received)
        if then is not None:
            then(session, audit)
    return outcome
