"""One filter over alerts serves the API listing (``find_alerts``) and the analyst queue (``queue_rows``).

The queue page used to have its own filter; these pin that both queries select the same alerts
for the same criteria, and what ``open_only`` means next to an explicit status.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from tests.store.conftest import Database
from waystation.cases.vocab import AlertKind, AlertStatus
from waystation.store import AlertFilter, NewAlert, add_alerts, count_alerts, find_alerts
from waystation.store.board import queue_rows
from waystation.store.schema import AlertRow

AT = datetime(2026, 5, 2, 7, 0, tzinfo=UTC)


def _alert(ref: str, kind: AlertKind, source: str, minutes: int) -> NewAlert:
    return NewAlert(
        kind=kind,
        traveller_key=f"key-{ref}",
        traveller_ref=ref,
        flight="XY123",
        flight_date=AT.date(),
        source=source,
        source_version="2026-05",
        subject="QDi.420",
        score=0.9,
        algorithm="test",
        algorithm_version="1",
        explanation=("a reason",),
        created_at=AT + timedelta(minutes=minutes),
    )


@pytest.fixture
def ids(db: Database) -> dict[str, int]:
    """Four alerts: open / in review / escalated / decided, two watchlist and two rule alerts."""
    statuses = {
        "P1": AlertStatus.OPEN,
        "P2": AlertStatus.IN_REVIEW,
        "P3": AlertStatus.ESCALATED,
        "P4": AlertStatus.DECIDED,
    }
    with db.sessions.begin() as session:
        stored = add_alerts(
            session,
            [
                _alert("P1", AlertKind.WATCHLIST, "un", 1),
                _alert("P2", AlertKind.WATCHLIST, "un", 2),
                _alert("P3", AlertKind.RULE, "route-risk", 3),
                _alert("P4", AlertKind.RULE, "route-risk", 4),
            ],
        )
        found = {s.alert.traveller_ref: s.id for s in stored}
        for ref, status in statuses.items():
            session.execute(update(AlertRow).where(AlertRow.id == found[ref]).values(status=status.value))
    return found


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (AlertFilter(), {"P1", "P2", "P3", "P4"}),
        (AlertFilter(open_only=True), {"P1", "P2", "P3"}),
        (AlertFilter(status=AlertStatus.DECIDED, open_only=True), {"P4"}),
        (AlertFilter(status=AlertStatus.ESCALATED), {"P3"}),
        (AlertFilter(kind=AlertKind.RULE, open_only=True), {"P3"}),
        (AlertFilter(source="un"), {"P1", "P2"}),
    ],
)
def test_the_queue_and_the_listing_select_the_same_alerts(
    db: Database, ids: dict[str, int], where: AlertFilter, expected: set[str]
) -> None:
    refs = {ident: ref for ref, ident in ids.items()}
    with db.sessions() as session:
        listed = {a.alert.traveller_ref for a in find_alerts(session, where)}
        queued = {refs[row.alert_id] for row in queue_rows(session, where)}
        counted = count_alerts(session, where)
    assert listed == expected
    assert queued == expected
    assert counted == len(expected)
