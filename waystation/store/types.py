"""Column types that behave the same on SQLite and PostgreSQL.

SQLite has no time zones and no JSON type; PostgreSQL has both. These decorators pin one
behaviour for both backends, so that a value read back is the value written whatever the URL:

- :class:`UtcDateTime` is for the system's own clock (received, imported, screened, decided):
  it refuses naive datetimes, stores UTC, and always returns an aware UTC datetime.
- :class:`WallClock` is for times a message or a list states (scheduled departure, PNR creation,
  message preparation): they are wall-clock times as written, stored and returned without a zone
  (an aware value keeps its wall-clock reading and loses its zone, because carriers send local
  times and a zone the message did not state must not be invented).
- :data:`Json` is the SQLAlchemy JSON type, JSONB on PostgreSQL (smaller, indexable).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

__all__ = ["Json", "UtcDateTime", "WallClock", "utc_now"]

Json: TypeEngine[Any] = JSON().with_variant(JSONB(), "postgresql")


def utc_now() -> datetime:
    """Now, aware, in UTC (the one clock the store writes)."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """An instant: aware in, UTC stored, aware UTC out, on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"a naive datetime cannot be stored as an instant: {value!r}")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class WallClock(TypeDecorator[datetime]):
    """A wall-clock time as a message wrote it: no zone stored, none returned."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=None) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value
