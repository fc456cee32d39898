"""Schemathesis against the published OpenAPI document: every operation, a bounded number of
generated requests each (``WAYSTATION_FUZZ_EXAMPLES``, 12 by default), sent with a token of a
role that may call it so the requests reach the services. No answer may be a 5xx, and every
error must have the one error shape."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.api.conftest import Served
from tests.api.fuzz_fixtures import EXAMPLES, fuzz_served  # noqa: F401  (fixture)
from tests.api.test_error_shape import KEYS
from waystation.cases.vocab import Role


def _role(method: str, path: str) -> Role:
    if path == "/v1/messages" and method == "POST":
        return Role.CARRIER
    if path.startswith("/v1/audit"):
        return Role.AUDITOR
    if path.startswith(("/v1/users", "/v1/tokens")):
        return Role.ADMIN
    return Role.SUPERVISOR


# Revoking random token ids would revoke the fuzzer's own tokens; the matrix test calls it.
SKIPPED = {("DELETE", "/v1/tokens/{token_id}")}


def test_no_operation_fails_with_a_server_error(fuzz_served: Served) -> None:  # noqa: F811
    schema = schemathesis.openapi.from_asgi("/v1/openapi.json", fuzz_served.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    fuzzed = 0
    for operation in operations:
        method, path = operation.method.upper(), operation.path
        if (method, path) in SKIPPED:
            continue
        token = fuzz_served.headers(_role(method, path))
        _fuzz(operation, token)
        fuzzed += 1
    assert fuzzed == len(operations) - len(SKIPPED)


def _fuzz(operation: Any, token: dict[str, str]) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    @given(case=operation.as_strategy())
    def check(case: Any) -> None:
        response = case.call(headers={**(case.headers or {}), **token})
        where = f"{case.method} {case.formatted_path} {case.query}"
        assert response.status_code < 500, f"{where}: {response.text[:300]}"
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == KEYS, where
            assert body["status"] == response.status_code

    check()
