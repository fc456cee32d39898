"""Purpose limitation: what may only be done under an open case.

Looking one hop around an alerted traveller (who shares their booking, their phone number) is
part of reviewing the alert. Going further — the contacts of contacts — reaches people who are
suspected of nothing, so it needs an open case that links the traveller the query starts from.
Unmasking depersonalised data needs the same, plus a supervisor's approval given by someone
other than the requester. Both return (or are recorded as) audit events, so every use of these
powers carries its case number in the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from waystation.cases.case import CASE_ROLES, Case
from waystation.cases.case_number import CaseNumber
from waystation.cases.events import NetworkQueried, Unmasked
from waystation.cases.reasons import check_reason
from waystation.cases.retention import MaskedField
from waystation.cases.timestamps import require_aware
from waystation.cases.vocab import Role
from waystation.exc import Forbidden, InputError, Locator

__all__ = [
    "HOPS_WITHOUT_CASE",
    "MAX_HOPS",
    "UnmaskApproval",
    "UnmaskGrant",
    "UnmaskRequest",
    "authorize_network_query",
    "authorize_unmask",
]

HOPS_WITHOUT_CASE = 1
MAX_HOPS = 4


def _case_problems(case: Case | None, number: CaseNumber | None, traveller_key: str) -> list[str]:
    if case is None or number is None:
        return ["no case given"]
    problems: list[str] = []
    if case.number != number:
        problems.append(f"case {number} was asked for but case {case.number} was given")
    if not case.is_open:
        problems.append(f"case {case.number} is closed")
    if not case.links_traveller(traveller_key):
        problems.append(f"traveller {traveller_key} is not linked to case {case.number}")
    return problems


def _parse_number(text: str | None) -> CaseNumber | None:
    return CaseNumber.parse(text) if text and text.strip() else None


def authorize_network_query(
    traveller_key: str, depth: int, role: Role, *, case_number: str | None = None, case: Case | None = None
) -> NetworkQueried:
    """The audit event for an allowed query, or ``Forbidden`` saying what is missing.

    ``case_number`` is what the analyst typed (checked for its check digit); ``case`` is the
    stored case the service looked up for it.
    """
    if role not in CASE_ROLES:
        raise Forbidden(f"a {role.value} may not query the travel network")
    if not 1 <= depth <= MAX_HOPS:
        raise InputError(f"depth must be between 1 and {MAX_HOPS}, got {depth}", Locator(field="depth"))
    number = _parse_number(case_number)
    if depth > HOPS_WITHOUT_CASE:
        problems = _case_problems(case, number, traveller_key)
        if problems:
            raise Forbidden(
                f"a {depth}-hop network query needs an open case linking the traveller: "
                + "; ".join(problems)
            )
    return NetworkQueried(traveller_key, depth, str(number) if number else None)


@dataclass(frozen=True, slots=True)
class UnmaskRequest:
    traveller_key: str
    fields: frozenset[MaskedField]
    case_number: str
    reason: str
    requested_by: str
    role: Role
    requested_at: datetime


@dataclass(frozen=True, slots=True)
class UnmaskApproval:
    approved_by: str
    role: Role
    approved_at: datetime


@dataclass(frozen=True, slots=True)
class UnmaskGrant:
    """Permission to show ``fields`` of one traveller again, with the event to append to the log."""

    traveller_key: str
    fields: frozenset[MaskedField]
    case_number: CaseNumber
    event: Unmasked


def authorize_unmask(
    request: UnmaskRequest, approval: UnmaskApproval | None, case: Case | None
) -> UnmaskGrant:
    """Grant an unmasking, or raise ``Forbidden`` listing every unmet condition at once.

    Conditions: the requester is an analyst or supervisor; the typed case number is valid and
    names an open case that links the traveller; a supervisor other than the requester approved,
    not before the request; the reason says why.
    """
    number = CaseNumber.parse(request.case_number)
    reason = check_reason(request.reason)
    require_aware(request.requested_at, "requested_at")
    if not request.fields:
        raise InputError("no fields to unmask", Locator(field="fields"))
    problems: list[str] = []
    if request.role not in CASE_ROLES:
        problems.append(f"a {request.role.value} may not ask for unmasking")
    problems.extend(_case_problems(case, number, request.traveller_key))
    if approval is None:
        problems.append("no supervisor approval")
    else:
        require_aware(approval.approved_at, "approved_at")
        if approval.role is not Role.SUPERVISOR:
            problems.append(f"approval by {approval.role.value} {approval.approved_by}, not by a supervisor")
        if approval.approved_by == request.requested_by:
            problems.append("the requester cannot approve their own unmasking")
        if approval.approved_at < request.requested_at:
            problems.append("the approval predates the request")
    if problems:
        raise Forbidden("unmasking refused: " + "; ".join(problems))
    assert approval is not None
    event = Unmasked(
        request.traveller_key,
        tuple(sorted(f.value for f in request.fields)),
        str(number),
        request.requested_by,
        approval.approved_by,
        reason,
    )
    return UnmaskGrant(request.traveller_key, request.fields, number, event)
