"""Cases: opened from alerts, with appended notes, linked travellers and a closure — all logged."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from waystation.cases.case import CaseStatus, add_note, close_case, link_traveller, open_case
from waystation.cases.case_number import CaseNumber
from waystation.cases.events import AuditEvent, TravellerRead
from waystation.cases.permissions import Permission, require
from waystation.cases.trail import case_closed, case_note_added, case_opened, case_traveller_linked
from waystation.exc import Conflict, InputError, Locator
from waystation.services.audit import audited
from waystation.services.principal import Principal
from waystation.services.workspace import Workspace
from waystation.store import StoredCase, find_cases, get_case, load_alerts, next_case_number, save_case

__all__ = ["add_case_note", "case_detail", "cases", "close", "link", "open_new_case"]

_ATTEMPTS = 3


def open_new_case(
    workspace: Workspace, principal: Principal, alert_ids: Sequence[int], *, title: str, purpose: str
) -> StoredCase:
    """A case from alerts (their travellers linked); the number is the next of the year."""
    require(principal.role, Permission.MANAGE_CASES)
    if not alert_ids:
        raise InputError("a case is opened from at least one alert", Locator(field="alert_ids"))
    for attempt in range(_ATTEMPTS):
        try:
            with audited(workspace) as (session, audit):
                alerts = load_alerts(session, list(dict.fromkeys(alert_ids)))
                missing = sorted(set(alert_ids) - {a.id for a in alerts})
                if missing:
                    raise InputError(f"no alert {missing[0]}", Locator(field="alert_ids"))
                now = datetime.now(UTC)
                number = next_case_number(session, now.year)
                case = open_case(
                    number,
                    [a.alert for a in alerts],
                    title=title,
                    purpose=purpose,
                    actor=principal.name,
                    role=principal.role,
                    at=now,
                )
                stored = save_case(session, case)
                audit.log(case_opened(case), principal, at=now)
            return stored
        except Conflict:
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _change(workspace: Workspace, principal: Principal, number: str, kind: str, **values: str) -> StoredCase:
    require(principal.role, Permission.MANAGE_CASES)
    parsed = CaseNumber.parse(number)
    with audited(workspace) as (session, audit):
        before = get_case(session, parsed)
        now = max(datetime.now(UTC), before.case.opened_at)
        actor, role = principal.name, principal.role
        event: AuditEvent
        if kind == "note":
            after = add_note(before.case, values["text"], actor=actor, role=role, at=now)
            event = case_note_added(after)
        elif kind == "link":
            key, reason = values["traveller_key"], values["reason"]
            after = link_traveller(before.case, key, reason=reason, actor=actor, role=role, at=now)
            event = case_traveller_linked(after)
        else:
            after = close_case(before.case, reason=values["reason"], actor=actor, role=role, at=now)
            event = case_closed(after)
        stored = save_case(session, after, before)
        audit.log(event, principal, at=now)
    return stored


def add_case_note(workspace: Workspace, principal: Principal, number: str, text: str) -> StoredCase:
    return _change(workspace, principal, number, "note", text=text)


def link(
    workspace: Workspace, principal: Principal, number: str, traveller_key: str, reason: str
) -> StoredCase:
    return _change(workspace, principal, number, "link", traveller_key=traveller_key, reason=reason)


def close(workspace: Workspace, principal: Principal, number: str, reason: str) -> StoredCase:
    return _change(workspace, principal, number, "close", reason=reason)


def case_detail(workspace: Workspace, principal: Principal, number: str) -> StoredCase:
    """One case; reading it reads its travellers' keys and notes, so it is logged per traveller."""
    require(principal.role, Permission.MANAGE_CASES)
    parsed = CaseNumber.parse(number)
    with audited(workspace) as (session, audit):
        stored = get_case(session, parsed)
        for key in stored.case.travellers:
            audit.log(TravellerRead(key, "case file", ("case",), str(parsed)), principal)
    return stored


def cases(
    workspace: Workspace,
    principal: Principal,
    *,
    status: CaseStatus | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[StoredCase]:
    require(principal.role, Permission.MANAGE_CASES)
    with workspace.transaction() as session:
        return find_cases(session, status=status, limit=limit, offset=offset)
