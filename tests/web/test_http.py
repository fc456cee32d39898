"""The pages' safeguards at the HTTP level: forms need the session's token, log-in redirects stay home."""

from __future__ import annotations

import re

import httpx

from tests.web.server import RunningServer
from waystation.cases.vocab import AlertKind, Disposition, Role
from waystation.services.accounts import DEMO_PEOPLE
from waystation.services.alert_queue import alert_queue
from waystation.services.alerts import alert_detail
from waystation.services.principal import Principal
from waystation.services.review import decide
from waystation.services.screening import clearances
from waystation.services.watchlists import list_entry
from waystation.store import AlertFilter

PASSWORDS = {p.name: p.password for p in DEMO_PEOPLE}


def _client(server: RunningServer, name: str, next_path: str = "") -> tuple[httpx.Client, httpx.Response]:
    client = httpx.Client(base_url=server.url, follow_redirects=False, timeout=30)
    answer = client.post("/login", data={"name": name, "password": PASSWORDS[name], "next": next_path})
    return client, answer


def test_a_form_without_the_session_token_is_refused(server: RunningServer) -> None:
    analyst = Principal("analyst.demo", Role.ANALYST)
    target = alert_queue(server.workspace, analyst, AlertFilter(open_only=True)).alerts[-1]
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


def _token(client: httpx.Client, path: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found is not None
    return found.group(1)


def test_a_confirmed_false_positive_is_cleared(server: RunningServer) -> None:
    analyst = Principal("analyst.demo", Role.ANALYST)
    target = alert_queue(
        server.workspace, analyst, AlertFilter(kind=AlertKind.WATCHLIST, open_only=True)
    ).alerts[-1]
    decide(
        server.workspace,
        analyst,
        target.id,
        Disposition.FALSE_POSITIVE,
        "Different date of birth and passport.",
    )
    before = len(clearances(server.workspace))
    client, _ = _client(server, "analyst.demo")
    page = client.get(f"/alerts/{target.id}")
    assert "Clear this traveller" in page.text
    answer = client.post(
        f"/alerts/{target.id}/clear",
        data={
            "csrf": _token(client, f"/alerts/{target.id}"),
            "reason": "Namesake confirmed by document check.",
            "days": "30",
        },
    )
    assert answer.status_code == 200
    assert "is cleared against this entry until" in answer.text
    now_in_force = clearances(server.workspace)
    assert len(now_in_force) == before + 1
    traveller = alert_detail(server.workspace, analyst, target.id).traveller
    assert traveller is not None
    alert = target.alert
    entry = list_entry(server.workspace, analyst, alert.source, alert.subject, version=alert.source_version)[
        1
    ]
    covering = now_in_force.covering(traveller.traveller, alert.source, entry)
    assert covering is not None
    assert (covering.decided_by, covering.reason) == ("analyst.demo", "Namesake confirmed by document check.")


def test_supervisors_add_national_entries_and_analysts_cannot(server: RunningServer) -> None:
    row = {
        "id": "NAT-0001",
        "names": "HADDAD, Karim|~Abu Karim",
        "birth_dates": "1988-02-14",
        "nationalities": "SYR",
        "documents": "P:N0012345:SYR",
    }
    analyst, _ = _client(server, "analyst.demo")
    token = _token(analyst, "/alerts")
    assert analyst.post("/national/edit", data={**row, "csrf": token}).status_code == 403
    assert analyst.get("/national/edit").status_code == 403
    supervisor, _ = _client(server, "supervisor.demo")
    saved = supervisor.post("/national/edit", data={**row, "csrf": _token(supervisor, "/national/edit")})
    assert saved.status_code == 303
    assert saved.headers["location"] == "/watchlists/national/entries/NAT-0001"
    entry = supervisor.get(saved.headers["location"]).text
    assert "HADDAD" in entry
    assert "N0012345" in entry
    listing = supervisor.get("/watchlists/national?q=haddad").text
    assert "NAT-0001" in listing
    bad = supervisor.post(
        "/national/edit", data={"id": "NAT-0002", "csrf": _token(supervisor, "/national/edit")}
    )
    assert bad.status_code == 400
    assert 'role="alert"' in bad.text
