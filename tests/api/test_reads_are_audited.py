"""Every read of traveller data leaves an audit record naming who read whom and why; the auditor
reads the log (and only the auditor), page by page, and can verify the chain."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Served
from tests.api.helpers import flight_with_listed, send_iapi
from waystation.cases.vocab import Role


def _records_after(served: Served, after: int, **filters: str) -> list[dict[str, Any]]:
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    page = served.get(f"/v1/audit?after={after}&limit=1000&{query}", Role.AUDITOR).json()
    records: list[dict[str, Any]] = page["records"]
    return records


def _last_sequence(served: Served) -> int:
    after, last = 0, 0
    while True:
        page = served.get(f"/v1/audit?after={after}&limit=1000", Role.AUDITOR).json()
        if page["records"]:
            last = page["records"][-1]["sequence"]
        if page["next_after"] is None:
            return last
        after = page["next_after"]


def test_reading_a_traveller_and_a_flight_list_is_logged_per_person(served: Served) -> None:
    flight, listed = flight_with_listed(served)
    chosen = [t for t in flight.travellers if t.ref in listed][:1]
    chosen += [t for t in flight.travellers if t not in chosen][:2]
    response, _ = send_iapi(served, flight.leg, chosen)
    message_id = int(response.headers["X-Message-Id"])
    start = _last_sequence(served)
    status = served.get(f"/v1/messages/{message_id}", Role.ANALYST).json()
    assert status["status"] == "parsed"
    alerts = served.get("/v1/alerts?limit=1", Role.ANALYST).json()["alerts"]
    traveller_id = served.get(f"/v1/alerts/{alerts[0]['id']}", Role.ANALYST).json()["traveller"]["id"]
    start = _last_sequence(served)
    detail = served.get(f"/v1/travellers/{traveller_id}", Role.ANALYST).json()
    reads = _records_after(served, start, event_type="traveller_read")
    assert [(r["actor"], r["role"], r["payload"]["traveller_key"]) for r in reads] == [
        ("analyst-one", "analyst", detail["traveller_key"])
    ]
    assert reads[0]["payload"]["purpose"] == f"traveller record {traveller_id}"
    assert "name" in reads[0]["payload"]["fields_read"]
    assert detail["name"] not in str(reads[0]["payload"])  # keys, not names, in the log
    start = _last_sequence(served)
    passengers = served.get(f"/v1/flights/{detail['flight_id']}/travellers", Role.SUPERVISOR).json()
    reads = _records_after(served, start, event_type="traveller_read")
    assert len(reads) == len(passengers)
    assert {r["actor"] for r in reads} == {"supervisor-one"}


def test_boarding_answers_and_raised_alerts_are_logged(served: Served) -> None:
    flight, _ = flight_with_listed(served, seed=101)
    start = _last_sequence(served)
    send_iapi(served, flight.leg, flight.travellers)
    (record,) = _records_after(served, start, event_type="boarding_answers")  # one per request
    assert record["actor"] == "carrier-one"
    assert record["payload"]["message_id"] > 0
    answers = record["payload"]["answers"]  # one entry per passenger, in the request's order
    assert len(answers) == len(flight.travellers)
    assert [entry[1] for entry in answers] == [t.ref for t in flight.travellers]
    refused = [entry for entry in answers if entry[3] != "0Z"]
    assert refused
    assert all(entry[4] == "open_alert" for entry in refused)
    assert all(len(entry) > 5 for entry in refused)  # the alert ids behind each refusal
    assert _records_after(served, start, event_type="boarding_answer") == []
    raised = _records_after(served, start, event_type="alert_raised")
    assert raised
    assert {r["actor"] for r in raised} == {"system"}


def test_the_auditor_verifies_the_chain(served: Served) -> None:
    result = served.get("/v1/audit/verification", Role.AUDITOR).json()
    assert result["ok"] is True
    assert result["problem"] is None
    assert result["checked"] == _last_sequence(served)


def test_listing_alerts_and_a_screening_run_is_logged_per_person(served: Served) -> None:
    flight, _ = flight_with_listed(served, seed=103)
    send_iapi(served, flight.leg, flight.travellers)
    start = _last_sequence(served)
    listed = served.get("/v1/alerts?limit=20", Role.ANALYST).json()["alerts"]
    assert listed
    keys = list(dict.fromkeys(a["traveller_key"] for a in listed))
    reads = _records_after(served, start, event_type="traveller_read")
    assert [r["payload"]["traveller_key"] for r in reads] == keys
    assert {(r["actor"], r["payload"]["purpose"]) for r in reads} == {("analyst-one", "alert list")}
    assert all(a["traveller_ref"] not in str(r["payload"]) for a, r in zip(listed, reads, strict=False))
    searches = _records_after(served, start, event_type="search")
    assert [(s["payload"]["scope"], s["payload"]["result_count"]) for s in searches] == [
        ("alerts", len(listed))
    ]

    traveller = served.get(f"/v1/alerts/{listed[0]['id']}", Role.ANALYST).json()["traveller"]
    run_id = served.get(f"/v1/travellers/{traveller['id']}", Role.ANALYST).json()["hits"][0]["run_id"]
    start = _last_sequence(served)
    hits = served.get(f"/v1/screening/runs/{run_id}", Role.SUPERVISOR).json()["hits"]
    reads = _records_after(served, start, event_type="traveller_read")
    assert len(reads) == len({h["traveller_id"] for h in hits}) > 0
    assert {r["actor"] for r in reads} == {"supervisor-one"}
    assert {r["payload"]["purpose"] for r in reads} == {f"hits of screening run {run_id}"}
    assert listed[0]["traveller_key"] in {r["payload"]["traveller_key"] for r in reads}
