"""The pages' safeguards at the HTTP level: forms need the session's token, log-in redirects stay home."""

from __future__ import annotations

import re

import httpx

from tests.web.server import RunningServer
from waystation.cases.vocab import Role
from waystation.services.accounts import DEMO_PEOPLE
from waystation.services.alert_queue import QueueFilter, alert_queue
from waystation.services.alerts import alert_detail
from waystation.services.principal import Principal

PASSWORDS = {p.name: p.password for p in DEMO_PEOPLE}


def _client(server: RunningServer, name: str, next_path: str = "") -> tuple[httpx.Client, httpx.Response]:
    client = httpx.Client(base_url=server.url, follow_redirects=False, timeout=30)
    answer = client.post("/login", data={"name": name, "password": PASSWORDS[name], "next": next_path})
    return client, answer


def test_a_form_without_the_session_token_is_refused(server: RunningServer) -> None:
    analyst = Principal("analyst.demo", Role.ANALYST)
    target = alert_queue(server.workspace, analyst, QueueFilter(open_only=True)).alerts[-1]
    client, _ = _client(server, "analyst.demo")
    form = {"disposition": "true_match", "reason": "A reason long enough to be accepted."}
    refused = client.post(f"/alerts/{target.id}/decide", data={**form, "csrf": "forged"})
    assert refused.status_code == 403
    assert alert_detail(server.workspace, analyst, target.id).alert.state.disposition is None
    page = client.get(f"/alerts/{target.id}")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token is not None
    unchanged = client.post(f"/alerts/{target.id}/step", data={"action": "claim", "csrf": token.group(1)})
    assert unchanged.status_code == 303
    assert alert_detail(server.workspace, analyst, target.id).alert.state.assignee == "analyst.demo"


def test_log_in_only_follows_local_paths(server: RunningServer) -> None:
    _, local = _client(server, "analyst.demo", "/flights")
    assert local.headers["location"] == "/flights"
    for hostile in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        _, answer = _client(server, "analyst.demo", hostile)
        assert answer.headers["location"] == "/alerts"


def test_a_wrong_password_gets_no_session(server: RunningServer) -> None:
    client = httpx.Client(base_url=server.url, follow_redirects=False, timeout=30)
    answer = client.post("/login", data={"name": "analyst.demo", "password": "not-the-password"})
    assert answer.status_code == 401
    assert "waystation_session" not in answer.cookies
    assert client.get("/alerts").headers["location"] == "/login?next=/alerts"


def test_a_carrier_gets_no_session(server: RunningServer) -> None:
    answer = _client(server, "carrier.demo")[1]
    assert answer.status_code == 403
    assert "waystation_session" not in answer.cookies
    assert "cannot use the analyst pages" in answer.text
