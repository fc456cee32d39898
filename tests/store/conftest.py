"""Database fixtures: every store test runs on SQLite, and on PostgreSQL when
``WAYSTATION_TEST_DATABASE_URL`` is set (CI sets it, and fails if the server is unreachable).

Each pytest worker (xdist) migrates its own SQLite file and its own PostgreSQL schema once per
session, drops the schema at the end, and empties every table after each test, so tests run in
parallel without seeing each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import URL, Engine, make_url, text
from sqlalchemy.orm import Session, sessionmaker

from waystation.store.engine import make_engine, make_sessions
from waystation.store.migrate import upgrade
from waystation.store.schema import metadata

PG_ENV = "WAYSTATION_TEST_DATABASE_URL"


@dataclass
class Database:
    url: URL
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def backend(self) -> str:
        return self.engine.dialect.name


def postgres_base_url() -> URL | None:
    value = os.environ.get(PG_ENV)
    return make_url(value) if value else None


def with_search_path(base: URL, schema: str) -> URL:
    """The URL whose connections see only ``schema`` (tables and Alembic's version table go there)."""
    return base.update_query_dict({"options": f"-csearch_path={schema}"})


@pytest.fixture(scope="session")
def postgres_schema_factory() -> Iterator[object]:
    """Creates uniquely named schemas on the test server and drops them all at the end."""
    base = postgres_base_url()
    if base is None:
        yield None
        return
    admin = make_engine(base)
    created: list[str] = []
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")

    def create() -> URL:
        schema = f"ws_test_{worker}_{uuid.uuid4().hex[:10]}"
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        created.append(schema)
        return with_search_path(base, schema)

    yield create
    # One transaction per schema: dropping them all at once takes a lock per table, index and
    # sequence of every schema and overflows the server's lock table (max_locks_per_transaction).
    for schema in created:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


def fresh_url(backend: str, tmp_path: Path, postgres_schema_factory: object) -> URL:
    """An empty database of ``backend`` (skips PostgreSQL when no server was given)."""
    if backend == "sqlite":
        return make_url(f"sqlite:///{tmp_path / 'nested' / 'waystation.sqlite3'}")
    if postgres_schema_factory is None:
        pytest.skip(f"PostgreSQL not configured ({PG_ENV} is not set)")
    assert callable(postgres_schema_factory)
    url: URL = postgres_schema_factory()
    return url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def migrated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, postgres_schema_factory: object
) -> Iterator[Database]:
    """One migrated database per backend per worker, shared by the tests of the session."""
    url = fresh_url(request.param, tmp_path_factory.mktemp("db"), postgres_schema_factory)
    upgrade(url)
    engine = make_engine(url)
    yield Database(url, engine, make_sessions(engine))
    engine.dispose()


@pytest.fixture
def db(migrated: Database) -> Iterator[Database]:
    """The migrated database, emptied after the test."""
    yield migrated
    with migrated.engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    with db.sessions() as session:
        yield session
