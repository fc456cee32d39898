"""``make demo`` leaves its alerts in the store, each logged, for the analyst's pages."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.services.conftest import Fresh
from waystation.cases.events import AuditEventType
from waystation.cases.vocab import AlertKind
from waystation.services.alerts import record_alerts
from waystation.services.audit import verify_audit
from waystation.services.demo import run_demo
from waystation.store import (
    AlertFilter,
    NewAlert,
    alerts_of_travellers,
    audit_records,
    count_alerts,
    find_alerts,
)


def test_the_demo_stores_one_alert_per_alerting_hit(fresh: Fresh) -> None:
    report = run_demo(
        fresh.workspace, folder=fresh.settings.home / "demo", day=date(2026, 4, 2), flights=3, planted=2
    )
    assert report.alerts, "the planted listed travellers should alert"
    with fresh.workspace.transaction() as session:
        watchlist = AlertFilter(kind=AlertKind.WATCHLIST)
        assert count_alerts(session, watchlist) == len(report.alerts)
        stored = find_alerts(session, watchlist, limit=100)
        raised = [
            r
            for r in audit_records(session, event_type=AuditEventType.ALERT_RAISED)
            if r.payload["kind"] == "watchlist"
        ]
    assert sorted((a.alert.subject, a.alert.traveller_ref) for a in stored) == sorted(
        (a.hit.entry_id, a.traveller.ref) for a in report.alerts
    )
    assert {a.state.status.value for a in stored} == {"open"}
    assert sorted(r.payload["alert_id"] for r in raised) == sorted(a.alert.alert_id for a in stored)
    assert verify_audit(fresh.workspace).ok
    keys = tuple(sorted({a.alert.traveller_key for a in stored}))
    with fresh.workspace.transaction() as session:  # the gateway's prebuilt look-up, same answer
        padded = keys + tuple(f"tk-nobody-{n}" for n in range(299))  # past a power of two of keys
        for some in (keys, keys[:1], ("nobody",), padded, padded[:5]):
            expected = find_alerts(session, AlertFilter(traveller_keys=some), limit=100)
            assert alerts_of_travellers(session, some, limit=100) == expected
        assert alerts_of_travellers(session, keys, limit=1) == find_alerts(
            session, AlertFilter(traveller_keys=keys), limit=1
        )
        assert alerts_of_travellers(session, (), limit=100) == []


def test_rule_and_network_alerts_are_recorded_and_logged(fresh: Fresh) -> None:
    now = datetime(2026, 4, 2, 9, 30, tzinfo=UTC)
    common = {"flight": "TK0412", "flight_date": date(2026, 4, 2), "created_at": now}
    rows = [
        NewAlert(
            kind=AlertKind.RULE,
            traveller_key="tk-000000000000000000000042",
            traveller_ref="P7",
            source="R-12",
            source_version="3",
            subject="R-12",
            score=1.0,
            algorithm="rules",
            algorithm_version="1",
            explanation=("one-way ticket bought in cash",),
            **common,
        ),
        NewAlert(
            kind=AlertKind.NETWORK,
            traveller_key="tk-000000000000000000000043",
            traveller_ref="P8",
            source="booking",
            source_version=None,
            subject="P8 -booking-> P7",
            score=0.5,
            algorithm="network",
            algorithm_version="1",
            explanation=("same booking as P7",),
            **common,
        ),
    ]
    stored = record_alerts(fresh.workspace, rows)
    assert [(a.alert.kind, a.alert.source, a.state.status.value) for a in stored] == [
        (AlertKind.RULE, "R-12", "open"),
        (AlertKind.NETWORK, "booking", "open"),
    ]
    with fresh.workspace.transaction() as session:
        raised = audit_records(session, event_type=AuditEventType.ALERT_RAISED)
    assert [(r.payload["kind"], r.payload["subject"], r.payload["score"]) for r in raised] == [
        ("rule", "R-12", "1.0000"),
        ("network", "P8 -booking-> P7", "0.5000"),
    ]
