"""``make demo`` leaves its alerts in the store, each logged, for the analyst's pages."""

from __future__ import annotations

from datetime import date

from tests.services.conftest import Fresh
from waystation.cases.events import AuditEventType
from waystation.services.audit import verify_audit
from waystation.services.demo import run_demo
from waystation.store import AlertFilter, audit_records, count_alerts, find_alerts


def test_the_demo_stores_one_alert_per_alerting_hit(fresh: Fresh) -> None:
    report = run_demo(
        fresh.workspace, folder=fresh.settings.home / "demo", day=date(2026, 4, 2), flights=3, planted=2
    )
    assert report.alerts, "the planted listed travellers should alert"
    with fresh.workspace.transaction() as session:
        assert count_alerts(session) == len(report.alerts)
        stored = find_alerts(session, AlertFilter(), limit=100)
        raised = audit_records(session, event_type=AuditEventType.ALERT_RAISED)
    assert sorted((a.alert.subject, a.alert.traveller_ref) for a in stored) == sorted(
        (a.hit.entry_id, a.traveller.ref) for a in report.alerts
    )
    assert {a.state.status.value for a in stored} == {"open"}
    assert sorted(r.payload["alert_id"] for r in raised) == sorted(a.alert.alert_id for a in stored)
    assert verify_audit(fresh.workspace).ok
