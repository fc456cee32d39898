"""The batch path past SQLAlchemy stores exactly what a plain SQLAlchemy insert stores."""

from __future__ import annotations

from datetime import date

import pytest

from bench.gateway.traffic import day_requests
from tests.store.conftest import Database
from waystation.ingest.message import ParseContext
from waystation.ingest.registry import parse_message
from waystation.store import bulk
from waystation.store.binds import sendable
from waystation.store.messages import receive_message
from waystation.store.parsed import store_parsed_message
from waystation.store.schema import TravellerRow

_TABLES = ("travellers", "traveller_documents")
_OWN_IDS = ("id", "raw_message_id", "manifest_id", "traveller_id")


def _stored(db: Database, message_id: int) -> dict[str, list[tuple[object, ...]]]:
    """Every column as the database holds it (no result processing), but the ids that differ."""
    found: dict[str, list[tuple[object, ...]]] = {}
    with db.engine.connect() as connection:
        for table in _TABLES:
            where = (
                f"WHERE raw_message_id = {message_id}"
                if table == "travellers"
                else f"WHERE traveller_id IN (SELECT id FROM travellers WHERE raw_message_id = {message_id})"
            )
            result = connection.exec_driver_sql(f"SELECT * FROM {table} {where} ORDER BY id")
            keep = [i for i, name in enumerate(result.keys()) if name not in _OWN_IDS]
            found[table] = [tuple(row[i] for i in keep) for row in result]
    return found


@pytest.mark.parametrize("size", [300, 4])  # PostgreSQL: COPY from 20 rows, executemany below
def test_a_paxlst_is_stored_identically_with_and_without_sqlalchemy(
    db: Database, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    (request,) = day_requests(size, size=size, seed=11)
    parsed = parse_message(request.data, "gateway/dcs", None, ParseContext(today=date(2026, 5, 30)))
    fast = receive_message(db.sessions, request.data, source="gateway/dcs")
    with db.sessions.begin() as session:
        store_parsed_message(session, fast.id, parsed)
    monkeypatch.setattr(bulk, "sendable", lambda _table, _row: False)
    plain = receive_message(db.sessions, request.data, source="gateway/dcs")
    with db.sessions.begin() as session:
        store_parsed_message(session, plain.id, parsed)
    fast_rows, plain_rows = _stored(db, fast.id), _stored(db, plain.id)
    assert len(fast_rows["travellers"]) == size
    assert len(fast_rows["traveller_documents"]) == size
    assert fast_rows == plain_rows


def test_rows_with_unknown_keys_take_sqlalchemys_path() -> None:
    table = TravellerRow.__table__
    assert sendable(table, {"ref": "1", "position": 0})  # type: ignore[arg-type]
    assert not sendable(table, {"ref": "1", "no_such_column": 0})  # type: ignore[arg-type]
