"""Rows prepared for a batch: cleaned where they must be, never changed behind the caller's back."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.store.conftest import Database
from waystation.store.bulk import insert_returning_ids, prepare, table_of
from waystation.store.schema import RawMessageRow

_TABLE = table_of(RawMessageRow)


def _row(source: str) -> dict[str, object]:
    return {
        "received_at": datetime(2026, 5, 2, 6, 0, tzinfo=UTC),
        "source": source,
        "size": 3,
        "sha256": "a" * 64,
        "status": "received",
        "issues": [],
    }


def test_a_clean_row_is_passed_on_and_a_dirty_one_is_cleaned_in_a_copy() -> None:
    clean, dirty = _row("gateway/ok"), _row("gate\x00way/" + "x" * 5000)
    prepared = prepare(_TABLE, [clean, dirty])
    assert prepared[0] is clean
    assert prepared[1] is not dirty
    assert dirty["source"] == "gate\x00way/" + "x" * 5000  # the caller's row is left as it was
    limit = _TABLE.c.source.type.length
    assert prepared[1]["source"] == ("gate\ufffdway/" + "x" * 5000)[:limit]


def test_inserting_rows_with_their_ids_leaves_the_callers_rows_alone(db: Database) -> None:
    rows = [_row(f"gateway/{n}") for n in range(25)]  # PostgreSQL: COPY from 20 rows
    before = [dict(row) for row in rows]
    with db.sessions.begin() as session:
        ids = insert_returning_ids(session, RawMessageRow, rows)
    assert rows == before
    assert len(set(ids)) == 25
    with db.sessions() as session:
        stored = dict(session.query(RawMessageRow.id, RawMessageRow.source).filter(RawMessageRow.id.in_(ids)))
    assert stored == {ident: f"gateway/{n}" for n, ident in enumerate(ids)}
