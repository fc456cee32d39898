"""Purpose limitation for network queries, and the audit record each query returns.

Looking at who is linked to whom is looking at people who are not suspected of anything. The
law allows it for a stated purpose; so this module is the one gate every network query passes:

* one hop (the persons directly linked to a traveller) is routine screening and needs only the
  name of who asks;
* anything beyond one hop needs a case number, or the query raises :class:`~waystation.exc.Forbidden`;
* every query, allowed or not beyond one hop, returns a :class:`NetworkQueryAudit` describing it,
  which the service stores in the audit log. The core only builds the record; storing it is I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from waystation.exc import Forbidden

__all__ = ["NetworkQueryAudit", "Purpose", "QueryKind", "Subject", "SubjectStatus", "authorise", "make_audit"]

MAX_HOPS = 4  # past this a path explains nothing and the neighbourhood is most of the population


class QueryKind(StrEnum):
    PATHS = "network.paths"
    ALERTS = "network.alerts"
    NEIGHBOURHOOD = "network.neighbourhood"


class SubjectStatus(StrEnum):
    """Why a person is a target of network analysis."""

    LISTED = "listed"  # matched to a watchlist entry, hit confirmed by an analyst
    CONFIRMED = "confirmed"  # a confirmed subject of an open case


@dataclass(frozen=True, slots=True)
class Subject:
    """A listed or confirmed person, given by the service: the resolved person and the reason."""

    person_id: str
    status: SubjectStatus
    reference: str  # the list entry (``QDi.420``) or case number that makes them a subject


@dataclass(frozen=True, slots=True)
class Purpose:
    """Who asks and why: ``case_number`` is required to look further than one hop."""

    requested_by: str
    case_number: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class NetworkQueryAudit:
    """What a network query looked at and disclosed; stored by the service, never edited."""

    kind: QueryKind
    requested_by: str
    case_number: str | None
    reason: str | None
    max_hops: int
    through_hubs: bool
    started_from: tuple[str, ...]
    subjects: int
    disclosed: tuple[str, ...]
    at: datetime

    @property
    def beyond_one_hop(self) -> bool:
        return self.max_hops > 1


def authorise(purpose: Purpose, max_hops: int) -> None:
    """Refuse a query that its purpose does not allow (see the module docstring)."""
    if not purpose.requested_by.strip():
        raise Forbidden("a network query must name who asks")
    if not 1 <= max_hops <= MAX_HOPS:
        raise Forbidden(f"max_hops must be between 1 and {MAX_HOPS}, not {max_hops}")
    if max_hops > 1 and not (purpose.case_number and purpose.case_number.strip()):
        raise Forbidden(f"looking {max_hops} hops away needs a case number (purpose limitation)")


def make_audit(
    kind: QueryKind,
    purpose: Purpose,
    *,
    max_hops: int,
    through_hubs: bool,
    started_from: Iterable[str],
    subjects: int,
    disclosed: Iterable[str],
    at: datetime | None = None,
) -> NetworkQueryAudit:
    return NetworkQueryAudit(
        kind=kind,
        requested_by=purpose.requested_by,
        case_number=purpose.case_number,
        reason=purpose.reason,
        max_hops=max_hops,
        through_hubs=through_hubs,
        started_from=tuple(sorted(set(started_from))),
        subjects=subjects,
        disclosed=tuple(sorted(set(disclosed))),
        at=at or datetime.now(UTC),
    )
