"""Every endpoint called as every role (and with no token): allowed roles get past authorization,
the others get 403 in the one error shape, and nobody gets in without a token.

The table is written out by hand from ARCHITECTURE.md's "who sees what" (not derived from the
code it checks); a route missing from it fails the completeness test, so a new endpoint cannot
ship without a decision about who may call it.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from tests.api.conftest import Served
from tests.api.helpers import flight_with_listed, send_iapi
from waystation.cases.retention import MaskedField
from waystation.cases.vocab import Role
from waystation.services.cases import open_new_case
from waystation.services.principal import Principal
from waystation.services.sharing import ShareKind, new_partner, share
from waystation.services.unmasking import request_unmask
from waystation.services.users import create_user
from waystation.services.watchlists import put_national_entry
from waystation.sharing import Partner

C, A, S, P, U, M = Role.CARRIER, Role.ANALYST, Role.SUPERVISOR, Role.PARTNER, Role.AUDITOR, Role.ADMIN
EVERYONE = frozenset(Role)
READERS = frozenset({A, S})

MATRIX: dict[tuple[str, str], frozenset[Role]] = {
    ("GET", "/v1/health"): EVERYONE,
    ("GET", "/v1/me"): EVERYONE,
    ("POST", "/v1/messages"): frozenset({C}),
    ("GET", "/v1/messages/{message_id}"): frozenset({C, A, S}),
    ("GET", "/v1/flights"): READERS,
    ("GET", "/v1/flights/{flight_id}"): READERS,
    ("GET", "/v1/flights/{flight_id}/travellers"): READERS,
    ("GET", "/v1/travellers/{traveller_id}"): READERS,
    ("GET", "/v1/travellers/{traveller_id}/network"): READERS,
    ("GET", "/v1/travellers/{traveller_id}/network.graphml"): READERS,
    ("GET", "/v1/travellers/{traveller_id}/network.cyjs"): READERS,
    ("GET", "/v1/screening/runs/{run_id}"): READERS,
    ("GET", "/v1/alerts"): READERS,
    ("GET", "/v1/alerts/{alert_id}"): READERS,
    ("POST", "/v1/alerts/{alert_id}/steps"): READERS,
    ("POST", "/v1/alerts/{alert_id}/decision"): READERS,
    ("POST", "/v1/alerts/{alert_id}/clearance"): READERS,
    ("GET", "/v1/cases"): READERS,
    ("POST", "/v1/cases"): READERS,
    ("GET", "/v1/cases/{number}"): READERS,
    ("POST", "/v1/cases/{number}/notes"): READERS,
    ("POST", "/v1/cases/{number}/links"): READERS,
    ("POST", "/v1/cases/{number}/closure"): READERS,
    ("GET", "/v1/unmask-requests"): frozenset({A, S, U}),
    ("POST", "/v1/unmask-requests"): READERS,
    ("POST", "/v1/unmask-requests/{request_id}/decision"): frozenset({S}),
    ("GET", "/v1/unmask-requests/{request_id}/data"): READERS,
    ("GET", "/v1/partners"): frozenset({S, M}),
    ("POST", "/v1/partners"): frozenset({M}),
    ("GET", "/v1/shares"): frozenset({S, P}),
    ("POST", "/v1/shares"): frozenset({S}),
    ("POST", "/v1/shares/{share_id}/reshare"): frozenset({P}),
    ("GET", "/v1/watchlists"): READERS,
    ("POST", "/v1/watchlists"): frozenset({S}),
    ("GET", "/v1/watchlists/{name}/versions"): READERS,
    ("GET", "/v1/watchlists/{name}/entries"): READERS,
    ("GET", "/v1/watchlists/{name}/entries/{entry_id}"): READERS,
    ("GET", "/v1/watchlists/{name}/diff"): READERS,
    ("PUT", "/v1/national-entries/{entry_id}"): frozenset({S}),
    ("DELETE", "/v1/national-entries/{entry_id}"): frozenset({S}),
    ("GET", "/v1/policy"): frozenset({S}),
    ("PUT", "/v1/policy"): frozenset({S}),
    ("GET", "/v1/policy/versions"): frozenset({S}),
    ("GET", "/v1/statistics"): frozenset({A, S, U}),
    ("GET", "/v1/audit"): frozenset({U}),
    ("GET", "/v1/audit/verification"): frozenset({U}),
    ("GET", "/v1/users"): frozenset({M}),
    ("POST", "/v1/users"): frozenset({M}),
    ("GET", "/v1/users/{name}/tokens"): frozenset({M}),
    ("POST", "/v1/users/{name}/tokens"): frozenset({M}),
    ("DELETE", "/v1/tokens/{token_id}"): frozenset({M}),
}
PUBLIC = {("GET", "/v1/health")}

NATIONAL_CSV = b'id,names,birth_dates,nationalities\nNAT-1,"DOE, John",1980-01-02,IRQ\n'


def _routes(served: Served) -> set[tuple[str, str]]:
    """Every operation the OpenAPI document publishes (what a client can call)."""
    paths = served.app.openapi()["paths"]
    return {(method.upper(), path) for path, operations in paths.items() for method in operations}


def test_the_matrix_covers_every_route(served: Served) -> None:
    assert _routes(served) == set(MATRIX)


@pytest.fixture(scope="module")
def world(served: Served) -> dict[str, Any]:
    """Ids for every path parameter: a message, flight, traveller, run, alert, case, list, token."""
    flight, _ = flight_with_listed(served)
    response, _ = send_iapi(served, flight.leg, flight.travellers)
    message_id = int(response.headers["X-Message-Id"])
    alert = next(
        a
        for a in served.get("/v1/alerts?limit=500").json()["alerts"]
        if served.get(f"/v1/alerts/{a['id']}").json()["traveller"]["message_id"] == message_id
    )
    traveller = served.get(f"/v1/alerts/{alert['id']}").json()["traveller"]
    hit = served.get(f"/v1/travellers/{traveller['id']}").json()["hits"][0]
    case = open_new_case(
        served.workspace,
        Principal("analyst-one", A),
        [alert["id"]],
        title="authorization matrix",
        purpose="a case to call the case endpoints on",
    )
    unmask_case = open_new_case(
        served.workspace,
        Principal("analyst-one", A),
        [alert["id"]],
        title="authorization matrix, unmasking",
        purpose="a case that stays open for the unmasking endpoints",
    )
    request = request_unmask(
        served.workspace,
        Principal("analyst-one", A),
        traveller_key=alert["traveller_key"],
        case_number=str(unmask_case.case.number),
        fields=[MaskedField.NAME],
        reason="checking who may call the unmasking endpoints",
    )
    admin, supervisor = Principal("admin-one", M), Principal("supervisor-one", S)
    clients = frozenset({"MATRIX-CLIENT"})
    new_partner(
        served.workspace, admin, Partner("MATRIX-NCB", "matrix NCB", None, clients), account="partner-one"
    )
    new_partner(served.workspace, admin, Partner("MATRIX-CLIENT", "matrix client"))
    put_national_entry(
        served.workspace, supervisor, {"id": "NAT-S", "names": "ROE, Richard"}, list_name="matrix-share"
    )
    shared = share(
        served.workspace,
        supervisor,
        partner="MATRIX-NCB",
        kind=ShareKind.WATCHLIST_ENTRY,
        subject="matrix-share:NAT-S",
        mark="TLP:AMBER",
        purpose="checking who may call the sharing endpoints",
    )
    spare = create_user(served.workspace, f"spare-{served.reference().lower()}", P)
    return {
        "message_id": message_id,
        "flight_id": traveller["flight_id"],
        "traveller_id": traveller["id"],
        "run_id": hit["run_id"],
        "alert_id": alert["id"],
        "number": str(case.case.number),
        "name": "un-consolidated",
        "entry_id": "QDi.292",
        "token_id": spare.stored.id,
        "user": spare.user.name,
        "traveller_key": alert["traveller_key"],
        "unmask_case": str(unmask_case.case.number),
        "request_id": request.id,
        "share_id": shared.id,
    }


def _call(served: Served, method: str, path: str, world: dict[str, Any], headers: dict[str, str]) -> Any:
    url = path.format(**{**world, "name": world["user"]} if "/users/" in path else world)
    if path.startswith("/v1/national-entries"):
        url = url.replace(world["entry_id"], "NAT-9") + "?list=matrix-national"
    reason = "checking who may call this endpoint at all"
    bodies: dict[tuple[str, str], Any] = {
        ("POST", "/v1/alerts/{alert_id}/steps"): {"action": "claim"},
        ("POST", "/v1/alerts/{alert_id}/decision"): {"disposition": "inconclusive", "reason": reason},
        ("POST", "/v1/alerts/{alert_id}/clearance"): {"reason": reason},
        ("POST", "/v1/cases"): {"alert_ids": [world["alert_id"]], "title": "matrix", "purpose": reason},
        ("POST", "/v1/cases/{number}/notes"): {"text": "a note"},
        ("POST", "/v1/cases/{number}/links"): {
            "traveller_key": "tk-000000000000000000000001",
            "reason": reason,
        },
        ("POST", "/v1/cases/{number}/closure"): {"reason": reason},
        ("PUT", "/v1/national-entries/{entry_id}"): {"names": "DOE, Jane", "birth_dates": "1990"},
        ("PUT", "/v1/policy"): {},
        ("POST", "/v1/unmask-requests"): {
            "traveller_key": world["traveller_key"],
            "case_number": world["unmask_case"],
            "fields": ["name"],
            "reason": reason,
        },
        ("POST", "/v1/unmask-requests/{request_id}/decision"): {"approve": True, "reason": reason},
        ("POST", "/v1/partners"): {"org_id": "MATRIX-ADDED", "name": "added by the matrix"},
        ("POST", "/v1/shares"): {
            "partner": "MATRIX-NCB",
            "kind": "watchlist_entry",
            "subject": "matrix-share:NAT-S",
            "mark": "TLP:AMBER",
            "purpose": reason,
        },
        ("POST", "/v1/shares/{share_id}/reshare"): {"to": "MATRIX-CLIENT", "purpose": reason},
        ("POST", "/v1/users"): {"name": f"u{abs(hash(str(headers))) % 10**9}", "role": "auditor"},
    }
    if (method, path) == ("POST", "/v1/messages"):
        return served.client.post(url, content=b"UNA:+.? 'UNB+UNOA:4+X+Y+260101:0000+Z1'", headers=headers)
    if (method, path) == ("POST", "/v1/watchlists"):
        files = {"file": ("national.csv", NATIONAL_CSV, "text/csv")}
        return served.client.post(url, files=files, data={"name": "matrix-list"}, headers=headers)
    return served.client.request(method, url, json=bodies.get((method, path)), headers=headers)


@pytest.mark.parametrize(("endpoint", "role"), list(itertools.product(sorted(MATRIX), [*Role, None])))
def test_every_endpoint_as_every_role(
    served: Served, world: dict[str, Any], endpoint: tuple[str, str], role: Role | None
) -> None:
    method, path = endpoint
    headers = served.headers(role) if role is not None else {}
    response = _call(served, method, path, world, headers)
    body = (
        response.json() if response.headers.get("content-type", "").startswith("application/json") else None
    )
    if role is None and endpoint not in PUBLIC:
        assert response.status_code == 401, response.text
        assert body is not None
        assert body["code"] == "unauthenticated"
    elif role is None or role in MATRIX[endpoint]:
        assert response.status_code not in (401, 403), response.text
        assert response.status_code < 500, response.text
    else:
        assert response.status_code == 403, response.text
        assert body is not None
        assert body["code"] == "forbidden"
