"""Cases: a header row and appended events; a case read back is the fold of its events.

:func:`save_case` stores what changed between the case as it was read (``before``) and as the
pure core returned it (``after``): new alerts, links, notes and the closure are appended as
events, nothing is updated. Events are numbered per case, so two people changing one case at
once cannot both append the same step (the second gets ``Conflict``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from waystation.cases.case import Case, CaseClosure, CaseNote, CaseStatus, TravellerLink
from waystation.cases.case_number import CaseNumber
from waystation.cases.vocab import Role
from waystation.exc import Conflict, NotFound
from waystation.store.bulk import insert_returning_ids, insert_rows
from waystation.store.schema import CaseEventRow, CaseRow

__all__ = ["StoredCase", "cases_linking", "find_cases", "get_case", "next_case_number", "save_case"]


@dataclass(frozen=True, slots=True)
class StoredCase:
    id: int
    case: Case
    steps: int


def next_case_number(session: Session, year: int, prefix: str = "WS") -> CaseNumber:
    """The next free number of ``year`` (the unique constraint catches a concurrent taker)."""
    last = session.execute(
        select(func.max(CaseRow.sequence)).where(CaseRow.prefix == prefix, CaseRow.year == year)
    ).scalar()
    return CaseNumber.issue(year, (last or 0) + 1, prefix)


def _event_rows(case_id: int, first_step: int, before: Case | None, after: Case) -> list[dict[str, object]]:
    events: list[dict[str, object]] = []

    def add(kind: str, actor: str, role: Role, at: object, **values: object) -> None:
        events.append(
            {
                "case_id": case_id,
                "step": first_step + len(events),
                "kind": kind,
                "actor": actor,
                "role": role.value,
                "at": at,
                "alert_id": values.get("alert_id"),
                "traveller_key": values.get("traveller_key"),
                "text": values.get("text"),
            }
        )

    known_alerts = set(before.alert_ids) if before else set()
    for alert_id in after.alert_ids:
        if alert_id not in known_alerts:
            add("alert", after.opened_by, after.role, after.opened_at, alert_id=int(alert_id))
    for link in after.links[len(before.links) if before else 0 :]:
        add(
            "link",
            link.linked_by,
            link.role,
            link.at,
            traveller_key=link.traveller_key,
            text=link.reason,
            alert_id=int(link.alert_id) if link.alert_id else None,
        )
    for note in after.notes[len(before.notes) if before else 0 :]:
        add("note", note.author, note.role, note.at, text=note.text)
    if after.closure is not None and (before is None or before.closure is None):
        closure = after.closure
        add("close", closure.closed_by, closure.role, closure.at, text=closure.reason)
    return events


def save_case(session: Session, after: Case, before: StoredCase | None = None) -> StoredCase:
    """Store a new case (``before`` is None) or the events that ``after`` adds to ``before``."""
    if before is None:
        number = after.number
        try:
            with session.begin_nested():
                (case_id,) = insert_returning_ids(
                    session,
                    CaseRow,
                    [
                        {
                            "number": str(number),
                            "prefix": number.prefix,
                            "year": number.year,
                            "sequence": number.sequence,
                            "title": after.title,
                            "purpose": after.purpose,
                            "opened_by": after.opened_by,
                            "role": after.role.value,
                            "opened_at": after.opened_at,
                        }
                    ],
                )
        except IntegrityError:
            raise Conflict(f"case number {number} was taken meanwhile; try again") from None
        rows = _event_rows(case_id, 1, None, after)
    else:
        case_id = before.id
        rows = _event_rows(case_id, before.steps + 1, before.case, after)
        latest = session.execute(select(func.max(CaseEventRow.step)).where(CaseEventRow.case_id == case_id))
        if (latest.scalar() or 0) != before.steps:
            raise Conflict(f"case {after.number} was changed by someone else meanwhile; reload it")
    try:
        with session.begin_nested():
            insert_rows(session, CaseEventRow, rows)
    except IntegrityError:
        raise Conflict(f"case {after.number} was changed by someone else meanwhile; reload it") from None
    steps = (before.steps if before else 0) + len(rows)
    return StoredCase(case_id, after, steps)


def _fold(row: CaseRow, events: Sequence[CaseEventRow]) -> StoredCase:
    alert_ids: list[str] = []
    links: list[TravellerLink] = []
    notes: list[CaseNote] = []
    closure = None
    for event in events:
        role = Role(event.role)
        if event.kind == "alert":
            alert_ids.append(str(event.alert_id))
        elif event.kind == "link":
            alert = str(event.alert_id) if event.alert_id is not None else None
            links.append(
                TravellerLink(event.traveller_key or "", event.actor, role, event.at, event.text or "", alert)
            )
        elif event.kind == "note":
            notes.append(CaseNote(event.text or "", event.actor, role, event.at))
        elif event.kind == "close":
            closure = CaseClosure(event.actor, role, event.at, event.text or "")
    case = Case(
        number=CaseNumber(row.prefix, row.year, row.sequence),
        title=row.title,
        purpose=row.purpose,
        opened_by=row.opened_by,
        role=Role(row.role),
        opened_at=row.opened_at,
        alert_ids=tuple(alert_ids),
        links=tuple(links),
        notes=tuple(notes),
        closure=closure,
    )
    return StoredCase(row.id, case, max((e.step for e in events), default=0))


def _load(session: Session, rows: Sequence[CaseRow]) -> list[StoredCase]:
    if not rows:
        return []
    events: dict[int, list[CaseEventRow]] = defaultdict(list)
    statement = (
        select(CaseEventRow)
        .where(CaseEventRow.case_id.in_([r.id for r in rows]))
        .order_by(CaseEventRow.case_id, CaseEventRow.step)
    )
    for event in session.execute(statement).scalars():
        events[event.case_id].append(event)
    return [_fold(row, events[row.id]) for row in rows]


def get_case(session: Session, number: CaseNumber) -> StoredCase:
    row = session.execute(select(CaseRow).where(CaseRow.number == str(number))).scalar()
    if row is None:
        raise NotFound(f"no case {number}")
    return _load(session, [row])[0]


def find_cases(
    session: Session, *, status: CaseStatus | None = None, limit: int = 100, offset: int = 0
) -> list[StoredCase]:
    """Cases, newest first (filtered on their folded status when ``status`` is given)."""
    statement = select(CaseRow).order_by(CaseRow.opened_at.desc(), CaseRow.id.desc())
    if status is not None:
        closed = select(CaseEventRow.case_id).where(CaseEventRow.kind == "close")
        statement = statement.where(
            CaseRow.id.in_(closed) if status is CaseStatus.CLOSED else CaseRow.id.not_in(closed)
        )
    rows = list(session.execute(statement.limit(limit).offset(offset)).scalars())
    return _load(session, rows)


def cases_linking(session: Session, traveller_key: str) -> list[StoredCase]:
    """Every case that links this traveller (open or closed)."""
    ids = select(CaseEventRow.case_id).where(
        CaseEventRow.kind == "link", CaseEventRow.traveller_key == traveller_key
    )
    rows = list(session.execute(select(CaseRow).where(CaseRow.id.in_(ids)).order_by(CaseRow.id)).scalars())
    return _load(session, rows)
