"""Batched inserts: one statement per table per message, never one round trip per row.

Rows go through :func:`prepare` first, which makes both backends accept exactly the same
values: text longer than its column is cut to the column's length (PostgreSQL would refuse it,
SQLite would keep it) and NUL characters become U+FFFD (PostgreSQL cannot store them). The raw
bytes of every message are kept whole, so nothing received is lost by this.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from functools import cache
from operator import itemgetter
from typing import Any, TypeVar, cast

from sqlalchemy import String, Table, insert, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session

from waystation.store.binds import execute_many, insert_one_returning_id, sendable
from waystation.store.core import execute
from waystation.store.engine import EncodedJson
from waystation.store.pg_copy import copy_rows

__all__ = [
    "chunks",
    "insert_ignore",
    "insert_one_ignoring",
    "insert_returning_ids",
    "insert_rows",
    "prepare",
    "table_of",
]

Row = dict[str, Any]
T = TypeVar("T")
CHUNK = 5000
COPY_FROM = 20  # rows: from this many on, PostgreSQL batches go through COPY


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """Slices of at most ``size`` items, to keep ``IN (...)`` lists within every backend's limits."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def table_of(model: type[DeclarativeBase]) -> Table:
    return cast(Table, model.__table__)


@cache
def _limits(table: Table) -> dict[str, int]:
    return {
        column.name: column.type.length
        for column in table.columns
        if isinstance(column.type, String) and column.type.length
    }


def prepare(table: Table, rows: Iterable[Mapping[str, Any]]) -> list[Row]:
    """Rows with over-long text cut to the column's length and NUL replaced by U+FFFD.

    A row with nothing to change is returned itself, not copied: the rows handed in are never
    changed here (``insert_returning_ids`` sends the ids beside them), nor by the callers after."""
    limits = _limits(table)
    prepared: list[Row] = []
    for row in rows:
        clean: Row | None = None  # a copy only for a row with something to change (rarely any)
        for key, value in row.items():
            # Checked first in one test, because nearly every value passes (~10,000 per message).
            if isinstance(value, str) and ("\x00" in value or len(value) > limits.get(key, _NO_LIMIT)):
                if clean is None:
                    clean = dict(row)
                clean[key] = _clean_value(value, limits.get(key))
        prepared.append(clean if clean is not None else row if type(row) is dict else dict(row))
    return prepared


_NO_LIMIT = 1 << 62


def insert_rows(session: Session, model: type[DeclarativeBase], rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert many rows in one batch (nothing is sent for no rows)."""
    if rows:
        _insert(session, table_of(model), rows)


def _insert(
    session: Session, table: Table, rows: Sequence[Mapping[str, Any]], ids: Sequence[int] | None = None
) -> None:
    """Insert ``rows`` not yet prepared (with ``ids`` as their ``id`` when given), cleaned as
    :func:`prepare` cleans them. The batches past SQLAlchemy take the rows as columns and clean
    them column by column (:func:`_columns`); SQLAlchemy's own path takes prepared rows."""
    if len(rows) >= COPY_FROM and session.get_bind().dialect.name == "postgresql":
        copy_rows(session, table, *_columns(table, rows, ids))
    elif sendable(table, rows[0]):  # the same values, without SQLAlchemy's per-row work
        execute_many(session, table, *_columns(table, rows, ids))
    else:
        prepared = prepare(table, rows)
        if ids is not None:
            prepared = [{**row, "id": ident} for row, ident in zip(prepared, ids, strict=True)]
        execute(session, _plain_insert(table), prepared)


def _columns(
    table: Table, rows: Sequence[Mapping[str, Any]], ids: Sequence[int] | None
) -> tuple[tuple[str, ...], list[Sequence[Any]]]:
    """The names of the first row's keys (then ``id`` when ``ids`` are given) and each one's
    values over ``rows``, cleaned as :func:`prepare` cleans them: the same values, but a column
    is looked at in a few C calls (what types it holds, its text joined once) instead of one
    test per value; only a column that has something to clean is cleaned value by value.
    Every row must have the first row's keys (a missing one raises ``KeyError``)."""
    names = tuple(rows[0])
    if len(names) > 1:
        columns: list[Sequence[Any]] = list(zip(*map(itemgetter(*names), rows), strict=True))
    else:
        columns = [[row[name] for row in rows] for name in names]
    limits = _limits(table)
    for position, name in enumerate(names):
        values, limit = columns[position], limits.get(name)
        if not _clean_column(values, limit):
            columns[position] = [_clean_value(value, limit) for value in values]
    if ids is not None:
        if len(ids) != len(rows):
            raise ValueError(f"{len(ids)} ids for {len(rows)} rows")
        names += ("id",)
        columns.append(ids)
    return names, columns


def _clean_column(values: Sequence[Any], limit: int | None) -> bool:
    """Whether no value is text with a NUL or longer than ``limit`` (``False`` also for text
    beside values of other types, or of a type seen rarely: those are looked at one by one)."""
    kinds = set(map(type, values))
    if kinds <= _NOT_TEXT:
        return True
    if not kinds <= _TEXT_OR_NONE:
        return False
    texts = list(filter(None, values))  # "" and None have nothing to clean
    if not texts:
        return True
    if "\x00" in "".join(texts):
        return False
    return limit is None or max(map(len, texts)) <= limit


def _clean_value(value: Any, limit: int | None) -> Any:
    """One value cleaned: NUL replaced by U+FFFD, text cut to ``limit`` (the one rule of
    :func:`prepare` and of the column-wise batches)."""
    if isinstance(value, str) and ("\x00" in value or (limit is not None and len(value) > limit)):
        value = value.replace("\x00", "\ufffd")
        return value[:limit] if limit is not None else value
    return value


# Values that are never text, and text as the store's rows hold it (the JSON a row builder writes
# itself is ``EncodedJson``, a ``str``, looked at like any text). Any other type: value by value.
_NOT_TEXT = frozenset({type(None), int, bool, float, dict, list, tuple, date, datetime, bytes})
_TEXT_OR_NONE = frozenset({str, EncodedJson, type(None)})


# Statements built once per table: building one costs several times what executing it does
# (SQLAlchemy caches the compiled SQL, not the Python objects), and a message sends a dozen.
@cache
def _plain_insert(table: Table) -> Any:
    return insert(table)


@cache
def _insert_returning_id(table: Table) -> Any:
    return insert(table).returning(table.c.id)


@cache
def _insert_ignoring(table: Table, dialect: str, keys: tuple[str, ...]) -> Any:
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=list(keys))
    if dialect == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing(index_elements=list(keys))
    raise NotImplementedError(f"no conflict-ignoring insert for {dialect}")  # pragma: no cover


