"""The carrier gateway: bytes kept first, de-duplication, CUSRES answers per policy, clean errors."""

from __future__ import annotations

import dataclasses
import hashlib

from tests.api.conftest import Served
from tests.api.helpers import answers, flight_with_listed, post_message, send_iapi
from tests.conftest import SAMPLES
from waystation.cases import AuditEventType, event_from_payload
from waystation.cases.events import BoardingAnswersGiven
from waystation.cases.vocab import Role
from waystation.services.audit import verify_audit
from waystation.services.users import create_user
from waystation.store import audit_head, audit_records, find_by_sha256, message_bytes
from waystation.synth.render_edifact import render_paxlst
from waystation.synth.render_iapi import render_iapi


def _alerted_refs(served: Served, message_id: int) -> dict[str, list[dict[str, object]]]:
    """Alerts raised for a message, by traveller ref (read as a supervisor, through the API)."""
    found: dict[str, list[dict[str, object]]] = {}
    page = served.client.get("/v1/alerts?limit=500", headers=served.headers(Role.SUPERVISOR)).json()
    for alert in page["alerts"]:
        detail = served.client.get(
            f"/v1/alerts/{alert['id']}", headers=served.headers(Role.SUPERVISOR)
        ).json()
        if detail["traveller"] and detail["traveller"]["message_id"] == message_id:
            found.setdefault(alert["traveller_ref"], []).append(alert)
    return found


def test_iapi_request_is_answered_per_passenger_and_alerts_wait_for_review(served: Served) -> None:
    flight, listed = flight_with_listed(served, seed=201)
    response, data = send_iapi(served, flight.leg, flight.travellers)
    cusres = answers(response)
    message_id = int(response.headers["X-Message-Id"])
    assert cusres.document_code == "962"
    assert cusres.flights[0].flight == flight.leg.designator
    assert cusres.flights[0].origin == flight.leg.origin
    by_ref = cusres.by_passenger()
    assert set(by_ref) == {t.ref for t in flight.travellers}
    alerted = _alerted_refs(served, message_id)
    assert alerted, "a planted listed traveller should have alerted"
    assert set(alerted) & listed
    for traveller in flight.travellers:
        expected = "2Z" if traveller.ref in alerted else "0Z"  # default policy: open alert -> refer
        assert by_ref[traveller.ref].code == expected, traveller.ref
        assert by_ref[traveller.ref].booking_ref == traveller.references.get("AVF")
    text = response.content.decode()
    for alert in (a for alerts in alerted.values() for a in alerts):
        assert str(alert["subject"]) not in text
        assert str(alert["source"]) not in text
        assert f"{alert['score']:.2f}"[1:] not in text.replace("0Z", "").replace("2Z", "")
    with served.workspace.transaction() as session:
        assert message_bytes(session, message_id) == data


def test_a_retried_interchange_is_a_duplicate_answered_the_same(served: Served) -> None:
    flight, _ = flight_with_listed(served)
    reference = served.reference()
    first, data = send_iapi(served, flight.leg, flight.travellers[:4], reference=reference)
    again = post_message(served, data)
    assert [p.code for p in answers(again).passengers] == [p.code for p in answers(first).passengers]
    status = served.client.get(
        f"/v1/messages/{again.headers['X-Message-Id']}", headers=served.headers(Role.CARRIER)
    ).json()
    assert status["status"] == "duplicate"
    assert status["duplicate_of"] == int(first.headers["X-Message-Id"])


def test_batch_paxlst_gets_a_json_acknowledgement_without_screening_results(served: Served) -> None:
    flight = served.day.flights[-1]
    response = post_message(served, render_paxlst(flight, served.reference()))
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "message_id": int(response.headers["X-Message-Id"]),
        "status": "parsed",
        "travellers": len(flight.travellers),
        "duplicate_of": None,
    }


def test_the_real_sirena_request_gets_the_real_answer_shape(served: Served) -> None:
    data = (
        (SAMPLES / "paxlst-astra-1.edi").read_bytes().replace(b"ASTRA001010001", served.reference().encode())
    )
    cusres = answers(post_message(served, data))
    assert cusres.transaction_ref == "0000100"
    assert [(p.passenger_ref, p.booking_ref, p.code) for p in cusres.passengers] == [
        ("33280101", "MWZRDQ", "0Z"),
        ("33280102", "MWZRCY", "0Z"),
    ]
    assert cusres.flights[0].flight == "CA339"
    assert (cusres.flights[0].origin, cusres.flights[0].destination) == ("ICN", "CAN")
    assert cusres.sender == "NIAC"
    assert cusres.recipient == "CA"


def test_unreadable_message_is_kept_and_the_error_names_where(served: Served) -> None:
    data = b"UNB+UNOA:4+XX+YY+260314:0800+" + served.reference().encode() + b"'UNH+1'BGM+745'UNT+3+1'"
    response = post_message(served, data)
    assert response.status_code == 422
    body = response.json()
    assert body["ok"] is False
    assert body["status"] == 422
    assert body["code"] == "unknown_format"
    assert body["location"]["segment"] == 2
    assert body["location"]["tag"] == "UNH"
    assert "not passenger data" in body["message"]
    assert body["message_id"] == int(response.headers["X-Message-Id"])
    with served.workspace.transaction() as session:
        assert message_bytes(session, body["message_id"]) == data
    status = served.client.get(f"/v1/messages/{body['message_id']}", headers=served.headers(Role.CARRIER))
    assert status.json()["status"] == "rejected"
    assert status.json()["issues"] == [
        f"error: gateway/carrier-one, segment 2 (UNH): {body['message']} [unknown_format]"
    ]


