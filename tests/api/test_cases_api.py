"""Cases through the API: opened from alerts with a checked number, appended notes and links,
closed with a reason, and nothing more once closed."""

from __future__ import annotations

import re

from tests.api.conftest import Served
from tests.api.helpers import flight_with_listed, send_iapi
from waystation.cases.vocab import Role


def _alert_id(served: Served) -> int:
    flight, listed = flight_with_listed(served, seed=401)
    send_iapi(served, flight.leg, [t for t in flight.travellers if t.ref in listed])
    alert_id: int = served.get("/v1/alerts?status=open&limit=1", Role.ANALYST).json()["alerts"][0]["id"]
    return alert_id


def test_a_case_from_open_to_closed(served: Served) -> None:
    alert_id = _alert_id(served)
    purpose = "establish whether the traveller is the listed person"
    opened = served.post(
        "/v1/cases", {"alert_ids": [alert_id], "title": "  IST transit ", "purpose": purpose}, Role.ANALYST
    )
    assert opened.status_code == 201, opened.text
    case = opened.json()
    assert re.fullmatch(r"WS-\d{4}-\d{6}-\d", case["number"])
    assert (case["title"], case["status"], case["opened_by"]) == ("IST transit", "open", "analyst-one")
    assert case["alert_ids"] == [str(alert_id)]
    assert [link["reason"] for link in case["links"]] == [f"subject of alert {alert_id}"]
    path = f"/v1/cases/{case['number']}"
    note = "asked the liaison officer for the passport copy"
    noted = served.post(f"{path}/notes", {"text": note}, Role.ANALYST)
    assert [n["text"] for n in noted.json()["notes"]] == [note]
    key = "tk-0123456789abcdef01234567"
    linked = served.post(f"{path}/links", {"traveller_key": key, "reason": "same booking and same phone"})
    assert [link["traveller_key"] for link in linked.json()["links"]][-1] == key
    reason = "the traveller is a namesake, passport checked"
    closed = served.post(f"{path}/closure", {"reason": reason}, Role.ANALYST)
    assert closed.json()["status"] == "closed"
    assert closed.json()["close_reason"] == reason
    late = served.post(f"{path}/notes", {"text": "one more"}, Role.ANALYST)
    assert late.status_code == 409
    assert served.get(path, Role.ANALYST).json()["notes"][0]["author"] == "analyst-one"
    assert case["number"] in {c["number"] for c in served.get("/v1/cases?status=closed", Role.ANALYST).json()}


def test_a_mistyped_case_number_is_refused(served: Served) -> None:
    response = served.get("/v1/cases/WS-2026-000001-0", Role.ANALYST)
    if response.status_code != 404:  # 0 may be the right check digit for that sequence
        assert response.status_code == 422
        assert response.json()["location"]["field"] == "case_number"
    assert served.get("/v1/cases/not-a-case", Role.ANALYST).status_code == 422