@cache
def _insert_ignoring_returning_id(table: Table, dialect: str, keys: tuple[str, ...]) -> Any:
    return _insert_ignoring(table, dialect, keys).returning(table.c.id)


def insert_returning_ids(
    session: Session, model: type[DeclarativeBase], rows: Sequence[Mapping[str, Any]]
) -> list[int]:
    """Insert many rows and return their new ids in the order of ``rows``.

    SQLite gets the first row alone and the rest with their ids given (see below). PostgreSQL first takes
    the ids from the table's sequence in one query, then sends the rows with ``COPY`` (or a
    pipelined ``executemany`` for a few rows): a multi-row statement with thousands of
    placeholders costs psycopg more to prepare (in Python) than the server takes to run it.
    """
    if not rows:
        return []
    table = table_of(model)
    if len(rows) == 1:
        return [_insert_one(session, table, prepare(table, rows)[0])]
    if session.get_bind().dialect.name == "postgresql":
        ids = list(
            execute(
                session,
                text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
                {"table": table.name, "n": len(rows)},
            ).scalars()
        )
        _insert(session, table, rows, ids)
        return ids
    # SQLite: SQLAlchemy cannot promise the order of a multi-row RETURNING there, so it would send
    # the rows one statement each. Instead the first row is inserted alone, which takes the write
    # lock until the transaction ends and gets max(id) + 1 (the ids are rowids, never AUTOINCREMENT);
    # the ids after it are then free for certain, and the rest go in one executemany.
    first = _insert_one(session, table, prepare(table, rows[:1])[0])
    ids = list(range(first, first + len(rows)))
    _insert(session, table, rows[1:], ids[1:])
    return ids


def _insert_one(session: Session, table: Table, row: Row) -> int:
    """Insert one prepared row and return its id (past SQLAlchemy when :func:`sendable`)."""
    if sendable(table, row):
        return insert_one_returning_id(session, table, row)
    return int(execute(session, _insert_returning_id(table), row).scalar_one())


def insert_ignore(
    session: Session, model: type[DeclarativeBase], rows: Sequence[Mapping[str, Any]], keys: Sequence[str]
) -> None:
    """Insert rows whose unique ``keys`` are not stored yet; rows already there are left alone.

    Safe against a concurrent writer inserting the same key (``ON CONFLICT DO NOTHING``).
    """
    if not rows:
        return
    table = table_of(model)
    statement = _insert_ignoring(table, session.get_bind().dialect.name, tuple(keys))
    execute(session, statement, prepare(table, rows))


def insert_one_ignoring(
    session: Session, model: type[DeclarativeBase], row: Mapping[str, Any], keys: Sequence[str]
) -> int | None:
    """Insert one row unless its unique ``keys`` are stored already: its new id, or ``None`` when
    they were (then the row there is left alone, as by :func:`insert_ignore`)."""
    table = table_of(model)
    statement = _insert_ignoring_returning_id(table, session.get_bind().dialect.name, tuple(keys))
    ident = execute(session, statement, prepare(table, [row])[0]).scalar_one_or_none()
    return None if ident is None else int(ident)
