"""The services behind the analyst pages, on a demo-seeded store (SQLite, and PostgreSQL when given)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from tests.services.demo_store import DEMO_DAY, DemoStore, seeded  # noqa: F401  (fixture)
from tests.store.conftest import postgres_schema_factory  # noqa: F401  (fixture)
from waystation.cases.events import AuditEventType
from waystation.cases.vocab import AlertKind, AlertStatus, Disposition, Role
from waystation.exc import Forbidden
from waystation.services.alert_queue import alert_queue, next_in_queue
from waystation.services.audit import audit_page
from waystation.services.dashboard import dashboard
from waystation.services.flight_board import flight_board, to_utc
from waystation.services.principal import Principal
from waystation.services.review import decide
from waystation.services.rule_performance import backtest_rule, rule_precision
from waystation.services.rulebook import RuleBook
from waystation.services.traffic import traveller_network
from waystation.services.travellers import flights
from waystation.store import AlertFilter

ANALYST = Principal("analyst.one", Role.ANALYST)
SUPERVISOR = Principal("supervisor.one", Role.SUPERVISOR)
AUDITOR = Principal("auditor.one", Role.AUDITOR)
CARRIER = Principal("carrier.one", Role.CARRIER)


def _departure(store: DemoStore, flight_id: int | None) -> datetime:
    found = {f.flight.id: f.flight for f in flights(store.workspace, ANALYST, limit=1000)}
    leg = found[flight_id or 0].leg
    moment = to_utc(leg.departure, leg.origin)
    assert moment is not None
    return moment


def test_every_alert_of_the_demo_is_in_the_queue_by_kind(seeded: DemoStore) -> None:  # noqa: F811
    report = seeded.report
    page = alert_queue(seeded.workspace, ANALYST, AlertFilter(), limit=1000)
    kinds = Counter(a.alert.kind for a in page.alerts)
    assert kinds == {
        AlertKind.WATCHLIST: len(report.alerts),
        AlertKind.RULE: len(report.rule_alerts),
        AlertKind.NETWORK: len(report.network_alerts),
    }
    assert page.total == report.targeting_raised + len(report.alerts)
    rule_sources = Counter(a.alert.source for a in page.alerts if a.alert.kind is AlertKind.RULE)
    assert rule_sources == Counter(r.hit.rule_id for r in report.rule_alerts)
    assert {source for source, _count in page.facets["rule"]} == set(rule_sources)


def test_the_queue_runs_by_departure_then_score(seeded: DemoStore) -> None:  # noqa: F811
    page = alert_queue(seeded.workspace, ANALYST, AlertFilter(), limit=1000)
    keys = [(_departure(seeded, a.flight_id), -a.alert.score) for a in page.alerts]
    assert keys == sorted(keys)
    rules = alert_queue(seeded.workspace, ANALYST, AlertFilter(kind=AlertKind.RULE), limit=1000)
    assert {a.alert.kind for a in rules.alerts} == {AlertKind.RULE}
    assert {a.alert.score for a in rules.alerts} <= {0.9, 0.6, 0.3}


def test_a_decided_alert_leaves_the_undecided_queue(seeded: DemoStore) -> None:  # noqa: F811
    waiting = alert_queue(seeded.workspace, ANALYST, AlertFilter(open_only=True), limit=1000)
    first = waiting.alerts[0]
    assert next_in_queue(seeded.workspace, ANALYST, 0) == first.id
    reason = "Cannot tell from the data at hand."
    decide(seeded.workspace, ANALYST, first.id, Disposition.INCONCLUSIVE, reason)
    after = alert_queue(seeded.workspace, ANALYST, AlertFilter(open_only=True), limit=1000)
    assert first.id not in {a.id for a in after.alerts}
    assert after.total == waiting.total - 1
    decided = alert_queue(seeded.workspace, ANALYST, AlertFilter(status=AlertStatus.DECIDED), limit=1000)
    assert first.id in {a.id for a in decided.alerts}
    assert next_in_queue(seeded.workspace, ANALYST, first.id) == after.alerts[0].id


def test_the_flight_board(seeded: DemoStore) -> None:  # noqa: F811
    board = flight_board(seeded.workspace, ANALYST, now=datetime(2026, 11, 25, 12, tzinfo=UTC), hours=72)
    assert board.home_country == "TUR"
    assert len(board.rows) == 6
    assert sum(r.travellers for r in board.rows) == seeded.report.travellers
    per_kind = Counter()
    for row in board.rows:
        per_kind.update(row.alerts)
        assert row.quality.passenger_lists == 1
        assert row.quality.pnr_pushes == 1
        assert row.direction in ("departure", "arrival")
        assert row.departure_utc is not None
    assert per_kind["watchlist"] == len(seeded.report.alerts)
    assert {c.carrier for c in board.carriers} == {r.carrier for r in board.rows}
    later = flight_board(seeded.workspace, ANALYST, now=datetime(2026, 12, 5, tzinfo=UTC), hours=72)
    assert later.rows == ()
    with pytest.raises(Forbidden):
        flight_board(seeded.workspace, AUDITOR)


def test_a_travellers_network(seeded: DemoStore) -> None:  # noqa: F811
    linked = alert_queue(seeded.workspace, ANALYST, AlertFilter(kind=AlertKind.NETWORK), limit=1)
    alert = linked.alerts[0]
    assert alert.traveller_id is not None
    network = traveller_network(seeded.workspace, ANALYST, alert.traveller_id)
    nodes = {n["data"]["id"]: n["data"] for n in network.graph["elements"]["nodes"]}
    assert network.person_id in nodes
    assert network.companions
    for companion in network.companions:
        assert companion.person_id in nodes
        assert nodes[companion.person_id]["label"] == companion.label
    # The network alert was raised because of a link to a listed person: that person is marked.
    assert any(c.subject.startswith("listed ") for c in network.companions)
    assert network.journeys
    with pytest.raises(Forbidden):
        traveller_network(seeded.workspace, AUDITOR, alert.traveller_id)


def test_each_companion_shown_on_a_network_page_is_a_logged_read(seeded: DemoStore) -> None:  # noqa: F811
    linked = alert_queue(seeded.workspace, ANALYST, AlertFilter(kind=AlertKind.NETWORK), limit=1)
    traveller_id = linked.alerts[0].traveller_id
    assert traveller_id is not None
    viewer = Principal("analyst.network-reader", Role.ANALYST)
    network = traveller_network(seeded.workspace, viewer, traveller_id)
    page = audit_page(
        seeded.workspace, AUDITOR, limit=10_000, event_type=AuditEventType.TRAVELLER_READ, actor=viewer.name
    )
    purposes = Counter(str(r.payload["purpose"]) for r in page.records)
    assert purposes[f"network of traveller {traveller_id}"] == 1
    companion_reads = [
        r for r in page.records if str(r.payload["purpose"]).startswith("companion on the network")
    ]
    # One read per distinct person named beside the traveller (persons resolve to one key each).
    assert len(companion_reads) == len({c.person_id for c in network.companions})
    assert len({r.payload["traveller_key"] for r in companion_reads}) == len(companion_reads)


def test_the_dashboard_counts(seeded: DemoStore) -> None:  # noqa: F811
    board = dashboard(seeded.workspace, AUDITOR)
    per_day = dict(board.alerts_per_day)
    assert sum(sum(counts.values()) for counts in per_day.values()) == (
        len(seeded.report.alerts) + seeded.report.targeting_raised
    )
    assert sum(board.dispositions.values()) == sum(sum(c.values()) for c in per_day.values())
    assert sum(count for _path, count in board.flows) > 0
    assert all(len(path) == 3 for path, _count in board.flows)
    with pytest.raises(Forbidden):
        dashboard(seeded.workspace, CARRIER)


def test_rule_precision_and_backtest(seeded: DemoStore) -> None:  # noqa: F811
    rule_alerts = alert_queue(seeded.workspace, ANALYST, AlertFilter(kind=AlertKind.RULE), limit=1000).alerts
    target = rule_alerts[0]
    reason = "Travel pattern confirmed by the desk."
    decide(seeded.workspace, ANALYST, target.id, Disposition.TRUE_MATCH, reason)
    key = (target.alert.source, int(target.alert.source_version or 0))
    stats = rule_precision(seeded.workspace, SUPERVISOR)[key]
    same_rule = [a for a in rule_alerts if (a.alert.source, a.alert.source_version) == (key[0], str(key[1]))]
    assert stats.hits == len(same_rule)
    assert stats.confirmed == 1
    assert stats.precision == 1.0
    book = RuleBook(seeded.home / "rules")
    report = backtest_rule(seeded.workspace, SUPERVISOR, book, key[0])
    assert report.rule_id == key[0]
    assert report.screened == seeded.report.travellers
    assert [d.day for d in report.days] == [DEMO_DAY]
    assert report.flagged == len(same_rule)
    assert report.true_matches >= 1
