"""An analyst's network query about a stored traveller: explained paths, travel groups, and export.

The one place the API, the CLI and the web page go through, so the purpose rule is the same
everywhere (docs/network.md, "Hops and case numbers"):

* one hop is routine and needs only who asks;
* more than one hop needs the number of an **open case that links the traveller** — the
  cases stage checks that (``authorize_network_query``), the network stage checks again that a
  case number is given;
* without ``hops`` the query looks **two hops** away when a case is given (the issue's default)
  and one hop otherwise, so a query without a case is never refused for asking the default.

Every query is logged — a refused one as a ``search`` of scope ``network_refused`` with the
reason — and an answered one as the ``network_query`` event (traveller key, depth, case), one
``traveller_read`` for the traveller asked about and one for each other person the answer
discloses (their keys, the depth and the case), and an ``export`` event for a file export.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from waystation.cases.case_number import CaseNumber
from waystation.cases.events import Exported, NetworkQueried, Search, TravellerRead
from waystation.cases.permissions import Permission, require
from waystation.cases.purpose import HOPS_WITHOUT_CASE, authorize_network_query
from waystation.exc import Forbidden, NotFound
from waystation.network import (
    ExplainedPath,
    Journey,
    Purpose,
    Subject,
    neighbourhood,
    paths_to_subjects,
    to_cytoscape,
    to_graphml,
    travel_groups,
)
from waystation.network.graph import is_shared
from waystation.network.paths import reach
from waystation.services.audit import audited
from waystation.services.identity import stored_traveller_key, traveller_key
from waystation.services.principal import Principal
from waystation.services.traffic import StoredPicture, network_subjects, stored_picture, travellers_of
from waystation.services.workspace import Workspace
from waystation.store import StoredCase, get_case, load_travellers

__all__ = [
    "DEFAULT_HOPS_WITH_CASE",
    "ExportFormat",
    "NetworkExport",
    "NetworkReport",
    "PersonRef",
    "default_hops",
    "export_network",
    "query_network",
    "report_record",
]

DEFAULT_HOPS_WITH_CASE = 2
ExportFormat = Literal["graphml", "cyjs"]
_MEDIA = {"graphml": "application/graphml+xml", "cyjs": "application/json"}


def default_hops(hops: int | None, case_number: str | None) -> int:
    """The depth a query runs at: as asked, else two with a case and one without."""
    if hops is not None:
        return hops
    return DEFAULT_HOPS_WITH_CASE if case_number and case_number.strip() else HOPS_WITHOUT_CASE


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A person in an answer: the resolved id, the name as written, and why they are a subject."""

    person_id: str
    label: str
    subject: str = ""


@dataclass(frozen=True, slots=True)
class NetworkReport:
    """The answer to a path query: who the traveller is in the picture, the paths, the groups."""

    traveller_id: int
    person: PersonRef
    hops: int
    case_number: str | None
    paths: tuple[ExplainedPath, ...]
    groups: tuple[tuple[PersonRef, ...], ...]
    persons: Mapping[str, PersonRef]
    journeys: tuple[Journey, ...] = ()

    def label(self, person_id: str) -> str:
        found = self.persons.get(person_id)
        return found.label if found else person_id


@dataclass(frozen=True, slots=True)
class NetworkExport:
    """A neighbourhood as a file: the bytes, their media type and a file name."""

    content: bytes
    media_type: str
    filename: str
    nodes: int
    edges: int


@dataclass(frozen=True, slots=True)
class _Start:
    row_key: str
    person_id: str
    found: StoredPicture
    event: NetworkQueried
    purpose: Purpose


def _case(workspace: Workspace, case_number: str | None) -> StoredCase | None:
    if not case_number or not case_number.strip():
        return None
    number = CaseNumber.parse(case_number)
    with workspace.transaction() as session:
        try:
            return get_case(session, number)
        except NotFound:
            return None


def _start(
    workspace: Workspace,
    principal: Principal,
    traveller_id: int,
    hops: int,
    case_number: str | None,
    reason: str,
) -> _Start:
    """Permission, the traveller, the purpose check against the stored case, the person id."""
    require(principal.role, Permission.QUERY_NETWORK)
    with workspace.transaction() as session:
        rows = load_travellers(session, [traveller_id])
    if not rows:
        raise NotFound(f"no traveller {traveller_id}")
    row = rows[0]
    key = stored_traveller_key(row, workspace.card_key)
    stored_case = _case(workspace, case_number)
    try:
        event = authorize_network_query(
            key,
            hops,
            principal.role,
            case_number=case_number,
            case=stored_case.case if stored_case else None,
        )
    except Forbidden as refused:
        with audited(workspace) as (_session, audit):  # a refused attempt is on the record too
            query = f"{reason}: {hops} hops, case {case_number or 'none'}: {refused}"
            audit.log(Search("network_refused", query[:500], 0), principal)
        raise
    found = stored_picture(workspace)
    person_id = found.person_of(row.message_id, row.traveller.ref)
    if person_id is None:
        raise NotFound(f"traveller {traveller_id} is on no stored passenger list")
    purpose = Purpose(principal.name, case_number=event.case_number, reason=reason)
    return _Start(key, person_id, found, event, purpose)


def _log(
    workspace: Workspace,
    principal: Principal,
    start: _Start,
    traveller_id: int,
    disclosed: Iterable[str],
    fields: tuple[str, ...],
    export: Exported | None = None,
) -> None:
    others = sorted(set(disclosed) - {start.person_id})
    keys = {traveller_key(t, workspace.card_key) for t in travellers_of(start.found, others).values()} - {
        start.row_key
    }
    depth, case = start.event.depth, start.event.case_number
    with audited(workspace) as (_session, audit):
        audit.log(start.event, principal)
        audit.log(
            TravellerRead(start.row_key, f"network of traveller {traveller_id}", fields, case), principal
        )
        for key in sorted(keys):
            purpose = f"disclosed by a {depth}-hop network query from traveller {traveller_id}"
            audit.log(TravellerRead(key, purpose, ("name", "links"), case), principal)
        if export is not None:
            audit.log(export, principal)


