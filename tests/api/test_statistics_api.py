"""Statistics: travellers processed, hits, confirmed, per list — counted from the current human
dispositions, readable by analysts, supervisors and auditors (no traveller data in them)."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Served
from tests.api.helpers import flight_with_listed, send_iapi
from waystation.cases.vocab import Role

REASON = "passport number and birth date agree with the entry"


def _un(stats: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in stats["sources"] if s["source"] == "un-consolidated")
    return found


def test_statistics_follow_screening_and_decisions(served: Served) -> None:
    before = served.get("/v1/statistics", Role.AUDITOR).json()
    flight, _ = flight_with_listed(served, seed=501)
    response, _ = send_iapi(served, flight.leg, flight.travellers)
    message_id = int(response.headers["X-Message-Id"])
    new = [
        a
        for a in served.get("/v1/alerts?status=open&limit=500").json()["alerts"]
        if served.get(f"/v1/alerts/{a['id']}").json()["traveller"]["message_id"] == message_id
    ]
    assert len(new) >= 1
    served.post(
        f"/v1/alerts/{new[0]['id']}/decision", {"disposition": "true_match", "reason": REASON}, Role.ANALYST
    )
    after = served.get("/v1/statistics", Role.AUDITOR).json()
    assert after["travellers_processed"] == before["travellers_processed"] + len(flight.travellers)
    assert after["hits"] == before["hits"] + len(new)
    assert _un(after)["hits"] == _un(before)["hits"] + len(new)
    assert _un(after)["true_match"] == _un(before)["true_match"] + 1
    assert _un(after)["undecided"] == _un(before)["undecided"] + len(new) - 1
    decided = _un(after)["true_match"] + _un(after)["false_positive"]
    assert _un(after)["precision"] == _un(after)["true_match"] / decided
    assert after["travellers_confirmed"] >= 1
    assert served.get("/v1/statistics", Role.CARRIER).status_code == 403


def test_statistics_of_a_period_in_the_future_are_empty(served: Served) -> None:
    stats = served.get("/v1/statistics?since=2099-01-01T00:00:00Z", Role.SUPERVISOR).json()
    assert stats == {
        "travellers_processed": 0,
        "travellers_alerted": 0,
        "travellers_confirmed": 0,
        "hits": 0,
        "sources": [],
    }
    naive = served.get("/v1/statistics?since=2099-01-01T00:00:00", Role.SUPERVISOR)
    assert naive.status_code == 422
    assert naive.json()["location"]["field"] == "since"
