"""Every error leaves in one JSON shape (as datasette's tests/test_error_shape.py pins its own):
the same keys, ``ok`` false, the HTTP status repeated, a stable code and a message."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from tests.api.conftest import Served
from waystation.api import create_app
from waystation.cases.vocab import Role

KEYS = {"ok", "status", "code", "message", "location", "problems", "message_id"}


def _check(response: Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, object] = response.json()
    assert set(body) == KEYS
    assert body["ok"] is False
    assert body["status"] == status
    assert body["code"] == code
    assert isinstance(body["message"], str)
    assert body["message"]
    return body


def test_no_token(served: Served) -> None:
    response = served.client.get("/v1/alerts")
    _check(response, 401, "unauthenticated")
    assert response.headers["www-authenticate"] == "Bearer"


def test_unknown_token(served: Served) -> None:
    _check(served.client.get("/v1/me", headers={"Authorization": "Bearer ws_nobody"}), 401, "unauthenticated")


def test_forbidden(served: Served) -> None:
    body = _check(served.get("/v1/audit", Role.ANALYST), 403, "forbidden")
    assert body["message"] == "an analyst may not read audit"


def test_unknown_path_and_method(served: Served) -> None:
    _check(served.get("/v1/nowhere"), 404, "not_found")
    _check(
        served.client.delete("/v1/alerts", headers=served.headers(Role.ANALYST)), 405, "method_not_allowed"
    )


def test_missing_object(served: Served) -> None:
    body = _check(served.get("/v1/alerts/987654321"), 404, "not_found")
    assert body["message"] == "no alert 987654321"


def test_request_that_does_not_validate_lists_every_problem(served: Served) -> None:
    response = served.post("/v1/cases", {"title": 5, "alert_ids": []}, Role.ANALYST)
    body = _check(response, 422, "bad_request")
    problems = body["problems"]
    assert isinstance(problems, list)
    assert any(p.startswith("alert_ids:") for p in problems)
    assert any(p.startswith("title:") for p in problems)
    assert any(p.startswith("purpose:") for p in problems)


def test_bad_path_parameter(served: Served) -> None:
    body = _check(served.get("/v1/alerts/not-a-number"), 422, "bad_request")
    assert body["location"] == {
        "source": None,
        "segment": None,
        "tag": None,
        "field": "alert_id",
        "line": None,
    }


def test_input_error_carries_its_field(served: Served) -> None:
    body = _check(served.get("/v1/cases/WS-2026-000001-9", Role.ANALYST), 422, "bad_input")
    assert body["location"] == {
        "source": None,
        "segment": None,
        "tag": None,
        "field": "case_number",
        "line": None,
    }


def test_conflict(served: Served) -> None:
    body = _check(
        served.post("/v1/users", {"name": "analyst-one", "role": "analyst"}, Role.ADMIN), 409, "conflict"
    )
    assert body["message"] == "a user named 'analyst-one' already exists"


def test_too_large(served: Served) -> None:
    data = b"x" * (10 * 1024 * 1024 + 1)
    _check(
        served.client.post("/v1/messages", content=data, headers=served.headers(Role.CARRIER)),
        413,
        "too_large",
    )


def test_an_unexpected_error_is_a_generic_500(served: Served, caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(served.workspace)

    @app.get("/v1/broken")
    def broken() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as client:
        body = _check(client.get("/v1/broken"), 500, "internal_error")
    assert "secret" not in str(body)
    assert "secret internals" in caplog.text
