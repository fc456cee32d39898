"""Review through the API: decisions need reasons, overrides need a second person, a clearance
stops the same person and document alerting again, and the carrier's answer follows the policy."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Served
from tests.api.helpers import answers, flight_with_listed, send_iapi
from waystation.cases.vocab import Role
from waystation.model import Traveller
from waystation.synth import FlightManifest

REASON = "born in another year and holds a passport of another country"


def _fresh_alert(served: Served, seed: int) -> tuple[dict[str, Any], Traveller, FlightManifest]:
    """Send one listed traveller of a new synthetic day by iAPI; the alert it raised, the traveller
    and the flight."""
    flight, listed = flight_with_listed(served, seed)
    for traveller in (t for t in flight.travellers if t.ref in listed):
        response, _ = send_iapi(served, flight.leg, [traveller])
        message_id = int(response.headers["X-Message-Id"])
        for alert in served.get("/v1/alerts?status=open&limit=500").json()["alerts"]:
            detail = served.get(f"/v1/alerts/{alert['id']}").json()
            if detail["traveller"]["message_id"] == message_id:
                return detail, traveller, flight
    raise AssertionError("no planted traveller alerted")


def test_a_decision_without_a_real_reason_is_refused_naming_the_field(served: Served) -> None:
    alert, _, _ = _fresh_alert(served, 301)
    for reason in ("", "fp", "not the same person"):
        response = served.post(
            f"/v1/alerts/{alert['id']}/decision",
            {"disposition": "false_positive", "reason": reason},
            Role.ANALYST,
        )
        assert response.status_code == 422
        assert response.json()["location"]["field"] == "reason"
    assert served.get(f"/v1/alerts/{alert['id']}").json()["status"] == "open"


def test_claim_decide_and_override_are_appended_with_who_and_why(served: Served) -> None:
    alert, _, _ = _fresh_alert(served, 302)
    path = f"/v1/alerts/{alert['id']}"
    assert served.get(path, Role.ANALYST).json()["allowed_actions"] == ["claim", "decide", "escalate"]
    claimed = served.post(f"{path}/steps", {"action": "claim"}, Role.ANALYST).json()
    assert claimed["status"] == "in_review"
    assert claimed["assignee"] == "analyst-one"
    decided = served.post(
        f"{path}/decision",
        {"disposition": "true_match", "reason": "passport number agrees with the entry"},
        Role.ANALYST,
    )
    assert decided.json()["disposition"] == "true_match"
    again = served.post(f"{path}/decision", {"disposition": "false_positive", "reason": REASON}, Role.ANALYST)
    assert again.status_code == 409
    own = served.post(
        f"{path}/decision",
        {"disposition": "false_positive", "reason": REASON, "override": True},
        Role.ANALYST,
    )
    assert own.status_code == 403
    overridden = served.post(
        f"{path}/decision",
        {"disposition": "false_positive", "reason": REASON, "override": True},
        Role.SUPERVISOR,
    )
    assert overridden.json()["disposition"] == "false_positive"
    history = served.get(path).json()["history"]
    assert [(h["action"], h["actor"], h["disposition"]) for h in history] == [
        ("claim", "analyst-one", None),
        ("decide", "analyst-one", "true_match"),
        ("override", "supervisor-one", "false_positive"),
    ]
    assert history[2]["reason"] == REASON


def test_escalating_needs_a_reason(served: Served) -> None:
    alert, _, _ = _fresh_alert(served, 303)
    response = served.post(f"/v1/alerts/{alert['id']}/steps", {"action": "escalate"}, Role.ANALYST)
    assert response.status_code == 422
    assert response.json()["location"]["field"] == "reason"


def test_a_cleared_traveller_does_not_alert_again_on_the_same_document(served: Served) -> None:
    alert, traveller, flight = _fresh_alert(served, 304)
    path = f"/v1/alerts/{alert['id']}"
    early = served.post(f"{path}/clearance", {"reason": REASON}, Role.ANALYST)
    assert early.status_code == 409  # not decided false positive yet
    served.post(f"{path}/decision", {"disposition": "false_positive", "reason": REASON}, Role.ANALYST)
    cleared = served.post(f"{path}/clearance", {"reason": REASON, "days": 30}, Role.ANALYST)
    assert cleared.status_code == 201
    assert (cleared.json()["subject"], cleared.json()["cleared_by"]) == (alert["subject"], "analyst-one")
    for other in served.get(path).json()["related"]:  # the same person's alerts from other tests
        if other["status"] != "decided":
            served.post(
                f"/v1/alerts/{other['id']}/decision", {"disposition": "false_positive", "reason": REASON}
            )
    response, _ = send_iapi(served, flight.leg, [traveller])
    assert answers(response).passengers[0].code == "0Z"
    message_id = int(response.headers["X-Message-Id"])
    run_alerts = [
        a
        for a in served.get("/v1/alerts?limit=500").json()["alerts"]
        if a["subject"] == alert["subject"]
        and served.get(f"/v1/alerts/{a['id']}").json()["traveller"]["message_id"] == message_id
    ]
    assert run_alerts == []


def test_auto_no_board_only_where_a_supervisor_configured_it(served: Served) -> None:
    alert, traveller, flight = _fresh_alert(served, 305)
    policy = {"on_true_match": "deny", "auto_deny": [{"list_name": alert["source"], "threshold": 0.5}]}
    assert (
        served.client.put("/v1/policy", json=policy, headers=served.headers(Role.ANALYST)).status_code == 403
    )
    configured = served.client.put("/v1/policy", json=policy, headers=served.headers(Role.SUPERVISOR))
    assert configured.status_code == 200
    try:
        response, _ = send_iapi(served, flight.leg, [traveller])
        assert answers(response).passengers[0].code == "1Z"
    finally:
        served.client.put("/v1/policy", json={}, headers=served.headers(Role.SUPERVISOR))
    response, _ = send_iapi(served, flight.leg, [traveller])
    assert answers(response).passengers[0].code == "2Z"


def test_a_refused_policy_lists_every_problem(served: Served) -> None:
    bad = {
        "on_open_alert": "1Z",
        "on_inconclusive": "4Z",
        "auto_deny": [{"list_name": "un", "threshold": 0.9}],
    }
    response = served.client.put("/v1/policy", json=bad, headers=served.headers(Role.SUPERVISOR))
    assert response.status_code == 422
    assert response.json()["problems"] == [
        "on_open_alert must be board or refer, not no_board",
        "on_inconclusive must be board or refer, not insufficient_data",
        "auto no-board is configured but a human-confirmed match only refers: "
        "confirming a hit would soften the answer",
    ]