def test_garbage_is_kept_and_refused(served: Served) -> None:
    data = b"\xff\xfe garbage that is no message at all"
    response = post_message(served, data)
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_format"
    with served.workspace.transaction() as session:
        assert message_bytes(session, response.json()["message_id"]) == data


def test_only_carriers_submit_and_a_carrier_sees_only_its_own_messages(served: Served) -> None:
    flight, _ = flight_with_listed(served)
    response, data = send_iapi(served, flight.leg, flight.travellers[:1])
    refused = post_message(served, data, Role.ANALYST)
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    with served.workspace.transaction() as session:
        assert len(find_by_sha256(session, hashlib.sha256(data).hexdigest())) == 1
    other = create_user(served.workspace, f"carrier-{served.reference().lower()}", Role.CARRIER).token
    message_id = response.headers["X-Message-Id"]
    mine = served.client.get(f"/v1/messages/{message_id}", headers=served.headers(Role.CARRIER))
    assert mine.status_code == 200
    assert mine.json()["status"] == "parsed"
    theirs = served.client.get(f"/v1/messages/{message_id}", headers={"Authorization": f"Bearer {other}"})
    assert theirs.status_code == 404
    assert (
        served.client.get(f"/v1/messages/{message_id}", headers=served.headers(Role.ANALYST)).status_code
        == 200
    )


def test_the_answers_to_a_request_are_one_audit_record_matching_what_the_carrier_got(
    served: Served,
) -> None:
    flight, _ = flight_with_listed(served, seed=202)
    with served.workspace.transaction() as session:
        start = audit_head(session).sequence
    reference = served.reference()
    response, data = send_iapi(served, flight.leg, flight.travellers, reference=reference)
    again = post_message(served, data)  # the carrier retries: a duplicate, answered and logged again
    with served.workspace.transaction() as session:
        records = audit_records(session, after=start, event_type=AuditEventType.BOARDING_ANSWERS)
    assert [r.payload["message_id"] for r in records] == [
        int(response.headers["X-Message-Id"]),
        int(again.headers["X-Message-Id"]),
    ]
    for record, answered in zip(records, (response, again), strict=True):
        assert record.actor == "carrier-one"
        event = event_from_payload(record.event_type, dict(record.payload))
        assert isinstance(event, BoardingAnswersGiven)
        passengers = event.passengers()
        assert [p.traveller_ref for p in passengers] == [t.ref for t in flight.travellers]
        codes = {ref: p.code for ref, p in answers(answered).by_passenger().items()}
        assert {p.traveller_ref: p.answer.value for p in passengers} == codes
        assert all(p.alert_ids for p in passengers if p.answer.value != "0Z")
    assert verify_audit(served.workspace).ok


def test_a_revoked_carrier_token_is_refused_on_the_next_request(served: Served) -> None:
    """Token look-ups are remembered for seconds (services/token_cache.py); a revocation through
    the API still shuts the gateway to the token at once."""
    issued = create_user(served.workspace, f"dcs-revoked-{served.reference()}", Role.CARRIER)
    flight, _ = flight_with_listed(served)
    headers = {"Authorization": f"Bearer {issued.token}", "Content-Type": "application/edifact"}
    data = render_iapi(flight.leg, flight.travellers[:1], reference=served.reference(), transaction="T1")
    assert served.client.post("/v1/messages", content=data, headers=headers).status_code == 200
    assert served.client.post("/v1/messages", content=data, headers=headers).status_code == 200  # cached
    revoked = served.client.delete(f"/v1/tokens/{issued.stored.id}", headers=served.headers(Role.ADMIN))
    assert revoked.status_code == 200, revoked.text
    again = render_iapi(flight.leg, flight.travellers[:1], reference=served.reference(), transaction="T2")
    refused = served.client.post("/v1/messages", content=again, headers=headers)
    assert refused.status_code == 401
    assert refused.json()["code"] == "unauthenticated"


def test_each_passenger_gets_their_own_answer_and_basis_in_one_request(served: Served) -> None:
    """Alerted, unalerted and undocumented passengers side by side: passengers without alerts
    share one decision per request (services/gateway.py), which must not leak across them."""
    flight, listed = flight_with_listed(served, seed=203)
    unlisted = [t.ref for t in flight.travellers if t.ref not in listed]
    undocumented = {unlisted[1], unlisted[-1]}  # after an unalerted passenger with documents
    travellers = [
        dataclasses.replace(t, documents=()) if t.ref in undocumented else t for t in flight.travellers
    ]
    with served.workspace.transaction() as session:
        start = audit_head(session).sequence
    response, _ = send_iapi(served, flight.leg, travellers)
    codes = {ref: p.code for ref, p in answers(response).by_passenger().items()}
    alerted = set(_alerted_refs(served, int(response.headers["X-Message-Id"])))
    assert undocumented
    assert alerted
    assert set(codes) - alerted - undocumented  # and some with neither
    expected = {
        t.ref: "4Z" if t.ref in undocumented else "2Z" if t.ref in alerted else "0Z" for t in travellers
    }
    assert codes == expected
    with served.workspace.transaction() as session:
        (record,) = audit_records(session, after=start, event_type=AuditEventType.BOARDING_ANSWERS)
    event = event_from_payload(record.event_type, dict(record.payload))
    assert isinstance(event, BoardingAnswersGiven)
    basis = {p.traveller_ref: (p.answer.value, p.basis, bool(p.alert_ids)) for p in event.passengers()}
    for ref, code in expected.items():
        kind = {"4Z": "insufficient_data", "2Z": "open_alert", "0Z": "no_alerts"}[code]
        assert basis[ref] == (code, kind, code == "2Z"), ref
