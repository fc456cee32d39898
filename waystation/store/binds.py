"""Batches sent past SQLAlchemy's per-row parameter handling, with the same values it would send.

For an ``executemany`` SQLAlchemy builds a parameter dictionary per row and runs every column's
bind processing per value; for the ~600 rows of a 300-passenger message (travellers and their
documents) that bookkeeping cost more than SQLite took to store them. Here each column's
processing is looked up once per table and dialect and applied column by column, and the rows
go to the driver as tuples under one prepared statement. What is stored is what a plain
``session.execute(insert(table), rows)`` stores, byte for byte (``tests/store/test_binds.py``):
the processors are the column types' own (UTC for instants, JSON text — JSON ``null`` for
``None``, as SQLAlchemy writes it — dates as SQLite text).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import JSON, Dialect, Table
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from waystation.store.engine import EncodedJson

__all__ = ["Processor", "execute_many", "insert_one_returning_id", "processors", "sendable"]

Processor = Callable[[Any], Any]


@cache
def processors(table: Table, dialect: Dialect) -> dict[str, Processor | None]:
    """Each column's bind processing on ``dialect`` (``None`` where the driver takes the value as is)."""
    return {
        column.name: column.type.dialect_impl(dialect).bind_processor(dialect) for column in table.columns
    }


@cache
def _python_defaults(table: Table) -> frozenset[str]:
    return frozenset(c.name for c in table.columns if c.default is not None or c.onupdate is not None)


def sendable(table: Table, row: Mapping[str, Any]) -> bool:
    """Whether rows shaped like ``row`` can skip SQLAlchemy: every key a column, and no column left
    out that SQLAlchemy would fill with a Python-side default."""
    return _sendable(table, tuple(row))


@cache
def _sendable(table: Table, names: tuple[str, ...]) -> bool:
    columns = table.columns
    return all(key in columns for key in names) and _python_defaults(table) <= set(names)


@cache
def _insert_sql(table: Table, dialect: Dialect, names: tuple[str, ...]) -> str:
    """The ``INSERT`` for these columns, written once per table, dialect and column list (every
    message sends the same few: the fixed cost of a check-in)."""
    quote = dialect.identifier_preparer.quote
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    return (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join([marker] * len(names))})"
    )


def execute_many(
    session: Session, table: Table, names: tuple[str, ...], columns: Sequence[Sequence[Any]]
) -> None:
    """Insert rows given as ``columns`` (each one's values, in the order of ``names``; see
    :func:`sendable`) in one ``executemany``: each column's processing is mapped over it."""
    connection = session.connection()
    dialect = connection.dialect
    steps = processors(table, dialect)
    texts = _json_text_columns(table, dialect)
    sql = _insert_sql(table, dialect, names)
    try:
        sent = [
            _processed(values, steps[name], name in texts)
            for name, values in zip(names, columns, strict=True)
        ]
    except Exception as error:  # as SQLAlchemy reports a value its processing refused
        raise StatementError(str(error), sql, None, error) from error
    connection.exec_driver_sql(sql, list(zip(*sent, strict=True)))


def _processed(values: Sequence[Any], step: Processor | None, json_text: bool) -> Sequence[Any]:
    """A column's values as sent: as they are without processing; JSON text the row builder
    wrote, as its text, where the column's processing would give it back unchanged; else each
    value processed."""
    if step is None:
        return values
    if json_text and _written(values):
        return _json_texts(values)
    return list(map(step, values))


def insert_one_returning_id(session: Session, table: Table, row: dict[str, Any]) -> int:
    """Insert one row (see :func:`sendable`) and return its new ``id``: what
    ``insert(table).returning(table.c.id)`` sends, without compiling it and its parameters again
    (~2 of a check-in's rows go this way: its manifest, its first traveller)."""
    connection = session.connection()
    dialect = connection.dialect
    steps = processors(table, dialect)
    names = tuple(row)
    sql = _returning_sql(table, dialect, names)
    try:
        params = tuple(value if (step := steps[name]) is None else step(value) for name, value in row.items())
    except Exception as error:  # as SQLAlchemy reports a value its processing refused
        raise StatementError(str(error), sql, None, error) from error
    return int(connection.exec_driver_sql(sql, params).scalar_one())


@cache
def _returning_sql(table: Table, dialect: Dialect, names: tuple[str, ...]) -> str:
    return f"{_insert_sql(table, dialect, names)} RETURNING {dialect.identifier_preparer.quote('id')}"


@cache
def _json_text_columns(table: Table, dialect: Dialect) -> frozenset[str]:
    """The JSON columns whose processing sends the text of an :class:`EncodedJson` as it is (as
    ``dumps_json`` does: SQLite's JSON type). Found by trying it, so a dialect that wraps the text
    (psycopg's ``Json``) is left to its own processing."""
    probe = EncodedJson('{"probe":["text"]}')
    found = set()
    for name, step in processors(table, dialect).items():
        if step is not None and isinstance(table.c[name].type.dialect_impl(dialect), JSON):
            sent = step(probe)
            if type(sent) is str and sent == probe:
                found.add(name)
    return frozenset(found)


def _written(values: Sequence[Any]) -> bool:
    """Whether every value is JSON text the row builder wrote, with no NUL for ``dumps_json`` to
    replace: then its processing would give each one's text back unchanged."""
    return set(map(type, values)) == _ENCODED and "\\u0000" not in "".join(values)


_ENCODED = {EncodedJson}


def _json_texts(values: Sequence[Any]) -> list[str]:
    """The values' text as plain ``str``, what ``dumps_json`` returns for them (~1,500 values per
    300-passenger message, each a Python call through SQLAlchemy's JSON processing otherwise)."""
    return list(map(str.__str__, values))
