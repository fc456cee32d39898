"""``waystation ingest`` screens each message and then runs targeting once for the batch: rule and
network alerts for the travellers just received, and nothing twice when the files come again."""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from tests.services.conftest import Fresh, fresh  # noqa: F401  (fixture)
from tests.store.conftest import postgres_schema_factory  # noqa: F401  (fixture)
from waystation.cases.vocab import AlertKind
from waystation.cli import main
from waystation.cli.targeting import TargetingSchedule
from waystation.ingest.lists import BUNDLED_UN_SHA256, bundled_un_list
from waystation.services.lists import import_watchlist
from waystation.services.messages import receive
from waystation.services.screening import screen_received
from waystation.store import AlertFilter, count_alerts
from waystation.synth import generate_day
from waystation.synth.render_edifact import references, render_paxlst, render_pnrgov


def test_ingest_runs_targeting_for_the_batch(fresh: Fresh, tmp_path: Path) -> None:  # noqa: F811
    un = bundled_un_list()
    import_watchlist(fresh.workspace, un, sha256=BUNDLED_UN_SHA256, source="bundled")
    day = generate_day(un, seed=3, day=date(2026, 11, 26), flights=3, planted=3)
    refs = references(day)
    files = []
    for flight in day.flights:
        for kind, data in (
            ("pnr", render_pnrgov(day, flight, refs[flight.leg])),
            ("api", render_paxlst(flight, refs[flight.leg] + "P")),
        ):
            path = tmp_path / f"{flight.leg.designator}-{kind}.edi"
            path.write_bytes(data)
            files.append(str(path))
    done = CliRunner().invoke(main, ["ingest", *files, "--format", "jsonl"], env=fresh.env)
    assert done.exit_code == 0, done.output
    assert len(done.stdout.splitlines()) == len(files)  # the per-message records are unchanged
    (line,) = [x for x in done.stderr.splitlines() if x.startswith("waystation: targeting: ")]
    summary = json.loads(line.removeprefix("waystation: targeting: "))
    assert summary["travellers"] == sum(len(f.travellers) for f in day.flights)
    assert summary["network_hits"] > 0
    assert summary["raised"] == summary["rule_hits"] + summary["network_hits"]
    with fresh.workspace.transaction() as session:
        network = count_alerts(session, AlertFilter(kind=AlertKind.NETWORK))
    assert network == summary["network_hits"]
    again = CliRunner().invoke(main, ["ingest", *files, "--format", "jsonl"], env=fresh.env)
    assert "waystation: targeting:" not in again.stderr  # duplicates: nothing new was accepted
    skipped = CliRunner().invoke(main, ["ingest", "--no-targeting", files[0]], env=fresh.env)
    assert "waystation: targeting:" not in skipped.stderr


def test_the_schedule_targets_messages_received_without_it(fresh: Fresh, tmp_path: Path) -> None:  # noqa: F811
    """What ``waystation serve`` runs beside the gateway: messages received with no targeting are
    targeted by the next scheduled run."""
    un = bundled_un_list()
    import_watchlist(fresh.workspace, un, sha256=BUNDLED_UN_SHA256, source="bundled")
    today = datetime.now(UTC).date() + timedelta(days=1)  # an upcoming flight for the job's default
    day = generate_day(un, seed=3, day=today, flights=3, planted=3)
    refs = references(day)
    for flight in day.flights:
        receive(fresh.workspace, render_pnrgov(day, flight, refs[flight.leg]), source="pnr")
        screen_received(
            fresh.workspace,
            receive(fresh.workspace, render_paxlst(flight, refs[flight.leg] + "P"), source="api"),
        )
    schedule = TargetingSchedule(fresh.settings, every=0.05).start()
    try:
        for _ in range(1200):
            if len(schedule.runs) >= 2:
                break
            threading.Event().wait(0.05)
    finally:
        schedule.stop()
    first, second = schedule.runs[:2]
    assert first.travellers == sum(len(f.travellers) for f in day.flights)
    assert first.network_hits
    assert len(first.raised) == len(first.rule_hits) + len(first.network_hits)
    assert second.raised == ()
    assert second.already_raised == len(first.raised)
