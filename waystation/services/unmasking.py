"""Unmasking: an analyst asks, under an open case, to see a masked traveller again; a supervisor
who is not the requester decides; only the requester reads the result, while the case is open.

Every step is audited: the request (``UnmaskRequested``), the decision (``UnmaskDecided``) and
each read of the unsealed values (``Unmasked``, with case number, requester and approver). The
conditions themselves are the pure core's (``cases.purpose.authorize_unmask``), checked again on
every read, so closing the case ends the access.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from waystation.cases.case_number import CaseNumber
from waystation.cases.events import UnmaskDecided, UnmaskRequested
from waystation.cases.permissions import Permission, require
from waystation.cases.purpose import UnmaskApproval, UnmaskRequest, authorize_unmask
from waystation.cases.reasons import check_reason
from waystation.cases.retention import MaskedField
from waystation.cases.vocab import Role
from waystation.exc import Conflict, Forbidden, InputError, Locator, NotFound
from waystation.services.audit import audited
from waystation.services.principal import Principal
from waystation.services.sealing import Sealed, Sealer
from waystation.services.workspace import Workspace
from waystation.store import get_case
from waystation.store.retention import sealed_for_traveller
from waystation.store.unmasking import (
    StoredUnmaskRequest,
    add_unmask_request,
    decide_unmask_request,
    find_unmask_requests,
    get_unmask_request,
)

__all__ = [
    "StoredUnmaskRequest",
    "UnmaskedRecord",
    "decide",
    "read_unmasked",
    "request_unmask",
    "unmask_requests",
]


@dataclass(frozen=True, slots=True)
class UnmaskedRecord:
    """The unsealed values of one masked traveller row, limited to the fields granted."""

    traveller_id: int
    message_id: int
    masked_at: datetime
    values: dict[str, Any]


def request_unmask(
    workspace: Workspace,
    principal: Principal,
    *,
    traveller_key: str,
    case_number: str,
    fields: Iterable[MaskedField],
    reason: str,
) -> StoredUnmaskRequest:
    """Record a request; the case must exist, be open and link the traveller already."""
    require(principal.role, Permission.REQUEST_UNMASK)
    number = CaseNumber.parse(case_number)
    tidy = check_reason(reason)
    wanted = frozenset(fields)
    if not wanted:
        raise InputError("no fields to unmask", Locator(field="fields"))
    with audited(workspace) as (session, audit):
        case = get_case(session, number).case
        if not case.is_open:
            raise Conflict(f"case {number} is closed")
        if not case.links_traveller(traveller_key):
            raise Conflict(f"traveller {traveller_key} is not linked to case {number}")
        stored = add_unmask_request(
            session,
            traveller_key=traveller_key,
            case_number=str(number),
            fields=wanted,
            reason=tidy,
            requested_by=principal.name,
            role=principal.role,
            at=datetime.now(UTC),
        )
        audit.log(
            UnmaskRequested(
                str(stored.id), traveller_key, str(number), tuple(sorted(f.value for f in wanted)), tidy
            ),
            principal,
        )
    return stored


def _request(stored: StoredUnmaskRequest) -> UnmaskRequest:
    return UnmaskRequest(
        stored.traveller_key,
        stored.fields,
        stored.case_number,
        stored.reason,
        stored.requested_by,
        stored.requested_role,
        stored.requested_at,
    )


def decide(
    workspace: Workspace, principal: Principal, request_id: int, *, approve: bool, reason: str
) -> StoredUnmaskRequest:
    """A supervisor approves (every condition checked, all unmet ones named) or refuses."""
    require(principal.role, Permission.APPROVE_UNMASK)
    tidy = check_reason(reason)
    now = datetime.now(UTC)
    with audited(workspace) as (session, audit):
        before = get_unmask_request(session, request_id)
        if before.status != "pending":
            raise Conflict(f"unmasking request {request_id} was already {before.status}")
        if approve:
            case = get_case(session, CaseNumber.parse(before.case_number)).case
            if not case.is_open:
                raise Conflict(
                    f"case {case.number} was closed after the request; ask again under an open case"
                )
            authorize_unmask(_request(before), UnmaskApproval(principal.name, principal.role, now), case)
        elif principal.name == before.requested_by:
            raise Forbidden("the requester cannot decide their own unmasking")
        after = decide_unmask_request(
            session, request_id, approved=approve, by=principal.name, role=principal.role, at=now, reason=tidy
        )
        audit.log(
            UnmaskDecided(
                str(request_id), before.traveller_key, before.case_number, before.requested_by, approve, tidy
            ),
            principal,
        )
    return after


def unmask_requests(
    workspace: Workspace, principal: Principal, *, status: str | None = None, limit: int = 100
) -> list[StoredUnmaskRequest]:
    """Supervisors and auditors see every request; an analyst sees their own."""
    if principal.role not in (Role.SUPERVISOR, Role.AUDITOR):
        require(principal.role, Permission.REQUEST_UNMASK)
    mine = principal.name if principal.role is Role.ANALYST else None
    with workspace.transaction() as session:
        return find_unmask_requests(session, status=status, requested_by=mine, limit=limit)


_COLUMNS: dict[MaskedField, tuple[str, ...]] = {
    MaskedField.NAME: ("family_name", "given_names", "full_name"),
    MaskedField.BIRTH_DATE: ("birth_date",),
    MaskedField.BIRTH_PLACE: ("birth_place",),
    MaskedField.REFERENCES: ("references",),
}


def _values(snapshot: dict[str, Any], fields: frozenset[MaskedField]) -> dict[str, Any]:
    (row,) = snapshot["traveller"]
    values: dict[str, Any] = {c: row[c] for f in sorted(fields) for c in _COLUMNS.get(f, ())}
    if MaskedField.DOCUMENT_NUMBER in fields:
        values["documents"] = [
            {"type": d["doc_type"], "number": d["number"], "country": d["issuing_country"]}
            for d in snapshot["documents"]
        ]
    if MaskedField.CONTACTS in fields:
        values["contacts"] = [{"kind": c["kind"], "value": c["value"]} for c in snapshot["contacts"]]
    if MaskedField.ADDRESS in fields:
        parts = ("street", "city", "region", "postcode", "country")
        values["addresses"] = [{p: a[p] for p in parts} for a in snapshot["addresses"]]
    return values


def read_unmasked(workspace: Workspace, principal: Principal, request_id: int) -> list[UnmaskedRecord]:
    """The granted fields of every masked row of the traveller, for the requester, logged per read."""
    require(principal.role, Permission.REQUEST_UNMASK)
    sealer = Sealer(workspace.masking_key)
    with audited(workspace) as (session, audit):
        stored = get_unmask_request(session, request_id)
        if stored.requested_by != principal.name:
            raise NotFound(f"no unmasking request {request_id} of yours")
        if stored.status != "approved" or stored.decided_by is None or stored.decided_at is None:
            raise Conflict(f"unmasking request {request_id} is {stored.status}, not approved")
        case = get_case(session, CaseNumber.parse(stored.case_number)).case
        approval = UnmaskApproval(
            stored.decided_by, stored.decided_role or Role.SUPERVISOR, stored.decided_at
        )
        grant = authorize_unmask(_request(stored), approval, case)
        records = []
        for record in sealed_for_traveller(session, stored.traveller_key):
            sealed = Sealed(record.key_id, record.nonce, record.sealed)
            snapshot = sealer.open_json(sealed, f"traveller:{record.owner_id}")
            records.append(
                UnmaskedRecord(
                    record.owner_id, record.raw_message_id, record.masked_at, _values(snapshot, grant.fields)
                )
            )
        audit.log(grant.event, principal)
    return records
