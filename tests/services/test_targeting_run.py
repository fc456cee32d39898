"""The targeting job over stored traffic: rules in force and network alerts for new messages or
upcoming flights, each alert raised once however often the job runs — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.services.conftest import Fresh, fresh  # noqa: F401  (fixture)
from tests.store.conftest import postgres_schema_factory  # noqa: F401  (fixture)
from waystation.cases.vocab import AlertKind
from waystation.ingest.lists import BUNDLED_UN_SHA256, bundled_un_list
from waystation.services.lists import import_watchlist
from waystation.services.messages import receive
from waystation.services.rulebook import RuleBook
from waystation.services.screening import screen_received
from waystation.services.targeting_run import run_targeting
from waystation.store import AlertFilter, count_alerts
from waystation.synth import generate_day
from waystation.synth.render_edifact import references, render_paxlst, render_pnrgov

DAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _count(fresh: Fresh, kind: AlertKind) -> int:  # noqa: F811
    with fresh.workspace.transaction() as session:
        return count_alerts(session, AlertFilter(kind=kind))


def test_targeting_raises_each_alert_once_for_new_messages_and_upcoming_flights(fresh: Fresh) -> None:  # noqa: F811
    workspace = fresh.workspace
    un = bundled_un_list()
    import_watchlist(workspace, un, sha256=BUNDLED_UN_SHA256, source="bundled")
    day = generate_day(un, seed=3, day=DAY, flights=6, planted=4)
    refs = references(day)
    passenger_lists: dict[str, int] = {}
    for flight in day.flights:
        assert receive(workspace, render_pnrgov(day, flight, refs[flight.leg]), source="pnr").accepted
        received = receive(workspace, render_paxlst(flight, refs[flight.leg] + "P"), source="api")
        assert received.accepted
        screen_received(workspace, received)
        passenger_lists[flight.leg.designator] = received.message_id
    assert _count(fresh, AlertKind.RULE) == _count(fresh, AlertKind.NETWORK) == 0  # screening alone
    book = RuleBook(fresh.settings.home / "rules")

    first_flight = sorted(passenger_lists)[0]
    one = run_targeting(workspace, book, messages=[passenger_lists[first_flight]], now=NOW)
    on_first = next(f for f in day.flights if f.leg.designator == first_flight)
    assert one.travellers == len(on_first.travellers)
    assert one.flights == 1
    assert {h.flight for h in (*one.rule_hits, *one.network_hits)} <= {first_flight}

    upcoming = run_targeting(workspace, book, since=DAY, now=NOW)
    assert upcoming.travellers == sum(len(f.travellers) for f in day.flights)
    assert upcoming.flights == len(day.flights)
    assert upcoming.rules_in_force == 4  # the shipped rules but the draft
    assert upcoming.subjects >= 1
    assert upcoming.network_hits, "planted listed people travel with companions"
    assert upcoming.rule_hits
    # What the first run raised is not raised again; everything else is, once.
    assert upcoming.already_raised == len(one.raised)
    assert len(upcoming.raised) + len(one.raised) == len(upcoming.rule_hits) + len(upcoming.network_hits)
    assert _count(fresh, AlertKind.RULE) == len(upcoming.rule_hits)
    assert _count(fresh, AlertKind.NETWORK) == len(upcoming.network_hits)
    for linked in upcoming.network_hits:
        assert linked.candidate.hops == 1
        assert linked.candidate.explanation.endswith(
            f"is a listed subject ({linked.candidate.subject.reference})."
        )

    again = run_targeting(workspace, book, since=DAY, now=NOW)
    assert again.raised == ()
    assert again.already_raised == len(upcoming.rule_hits) + len(upcoming.network_hits)
    later = run_targeting(workspace, book, since=DAY + timedelta(days=1), now=NOW)
    assert (later.travellers, later.raised) == (0, ())
    assert _count(fresh, AlertKind.RULE) == len(upcoming.rule_hits)
