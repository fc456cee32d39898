"""The services' and the API's public surfaces are pinned: changing one is a decision."""

from __future__ import annotations

import waystation.api
import waystation.services.alerts
import waystation.services.audit
import waystation.services.gateway
import waystation.services.review
import waystation.services.users


def test_api_exports() -> None:
    assert waystation.api.__all__ == ["create_app"]


def test_service_exports() -> None:
    assert sorted(waystation.services.gateway.__all__) == [
        "GATEWAY_ID",
        "PassengerDecision",
        "Submission",
        "answer_for",
        "insufficient",
        "message_status",
        "process_received",
        "submit",
    ]
    assert sorted(waystation.services.review.__all__) == [
        "CLEARANCE_DAYS",
        "ClearanceResult",
        "clear_alerted_traveller",
        "decide",
        "take_step",
    ]
    assert sorted(waystation.services.audit.__all__) == [
        "Audit",
        "AuditPage",
        "audit_page",
        "audited",
        "read_head",
        "verify_audit",
        "write_head",
    ]
    assert set(waystation.services.alerts.__all__) == {
        "READ_FIELDS",
        "AlertDetail",
        "AlertPage",
        "alert_detail",
        "legs_by_ref",
        "list_alerts",
        "log_listed",
        "raise_watchlist_alerts",
        "record_alerts",
    }
    assert "authenticate_password" in waystation.services.users.__all__
    assert "authenticate_token" in waystation.services.users.__all__
