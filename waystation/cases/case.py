"""Cases: the file an analyst opens when alerts need more than a single decision.

A case is opened from one or more alerts, states its purpose, collects notes and linked
travellers, and is closed with a reason. Everything is appended — a note is never edited, a
link never silently removed — so a case reads as the history of an inquiry. Its number is what
unlocks purpose-limited actions (``purpose.py``): multi-hop network queries and unmasking are
allowed only for travellers linked to an open case.

Closed cases stay closed: further work opens a new case that cites the old number, which keeps
every case's purpose and lifetime unambiguous for the auditor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from waystation.cases.alerts import Alert
from waystation.cases.case_number import CaseNumber
from waystation.cases.reasons import check_reason
from waystation.cases.timestamps import require_aware
from waystation.cases.vocab import Role
from waystation.exc import Conflict, Forbidden, InputError, Locator

__all__ = [
    "CASE_ROLES",
    "Case",
    "CaseClosure",
    "CaseNote",
    "CaseStatus",
    "TravellerLink",
    "add_note",
    "close_case",
    "link_traveller",
    "open_case",
    "open_cases_for",
]

CASE_ROLES = frozenset({Role.ANALYST, Role.SUPERVISOR})


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class CaseNote:
    text: str
    author: str
    role: Role
    at: datetime


@dataclass(frozen=True, slots=True)
class TravellerLink:
    """Why a traveller belongs to the case; ``alert_id`` when an alert brought them in."""

    traveller_key: str
    linked_by: str
    role: Role
    at: datetime
    reason: str
    alert_id: str | None = None


@dataclass(frozen=True, slots=True)
class CaseClosure:
    closed_by: str
    role: Role
    at: datetime
    reason: str


@dataclass(frozen=True, slots=True)
class Case:
    number: CaseNumber
    title: str
    purpose: str
    opened_by: str
    role: Role
    opened_at: datetime
    alert_ids: tuple[str, ...]
    links: tuple[TravellerLink, ...]
    notes: tuple[CaseNote, ...] = ()
    closure: CaseClosure | None = None

    @property
    def status(self) -> CaseStatus:
        return CaseStatus.CLOSED if self.closure else CaseStatus.OPEN

    @property
    def is_open(self) -> bool:
        return self.closure is None

    @property
    def travellers(self) -> tuple[str, ...]:
        """Linked traveller keys, each once, in the order they were linked."""
        return tuple(dict.fromkeys(link.traveller_key for link in self.links))

    def links_traveller(self, traveller_key: str) -> bool:
        return any(link.traveller_key == traveller_key for link in self.links)


def _require_role(role: Role, what: str) -> None:
    if role not in CASE_ROLES:
        raise Forbidden(f"a {role.value} may not {what}")


def _require_open(case: Case, what: str) -> None:
    if not case.is_open:
        raise Conflict(f"case {case.number} is closed; cannot {what}")


def _require_after(case: Case, at: datetime) -> None:
    require_aware(at, "case time")
    if at < case.opened_at:
        raise Conflict(f"a step on case {case.number} is dated before the case was opened")


def open_case(
    number: CaseNumber,
    alerts: Sequence[Alert],
    *,
    title: str,
    purpose: str,
    actor: str,
    role: Role,
    at: datetime,
) -> Case:
    """A new case from ``alerts``; their travellers are linked with the alert as the reason."""
    _require_role(role, "open a case")
    require_aware(at, "case opened_at")
    if not alerts:
        raise InputError("a case is opened from at least one alert", Locator(field="alert_ids"))
    if not title.strip():
        raise InputError("a case needs a title", Locator(field="title"))
    purpose = check_reason(purpose, field="purpose")
    links = tuple(
        TravellerLink(a.traveller_key, actor, role, at, f"subject of alert {a.alert_id}", a.alert_id)
        for a in alerts
    )
    alert_ids = tuple(dict.fromkeys(a.alert_id for a in alerts))
    return Case(number, " ".join(title.split()), purpose, actor, role, at, alert_ids, links)


def add_note(case: Case, text: str, *, actor: str, role: Role, at: datetime) -> Case:
    """The case with one more note (notes are appended, never edited)."""
    _require_role(role, "write case notes")
    _require_open(case, "add a note")
    _require_after(case, at)
    tidy = " ".join(text.split())
    if not tidy:
        raise InputError("an empty note", Locator(field="note"))
    return replace(case, notes=(*case.notes, CaseNote(tidy, actor, role, at)))


def link_traveller(
    case: Case,
    traveller_key: str,
    *,
    reason: str,
    actor: str,
    role: Role,
    at: datetime,
    alert_id: str | None = None,
) -> Case:
    """The case with a traveller linked for a stated reason (a co-traveller, a shared contact…)."""
    _require_role(role, "link travellers to a case")
    _require_open(case, "link a traveller")
    _require_after(case, at)
    if not traveller_key.strip():
        raise InputError("no traveller to link", Locator(field="traveller_key"))
    if case.links_traveller(traveller_key):
        raise Conflict(f"traveller {traveller_key} is already linked to case {case.number}")
    link = TravellerLink(traveller_key, actor, role, at, check_reason(reason), alert_id)
    return replace(case, links=(*case.links, link))


def close_case(case: Case, *, reason: str, actor: str, role: Role, at: datetime) -> Case:
    """The case closed with a reason; after this it unlocks nothing."""
    _require_role(role, "close a case")
    _require_open(case, "close it again")
    _require_after(case, at)
    return replace(case, closure=CaseClosure(actor, role, at, check_reason(reason)))


def open_cases_for(cases: Iterable[Case], traveller_key: str) -> tuple[Case, ...]:
    """The open cases that link ``traveller_key`` (what retention and unmasking ask)."""
    return tuple(c for c in cases if c.is_open and c.links_traveller(traveller_key))
