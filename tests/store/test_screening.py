"""Screening runs and hits: stored with everything needed to explain them."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from tests.store.conftest import Database
from waystation.exc import Conflict, NotFound
from waystation.ingest.message import ParsedMessage
from waystation.model import (
    EntryKind,
    ListEntry,
    Manifest,
    ManifestKind,
    Name,
    Traveller,
    Watchlist,
)
from waystation.store.messages import receive_message
from waystation.store.parsed import store_parsed_message
from waystation.store.screening import (
    NewHit,
    RunCounts,
    add_hits,
    finish_run,
    get_run,
    hits_of_run,
    hits_of_traveller,
    start_run,
)
from waystation.store.watchlists import import_list_version

ENTRY = ListEntry("QDi.420", EntryKind.PERSON, (Name.from_parts("AL-HASSAN", "OMAR"),))


@dataclasses.dataclass(frozen=True)
class Feature:
    name: str
    score: float
    said: str


def _setup(db: Database, session: Session) -> tuple[list[int], int]:
    travellers = (
        Traveller("1", Name.from_parts("ALHASAN", "OMAR")),
        Traveller("2", Name.from_parts("DOE", "JANE")),
    )
    manifest = Manifest("m", ManifestKind.PASSENGERS, (), travellers, "manifest_csv")
    received = receive_message(db.sessions, b"x", source="m.csv")
    content = store_parsed_message(session, received.id, ParsedMessage("m.csv", "manifest_csv", (manifest,)))
    version = import_list_version(session, Watchlist("un", "un_xml", "2026-05", (ENTRY,)), sha256="a" * 64)
    return list(content.traveller_ids), version.version.id


def _hit(traveller_id: int, score: float, alert: bool, entry: str = "QDi.420") -> NewHit:
    return NewHit(
        traveller_id=traveller_id,
        list_name="un",
        list_version="2026-05",
        entry_id=entry,
        score=score,
        alert=alert,
        algorithm="waystation-names",
        algorithm_version="1.2",
        explanation=("OMAR = OMAR", "ALHASAN ≈ AL-HASSAN (another romanization)"),
        features=[Feature("name", score, "AL-HASSAN")],
    )


def test_run_hits_and_counts(db: Database) -> None:
    started = datetime(2026, 5, 2, 6, 0, tzinfo=UTC)
    with db.sessions.begin() as session:
        (omar, jane), version_id = _setup(db, session)
        run_id = start_run(
            session,
            algorithm="waystation-names",
            algorithm_version="1.2",
            thresholds={"alert": 0.8, "report": 0.6},
            list_version_ids=[version_id],
            subject="m.csv",
            started_at=started,
        )
        cleared = dataclasses.replace(
            _hit(omar, 0.65, False), explanation="one sentence", cleared="clearance 7"
        )
        ids = add_hits(session, run_id, [_hit(omar, 0.91, True), _hit(jane, 0.61, False), cleared])
        run = finish_run(
            session, run_id, traveller_count=2, finished_at=datetime(2026, 5, 2, 6, 0, 1, tzinfo=UTC)
        )
    assert len(ids) == 3
    assert (run.traveller_count, run.hit_count, run.alert_count) == (2, 3, 1)
    assert run.thresholds == {"alert": 0.8, "report": 0.6}
    assert run.list_version_ids == (version_id,)
    assert (run.algorithm, run.algorithm_version, run.subject, run.started_at) == (
        "waystation-names",
        "1.2",
        "m.csv",
        started,
    )
    with db.sessions() as session:
        hits = hits_of_run(session, run_id)
        alerts = hits_of_run(session, run_id, alerts_only=True)
        of_omar = hits_of_traveller(session, omar)
        assert get_run(session, run_id) == run
    assert [(h.traveller_id, h.score, h.alert) for h in hits] == [
        (omar, 0.91, True),
        (omar, 0.65, False),
        (jane, 0.61, False),
    ]
    assert [h.id for h in alerts] == [ids[0]]
    assert (of_omar[1].explanation, of_omar[1].cleared) == (("one sentence",), "clearance 7")
    top = of_omar[0]
    assert (top.list_name, top.list_version, top.list_version_id, top.entry_id) == (
        "un",
        "2026-05",
        version_id,
        "QDi.420",
    )
    assert (top.algorithm, top.algorithm_version) == ("waystation-names", "1.2")
    assert top.explanation == ("OMAR = OMAR", "ALHASAN ≈ AL-HASSAN (another romanization)")
    assert top.cleared is None
    assert top.features == [{"name": "name", "score": 0.91, "said": "AL-HASSAN"}]


def test_a_run_recorded_finished_is_stored_closed_with_its_counts(db: Database) -> None:
    started = datetime(2026, 5, 2, 6, 0, tzinfo=UTC)
    finished = datetime(2026, 5, 2, 6, 0, 2, tzinfo=UTC)
    with db.sessions.begin() as session:
        (omar, jane), version_id = _setup(db, session)
        run_id = start_run(
            session,
            algorithm="waystation-names",
            algorithm_version="1.2",
            thresholds={"alert": 0.8},
            list_version_ids=[version_id, version_id],
            started_at=started,
            finished=RunCounts(traveller_count=2, hit_count=2, alert_count=1, finished_at=finished),
        )
        add_hits(session, run_id, [_hit(omar, 0.91, True), _hit(jane, 0.61, False)])
    with db.sessions() as session:
        run = get_run(session, run_id)
    assert (run.traveller_count, run.hit_count, run.alert_count) == (2, 2, 1)
    assert (run.started_at, run.finished_at) == (started, finished)
    assert run.list_version_ids == (version_id,)


def test_a_run_recorded_finished_without_times_is_started_and_finished_now(db: Database) -> None:
    with db.sessions.begin() as session:
        _, version_id = _setup(db, session)
        run_id = start_run(
            session,
            algorithm="a",
            algorithm_version="1",
            thresholds={},
            list_version_ids=[version_id],
            finished=RunCounts(traveller_count=0, hit_count=0, alert_count=0),
        )
    with db.sessions() as session:
        run = get_run(session, run_id)
    assert run.finished_at is not None
    assert run.started_at == run.finished_at
    assert (run.traveller_count, run.hit_count, run.alert_count) == (0, 0, 0)


def test_many_hits_round_trip(db: Database) -> None:
    with db.sessions.begin() as session:
        (omar, _), version_id = _setup(db, session)
        run_id = start_run(
            session,
            algorithm="a",
            algorithm_version="1",
            thresholds={"alert": 0.8},
            list_version_ids=[version_id],
        )
        hits = [_hit(omar, round(0.5 + n / 100, 2), n % 3 == 0, f"QDi.{n:03d}") for n in range(30)]
        add_hits(session, run_id, hits)
        run = finish_run(session, run_id, traveller_count=1)
    with db.sessions() as session:
        stored = hits_of_run(session, run_id)
    assert (run.hit_count, run.alert_count) == (30, 10)
    assert [(h.entry_id, h.score, h.alert) for h in stored] == [
        (f"QDi.{n:03d}", round(0.5 + n / 100, 2), n % 3 == 0) for n in reversed(range(30))
    ]
    assert stored[0].features == [{"name": "name", "score": 0.79, "said": "AL-HASSAN"}]


def test_a_hit_on_a_list_the_run_did_not_use_is_refused(db: Database) -> None:
    with db.sessions.begin() as session:
        (omar, _), version_id = _setup(db, session)
        run_id = start_run(
            session, algorithm="a", algorithm_version="1", thresholds={}, list_version_ids=[version_id]
        )
        with pytest.raises(Conflict, match="un version 2026-06"):
            add_hits(session, run_id, [dataclasses.replace(_hit(omar, 0.9, True), list_version="2026-06")])
        with pytest.raises(NotFound):
            get_run(session, run_id + 1000)
