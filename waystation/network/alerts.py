"""Network alert candidates: travellers on an upcoming flight linked to a listed or confirmed subject.

These are *candidates*: the service turns each into an alert for a human analyst, with the path as
its explanation, and nothing is decided by the machine. Routine screening of a flight looks one
hop away; a wider look is a case decision and goes through the same purpose check as any query.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from waystation.network.graph import LinkGraph
from waystation.network.links import LinkKind
from waystation.network.paths import ExplainedPath, reach, subject_paths
from waystation.network.purpose import NetworkQueryAudit, Purpose, QueryKind, Subject, authorise, make_audit

__all__ = ["AlertResult", "NetworkAlertCandidate", "network_alert_candidates"]


@dataclass(frozen=True, slots=True)
class NetworkAlertCandidate:
    """A traveller of ``flight`` within reach of a subject, with the shortest path as explanation."""

    person_id: str
    flight: str
    subject: Subject
    path: ExplainedPath

    @property
    def hops(self) -> int:
        return self.path.hops

    @property
    def explanation(self) -> str:
        return self.path.explanation


@dataclass(frozen=True, slots=True)
class AlertResult:
    candidates: tuple[NetworkAlertCandidate, ...]
    audit: NetworkQueryAudit


def network_alert_candidates(
    graph: LinkGraph,
    travellers: Iterable[str],
    subjects: Iterable[Subject],
    purpose: Purpose,
    *,
    flight: str,
    max_hops: int = 1,
    kinds: Collection[LinkKind] | None = None,
    through_hubs: bool = False,
    at: datetime | None = None,
) -> AlertResult:
    """One candidate per (traveller, subject) reached, nearest first; subjects themselves are skipped
    (their own screening hit is the alert for them)."""
    authorise(purpose, max_hops)
    targets = {s.person_id: s for s in subjects}
    ordered = [targets[k] for k in sorted(targets)]
    starts = sorted(set(travellers))
    candidates: list[NetworkAlertCandidate] = []
    for person in starts:
        if person in targets or person not in graph:
            continue
        reached = reach(graph, person, max_hops, kinds=kinds, through_hubs=through_hubs)
        for path in subject_paths(graph, reached, ordered, per_subject=1):
            candidates.append(NetworkAlertCandidate(person, flight, path.subject, path))
    candidates.sort(key=lambda c: (c.hops, c.person_id, c.subject.person_id))
    record = make_audit(
        QueryKind.ALERTS,
        purpose,
        max_hops=max_hops,
        through_hubs=through_hubs,
        started_from=starts,
        subjects=len(targets),
        disclosed=[node for c in candidates for node in c.path.nodes],
        at=at,
    )
    return AlertResult(tuple(candidates), record)
