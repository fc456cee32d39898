"""``waystation alerts list|show|decide`` on a demo-seeded store (SQLite, and PostgreSQL when given):
the queue in the page's order, an alert with its evidence, a decision with a mandatory reason —
acting as the token's owner, refused to the roles that may not, and logged under that name."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.services.demo_store import DemoStore, demo_store
from tests.store.conftest import postgres_schema_factory  # noqa: F401  (fixture)
from waystation.cases.events import AuditEventType
from waystation.cases.vocab import AlertKind, AlertStatus, Disposition, Role
from waystation.cli import main
from waystation.services.alert_queue import alert_queue
from waystation.services.audit import audit_page, verify_audit
from waystation.services.principal import Principal
from waystation.services.users import create_user
from waystation.store import AlertFilter

AUDITOR = Principal("auditor-cli", Role.AUDITOR)
REASON = "Document number and birth place differ from the listed person; identity confirmed by the consulate"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_schema_factory: object,  # noqa: F811
) -> Iterator[DemoStore]:
    yield from demo_store(request.param, tmp_path_factory.mktemp("cli-alerts"), postgres_schema_factory)


@pytest.fixture(scope="module")
def tokens(store: DemoStore) -> dict[Role, str]:
    return {role: create_user(store.workspace, f"cli-{role.value}", role).token for role in Role}


def _run(store: DemoStore, token: str, *args: str) -> Result:
    env = {
        "WAYSTATION_HOME": str(store.settings.home),
        "WAYSTATION_DATABASE_URL": store.settings.database_url or "",
        "WAYSTATION_TOKEN": token,
    }
    return CliRunner().invoke(main, ["alerts", *args], env=env)


def _jsonl(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _events(store: DemoStore, event_type: AuditEventType, actor: str) -> list[dict[str, Any]]:
    page = audit_page(store.workspace, AUDITOR, event_type=event_type, actor=actor, limit=10_000)
    return [dict(r.payload) for r in page.records]


def test_list_gives_the_queue_in_the_pages_order_with_filters(
    store: DemoStore, tokens: dict[Role, str]
) -> None:
    analyst = Principal("cli-analyst", Role.ANALYST)
    expected = alert_queue(store.workspace, analyst, AlertFilter(open_only=True), limit=10_000)
    listed = _jsonl(_run(store, tokens[Role.ANALYST], "list", "--limit", "10000", "--format", "jsonl"))
    assert [r["id"] for r in listed] == [a.id for a in expected.alerts]
    assert len(listed) == expected.total == len(store.report.alerts) + store.report.targeting_raised
    assert {r["kind"] for r in listed} == {"watchlist", "rule", "network"}
    departures = [r["departure_utc"] for r in listed if r["departure_utc"]]
    assert departures == sorted(departures)
    first = listed[0]
    assert first["traveller"]
    assert first["explanation"]
    assert first["decision"] is None
    watch = _jsonl(_run(store, tokens[Role.ANALYST], "list", "--kind", "watchlist", "--format", "jsonl"))
    assert watch
    assert {r["kind"] for r in watch} == {AlertKind.WATCHLIST.value}
    flight = first["flight_id"]
    on_flight = _jsonl(
        _run(store, tokens[Role.ANALYST], "list", "--flight", str(flight), "--format", "jsonl")
    )
    assert {r["flight_id"] for r in on_flight} == {flight}
    assert len(on_flight) == sum(1 for r in listed if r["flight_id"] == flight)
    table = _run(store, tokens[Role.SUPERVISOR], "list", "--limit", "3")
    assert table.exit_code == 0, table.output
    assert f"3 of {expected.total} alerts" in table.stdout
    assert first["flight"] in table.stdout
    searches = _events(store, AuditEventType.SEARCH, "cli-analyst")
    assert any(
        e["scope"] == "alert_queue" and e["query"] == "kind=watchlist, status=undecided" for e in searches
    )


def test_show_and_decide_as_the_token_owner(store: DemoStore, tokens: dict[Role, str]) -> None:
    token = tokens[Role.ANALYST]
    watch = _jsonl(_run(store, token, "list", "--kind", "watchlist", "--format", "jsonl"))
    alert_id = watch[0]["id"]
    shown = _jsonl(_run(store, token, "show", str(alert_id), "--format", "jsonl"))[0]
    assert shown["id"] == alert_id
    assert shown["subject"] == watch[0]["subject"]
    assert shown["traveller"] == watch[0]["traveller"]
    assert "decide" in shown["allowed"]
    reads = _events(store, AuditEventType.TRAVELLER_READ, "cli-analyst")
    assert any(e["purpose"] == f"review of alert {alert_id}" for e in reads)
    text = _run(store, token, "show", str(alert_id))
    assert text.exit_code == 0, text.output
    assert watch[0]["subject"] in text.stdout
    assert "why" in text.stdout

    vague = _run(store, token, "decide", str(alert_id), "--disposition", "false_positive", "--reason", "ok")
    assert vague.exit_code == 2
    assert vague.stderr.startswith("waystation: error: field reason:")
    missing = _run(store, token, "decide", str(alert_id), "--disposition", "false_positive")
    assert missing.exit_code == 2
    assert "--reason" in missing.stderr

    args = (
        "decide",
        str(alert_id),
        "--disposition",
        "false_positive",
        "--reason",
        REASON,
        "--format",
        "jsonl",
    )
    decided = _jsonl(_run(store, token, *args))[0]
    assert decided["status"] == AlertStatus.DECIDED.value
    assert decided["decision"]["disposition"] == Disposition.FALSE_POSITIVE.value
    assert decided["decision"]["by"] == "cli-analyst"
    assert decided["decision"]["reason"] == REASON
    again = _run(store, token, *args)
    assert again.exit_code == 2
    assert "override" in again.stderr
    dispositions = _events(store, AuditEventType.DISPOSITION, "cli-analyst")
    assert [e["alert_id"] for e in dispositions] == [str(alert_id)]
    remaining = _jsonl(_run(store, token, "list", "--limit", "10000", "--format", "jsonl"))
    assert alert_id not in {r["id"] for r in remaining}
    decided_list = _jsonl(_run(store, token, "list", "--status", "decided", "--format", "jsonl"))
    assert alert_id in {r["id"] for r in decided_list}
    assert verify_audit(store.workspace).ok


@pytest.mark.parametrize("role", [Role.CARRIER, Role.PARTNER, Role.AUDITOR, Role.ADMIN])
def test_roles_that_may_not_review_are_refused(store: DemoStore, tokens: dict[Role, str], role: Role) -> None:
    for args in (
        ("list",),
        ("show", "1"),
        ("decide", "1", "--disposition", "inconclusive", "--reason", REASON),
    ):
        result = _run(store, tokens[role], *args)
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(f"waystation: error: {'an' if role.value[0] in 'aeiou' else 'a'} ")
        assert result.stdout == ""


def test_a_bad_token_is_refused(store: DemoStore) -> None:
    result = _run(store, "ws_not-a-real-token", "list")
    assert result.exit_code == 1
    assert result.stderr.strip() == "waystation: error: the token is unknown or revoked"
