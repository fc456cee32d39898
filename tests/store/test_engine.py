"""Engine set-up and the column types that make SQLite and PostgreSQL behave alike."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, StatementError

from tests.store.conftest import Database
from waystation.model import Leg
from waystation.store.bulk import insert_rows
from waystation.store.engine import make_engine
from waystation.store.messages import get_message, receive_message
from waystation.store.parsed import store_flights
from waystation.store.schema import FlightRow, TravelDocumentRow


def test_sqlite_pragmas(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x' / 'db.sqlite3'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 15000
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    engine.dispose()
    assert (tmp_path / "x" / "db.sqlite3").is_file()


def test_foreign_keys_are_enforced(db: Database) -> None:
    with db.sessions() as session, pytest.raises(IntegrityError, match=r"FOREIGN KEY|foreign key"):
        insert_rows(session, TravelDocumentRow, [{"traveller_id": 999_999, "position": 0}])


def test_instants_come_back_as_the_same_utc_instant(db: Database) -> None:
    plus_four = timezone(timedelta(hours=4))
    received = datetime(2026, 3, 1, 2, 30, 15, 123456, tzinfo=plus_four)
    stored = receive_message(db.sessions, b"x", source="a.edi", received_at=received)
    with db.sessions() as session:
        again = get_message(session, stored.id)
    assert again.received_at == datetime(2026, 2, 28, 22, 30, 15, 123456, tzinfo=UTC)
    assert again.received_at.tzinfo is UTC
    assert stored.received_at == again.received_at


def test_naive_instants_are_refused(db: Database) -> None:
    with pytest.raises(StatementError, match="naive datetime"):
        receive_message(db.sessions, b"x", source="a.edi", received_at=datetime(2026, 3, 1, 2, 30))


def test_wall_clock_times_keep_their_reading(db: Database) -> None:
    leg = Leg("CA", "339", "PEK", "LAX", datetime(2026, 3, 1, 23, 55), datetime(2026, 3, 1, 20, 5))
    aware = Leg("CA", "340", "LAX", "PEK", datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=-8))))
    with db.sessions.begin() as session:
        ids = store_flights(session, [leg, aware])
    with db.sessions() as session:
        rows = {r.flight_number: r for r in session.execute(select(FlightRow)).scalars()}
    assert len(ids) == 2
    assert rows["339"].scheduled_departure == datetime(2026, 3, 1, 23, 55)
    assert rows["339"].scheduled_arrival == datetime(2026, 3, 1, 20, 5)
    assert rows["340"].scheduled_departure == datetime(2026, 3, 2, 9, 0)
    assert rows["340"].departure_date == date(2026, 3, 2)


def test_concurrent_writers_wait_instead_of_failing(db: Database) -> None:
    """Several threads (each with its own connection) receiving and storing at once lose nothing."""
    from concurrent.futures import ThreadPoolExecutor

    from waystation.store.messages import MessageStatus, messages_with_status

    def work(worker: int) -> list[int]:
        ids = []
        for n in range(15):
            stored = receive_message(db.sessions, f"{worker}-{n}".encode(), source=f"w{worker}")
            with db.sessions.begin() as session:
                store_flights(session, [Leg("WS", str(n), "AAA", "BBB", date(2026, 1, 1 + worker))])
            ids.append(stored.id)
        return ids

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(work, range(4)))
    with db.sessions() as session:
        received = messages_with_status(session, MessageStatus.RECEIVED)
        flights = session.execute(select(FlightRow.flight_key)).scalars().all()
    assert sorted(m.id for m in received) == sorted(i for ids in results for i in ids)
    assert len(received) == 60
    assert len(flights) == 60


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u@db.example:5432/ws",
        "postgres://u@db.example:5432/ws",
        "postgresql+psycopg://u@db.example/ws",
    ],
)
def test_postgres_urls_mean_psycopg3(url: str) -> None:
    engine = make_engine(url)  # no connection is made until first use
    assert engine.dialect.driver == "psycopg"
    assert engine.url.database == "ws"
    engine.dispose()
