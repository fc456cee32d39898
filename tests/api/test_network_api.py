"""A traveller's network over the API: one hop routinely, further only under an open case that
links the traveller, every query and export in the audit log, and exports carrying masked values."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx
import pytest

from tests.api.conftest import DAY, Served
from tests.api.helpers import post_message
from tests.api.test_reads_are_audited import _last_sequence, _records_after
from waystation.cases.vocab import Role
from waystation.synth import generate_day
from waystation.synth.render_edifact import render_paxlst, render_pnrgov


@pytest.fixture(scope="module")
def pair(served: Served) -> dict[str, Any]:
    """A planted listed traveller and their booking companion, received through the gateway
    (PNR push first, then the passenger list), with the listed traveller's alert."""
    day = generate_day(served.un, seed=202, day=DAY, flights=2, passengers_per_flight=(8, 12), planted=2)
    flight = next(f for f in day.flights if f.leg.designator == "KU0911")
    assert post_message(served, render_pnrgov(day, flight, served.reference())).is_success
    response = post_message(served, render_paxlst(flight, served.reference()))
    assert response.is_success, response.text
    message_id = response.json()["message_id"]
    alerts = served.get("/v1/alerts?limit=500", Role.ANALYST).json()["alerts"]
    listed = next(
        a
        for a in alerts
        if a["traveller_ref"] == "P000004"
        and served.get(f"/v1/alerts/{a['id']}", Role.ANALYST).json()["traveller"]["message_id"] == message_id
    )
    detail = served.get(f"/v1/alerts/{listed['id']}", Role.ANALYST).json()
    flight_id = detail["traveller"]["flight_id"]
    on_board = served.get(f"/v1/flights/{flight_id}/travellers", Role.ANALYST).json()
    mate = next(t for t in on_board if t["ref"] == "P000005" and t["message_id"] == message_id)
    return {"alert": listed, "listed": detail["traveller"], "mate": mate}


def test_one_hop_needs_no_case_and_explains_the_path(served: Served, pair: dict[str, Any]) -> None:
    mate = pair["mate"]
    start = _last_sequence(served)
    body = served.get(f"/v1/travellers/{mate['id']}/network", Role.ANALYST).json()
    assert body["hops"] == 1
    assert body["case_number"] is None
    assert body["person"]["label"] == mate["name"]
    (path,) = [p for p in body["paths"] if p["subject"]["label"] == pair["listed"]["name"]]
    assert path["hops"] == 1
    assert path["subject"]["status"] == "listed"
    assert path["subject"]["reference"] == pair["alert"]["subject"]
    assert [p["label"] for p in path["persons"]] == [mate["name"], pair["listed"]["name"]]
    kinds = {link["kind"] for link in path["steps"][0]["links"]}
    assert "co_travel" in kinds
    assert path["explanation"].endswith(f"is a listed subject ({pair['alert']['subject']}).")
    # Travelling together: the booking is one group, the traveller's own first.
    assert {mate["name"], pair["listed"]["name"]} <= {p["label"] for p in body["groups"][0]}
    # The journey: the passenger list's leg joined with the PNR's itinerary, under the booking.
    legs = [leg for journey in body["journeys"] for leg in journey["legs"]]
    assert any(leg["flight"] == "KU0911" and leg["bookings"] == ["YASALT"] for leg in legs)
    queries = _records_after(served, start, event_type="network_query")
    assert [(q["actor"], q["payload"]["depth"], q["payload"]["case_number"]) for q in queries] == [
        ("analyst-one", 1, None)
    ]
    reads = _records_after(served, start, event_type="traveller_read")
    assert len(reads) >= 2  # the traveller asked about, and each person the answer disclosed
    assert all(mate["name"] not in json.dumps(r["payload"]) for r in reads)


