"""The declarative base every table hangs off, with constraint names Alembic can rely on.

Constraint and index names follow one convention so that migrations written today can drop or
alter them by name tomorrow, on SQLite (batch mode rebuilds tables) and PostgreSQL alike.
Primary keys are 64-bit on PostgreSQL (a busy hub stores about 100 million travellers a year)
and SQLite's ``INTEGER PRIMARY KEY`` rowid there.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer, MetaData
from sqlalchemy.orm import DeclarativeBase

__all__ = ["Base", "BigId"]

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    """Base of every mapped table; ``Base.metadata`` is what migrations are compared against."""

    metadata = MetaData(naming_convention=NAMING)
