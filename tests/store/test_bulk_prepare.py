"""Rows prepared for a batch: cleaned where they must be, never changed behind the caller's back."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

import pytest

from tests.store.conftest import Database
from waystation.store.bulk import _columns, insert_returning_ids, prepare, table_of
from waystation.store.engine import EncodedJson
from waystation.store.schema import RawMessageRow

_TABLE = table_of(RawMessageRow)


class StrEnumSource(StrEnum):
    A = "gate\x00way/enum"


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


def _reference(rows: list[dict[str, object]]) -> list[list[object]]:
    """Each column's values as ``prepare`` leaves them, value by value (the reference)."""
    prepared = prepare(_TABLE, rows)
    return [[row[name] for row in prepared] for name in rows[0]]


@pytest.mark.parametrize(
    "sources",
    [
        ["gateway/a", "gateway/b"],  # clean: nothing to do
        ["gate\x00way", "gateway/b"],  # a NUL
        ["gateway/" + "x" * 5000, None],  # over-long, beside a NULL
        [EncodedJson("gate\x00"), "ok"],  # a str subclass
        [StrEnumSource.A, "ok"],  # an Enum that is text: looked at value by value
        [7, "seven\x00"],  # text beside another type
        ["", None],
    ],
)
def test_columns_are_cleaned_as_prepare_cleans_rows(sources: list[object]) -> None:
    rows = [{**_row("x"), "source": source} for source in sources]
    before = [dict(row) for row in rows]
    names, columns = _columns(_TABLE, rows, None)
    assert names == tuple(rows[0])
    assert [list(c) for c in columns] == _reference(rows)
    for column, reference in zip(columns, _reference(rows), strict=True):
        assert [type(v) for v in column] == [type(v) for v in reference]
    assert rows == before  # the caller's rows are left alone
    names, columns = _columns(_TABLE, rows, [5, 6])
    assert names[-1] == "id"
    assert list(columns[-1]) == [5, 6]


def test_rows_with_a_nul_or_too_long_text_are_stored_cleaned_on_every_path(db: Database) -> None:
    limit = _TABLE.c.source.type.length
    rows = [_row(f"gate\x00way/{n}" + "x" * (limit if n % 2 else 0)) for n in range(25)]
    with db.sessions.begin() as session:
        many = insert_returning_ids(session, RawMessageRow, rows)  # COPY on PostgreSQL
        few = insert_returning_ids(session, RawMessageRow, rows[:3])  # executemany
        (one,) = insert_returning_ids(session, RawMessageRow, rows[:1])  # one row, RETURNING
    with db.sessions() as session:
        stored = dict(session.query(RawMessageRow.id, RawMessageRow.source))
    expected = [("gate\ufffdway/" + str(n) + "x" * (limit if n % 2 else 0))[:limit] for n in range(25)]
    assert [stored[i] for i in many] == expected
    assert [stored[i] for i in few] == expected[:3]
    assert stored[one] == expected[0]