def test_two_hops_need_an_open_case_linking_the_traveller(served: Served, pair: dict[str, Any]) -> None:
    mate = pair["mate"]
    start = _last_sequence(served)
    refused = served.get(f"/v1/travellers/{mate['id']}/network?hops=2", Role.ANALYST)
    assert refused.status_code == 403
    assert "case" in refused.json()["message"]
    (attempt,) = _records_after(served, start, event_type="search")
    assert (attempt["actor"], attempt["payload"]["scope"]) == ("analyst-one", "network_refused")
    assert "2 hops, case none" in attempt["payload"]["query"]
    assert _records_after(served, start, event_type="network_query") == []
    case = served.post(
        "/v1/cases",
        {"alert_ids": [pair["alert"]["id"]], "title": "network", "purpose": "who travels with this person"},
        Role.ANALYST,
    ).json()
    number = case["number"]
    # The case links the listed traveller, not the companion yet: refused, saying why.
    unlinked = served.get(f"/v1/travellers/{mate['id']}/network?case={number}", Role.ANALYST)
    assert unlinked.status_code == 403
    assert "not linked" in unlinked.json()["message"]
    key = served.get(f"/v1/travellers/{mate['id']}", Role.ANALYST).json()["traveller_key"]
    linked = served.post(
        f"/v1/cases/{number}/links",
        {"traveller_key": key, "reason": "travels in the same booking as the listed person"},
        Role.ANALYST,
    )
    assert linked.is_success, linked.text
    start = _last_sequence(served)
    body = served.get(f"/v1/travellers/{mate['id']}/network?case={number}", Role.ANALYST).json()
    assert body["hops"] == 2  # the default with a case
    assert body["case_number"] == number
    assert any(p["subject"]["label"] == pair["listed"]["name"] for p in body["paths"])
    queries = _records_after(served, start, event_type="network_query")
    assert [(q["payload"]["depth"], q["payload"]["case_number"]) for q in queries] == [(2, number)]
    reads = _records_after(served, start, event_type="traveller_read")
    assert {r["payload"]["case_number"] for r in reads} == {number}
    assert (
        served.get(f"/v1/travellers/{mate['id']}/network?case={number}&hops=5", Role.ANALYST).status_code
        == 422
    )
    bad = served.get(f"/v1/travellers/{mate['id']}/network?case=WS-2026-000001-0&hops=2", Role.ANALYST)
    assert bad.status_code in (403, 422)
    assert served.post(
        f"/v1/cases/{number}/closure", {"reason": "no further need to look"}, Role.ANALYST
    ).is_success
    closed = served.get(f"/v1/travellers/{mate['id']}/network?case={number}", Role.ANALYST)
    assert closed.status_code == 403
    assert "closed" in closed.json()["message"]


def test_exports_are_files_with_masked_values_and_are_logged(served: Served, pair: dict[str, Any]) -> None:
    mate = pair["mate"]
    start = _last_sequence(served)
    graphml = served.get(f"/v1/travellers/{mate['id']}/network.graphml", Role.SUPERVISOR)
    assert graphml.status_code == 200
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    assert "attachment" in graphml.headers["content-disposition"]
    graph = nx.parse_graphml(graphml.text)
    labels = {data["label"] for _node, data in graph.nodes(data=True)}
    assert {mate["name"], pair["listed"]["name"]} <= labels
    for traveller in (mate, pair["listed"]):
        for document in traveller["documents"]:
            if document["number"]:
                assert document["number"] not in graphml.text
    cyjs = served.get(f"/v1/travellers/{mate['id']}/network.cyjs", Role.SUPERVISOR)
    assert cyjs.headers["content-type"].startswith("application/json")
    elements = cyjs.json()["elements"]
    assert {n["data"]["label"] for n in elements["nodes"]} == labels
    assert all(isinstance(e["data"]["links"], list) for e in elements["edges"])
    exports = _records_after(served, start, event_type="export")
    assert [(e["actor"], e["payload"]["count"]) for e in exports] == [
        ("supervisor-one", graph.number_of_nodes()),
        ("supervisor-one", len(elements["nodes"])),
    ]
    assert (
        served.get(f"/v1/travellers/{mate['id']}/network.graphml?hops=2", Role.SUPERVISOR).status_code == 403
    )


@pytest.mark.parametrize("role", [Role.CARRIER, Role.PARTNER, Role.AUDITOR, Role.ADMIN])
def test_carriers_partners_and_others_are_refused(served: Served, pair: dict[str, Any], role: Role) -> None:
    for suffix in ("network", "network.graphml", "network.cyjs"):
        response = served.get(f"/v1/travellers/{pair['mate']['id']}/{suffix}", role)
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"