def _refs(found: StoredPicture, persons: Iterable[str], marks: Mapping[str, str]) -> dict[str, PersonRef]:
    graph = found.picture.graph
    return {p: PersonRef(p, graph.label(p), marks.get(p, "")) for p in persons}


def query_network(
    workspace: Workspace,
    principal: Principal,
    traveller_id: int,
    *,
    hops: int | None = None,
    case_number: str | None = None,
    paths_per_subject: int = 3,
) -> NetworkReport:
    """The shortest explained paths from a stored traveller to listed or confirmed subjects within
    ``hops`` (see :func:`default_hops`), and the groups travelling together among the persons
    within reach; refused (``Forbidden``) beyond one hop without an open case linking the traveller."""
    depth = default_hops(hops, case_number)
    start = _start(
        workspace, principal, traveller_id, depth, case_number, f"paths from traveller {traveller_id}"
    )
    graph = start.found.picture.graph
    subjects = network_subjects(workspace, start.found)
    result = paths_to_subjects(
        graph, start.person_id, subjects, start.purpose, max_hops=depth, paths_per_subject=paths_per_subject
    )
    within = [n for n in reach(graph, start.person_id, depth).distance if not is_shared(n)]
    groups = travel_groups(graph, persons=within)
    groups.sort(key=lambda g: (start.person_id not in g, -len(g), min(g)))
    marks = {s.person_id: f"{s.status.value} {s.reference}" for s in subjects}
    disclosed = {start.person_id, *result.audit.disclosed, *(p for g in groups for p in g)}
    persons = _refs(start.found, disclosed, marks)
    _log(workspace, principal, start, traveller_id, disclosed, ("journeys", "links", "paths", "groups"))
    itinerary = start.found.picture.itineraries.get(start.person_id)
    return NetworkReport(
        traveller_id,
        persons[start.person_id],
        depth,
        start.event.case_number,
        result.paths,
        tuple(tuple(persons[p] for p in sorted(g, key=lambda p: (persons[p].label, p))) for g in groups),
        persons,
        itinerary.journeys if itinerary else (),
    )


def export_network(
    workspace: Workspace,
    principal: Principal,
    traveller_id: int,
    export_format: ExportFormat,
    *,
    hops: int | None = None,
    case_number: str | None = None,
) -> NetworkExport:
    """The traveller's neighbourhood within ``hops`` as GraphML or Cytoscape JSON (masked values
    only), under the same purpose rule as :func:`query_network`; logged as an export."""
    if export_format not in _MEDIA:
        raise ValueError(f"unknown export format {export_format!r}")
    depth = default_hops(hops, case_number)
    start = _start(
        workspace, principal, traveller_id, depth, case_number, f"export of traveller {traveller_id}"
    )
    subjects: list[Subject] = network_subjects(workspace, start.found)
    near = neighbourhood(
        start.found.picture.graph, start.person_id, start.purpose, hops=depth, subjects=subjects
    )
    if export_format == "graphml":
        content = to_graphml(near.graph)
    else:
        content = json.dumps(to_cytoscape(near.graph), ensure_ascii=False, default=str).encode("utf-8")
    filename = f"traveller-{traveller_id}-network-{depth}hop.{export_format}"
    exported = Exported(
        f"network of traveller {traveller_id} ({depth} hops, {export_format})",
        near.graph.number_of_nodes(),
        filename,
        start.event.case_number,
    )
    _log(workspace, principal, start, traveller_id, near.audit.disclosed, ("links", "export"), exported)
    return NetworkExport(
        content,
        _MEDIA[export_format],
        filename,
        near.graph.number_of_nodes(),
        near.graph.number_of_edges(),
    )


def report_record(report: NetworkReport) -> dict[str, Any]:
    """The report as plain data (the CLI's JSON Lines and the API's body share this shape)."""
    return {
        "traveller_id": report.traveller_id,
        "person": _person(report.person),
        "hops": report.hops,
        "case_number": report.case_number,
        "paths": [
            {
                "subject": {
                    **_person(report.persons[p.subject.person_id]),
                    "status": p.subject.status.value,
                    "reference": p.subject.reference,
                },
                "hops": p.hops,
                "persons": [_person(report.persons[n]) for n in p.nodes],
                "steps": [
                    {
                        "source": s.source,
                        "target": s.target,
                        "links": [
                            {
                                "kind": link.kind.value,
                                "shown": link.shown,
                                "occasions": link.occasions,
                                "evidence": [str(e) for e in link.evidence_of(s.source, s.target)],
                            }
                            for link in s.links
                        ],
                    }
                    for s in p.steps
                ],
                "explanation": p.explanation,
            }
            for p in report.paths
        ],
        "groups": [[_person(m) for m in group] for group in report.groups],
        "journeys": [_journey(j) for j in report.journeys],
    }


def _journey(journey: Journey) -> dict[str, Any]:
    return {
        "airports": [a or "?" for a in journey.airports],
        "split_ticket": journey.split_ticket,
        "legs": [
            {
                "flight": j.leg.designator,
                "origin": j.leg.origin,
                "destination": j.leg.destination,
                "departure": j.leg.departure.isoformat() if j.leg.departure else None,
                "bookings": list(j.booking_locators),
            }
            for j in journey.legs
        ],
    }


def _person(ref: PersonRef) -> dict[str, str]:
    return {"person_id": ref.person_id, "label": ref.label, "subject": ref.subject}
