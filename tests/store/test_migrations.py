"""The schema exists only through migrations, and the migrated schema is exactly the model's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import URL, Engine, LargeBinary, bindparam, inspect, text
from sqlalchemy.exc import OperationalError

from tests.store.conftest import fresh_url
from waystation.store.engine import make_engine, make_sessions
from waystation.store.messages import message_bytes
from waystation.store.migrate import (
    ADVISORY_LOCK,
    MIGRATIONS,
    alembic_config,
    current_revision,
    head_revision,
    upgrade,
)
from waystation.store.schema import metadata


@pytest.fixture(params=["sqlite", "postgresql"])
def empty(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_schema_factory: object
) -> Iterator[tuple[URL, Engine]]:
    """An empty database on each backend: its URL and an engine, disposed of afterwards."""
    url = fresh_url(request.param, tmp_path, postgres_schema_factory)
    engine = make_engine(url)
    yield url, engine
    engine.dispose()


def test_migrated_schema_equals_the_metadata(empty: tuple[URL, Engine]) -> None:
    url, engine = empty
    assert current_revision(engine) is None
    assert inspect(engine).get_table_names() == []
    upgrade(url)
    assert current_revision(engine) == head_revision() == "0005"
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    tables = set(inspect(engine).get_table_names())
    assert tables == {t.name for t in metadata.sorted_tables} | {"alembic_version"}
    upgrade(url)  # a second start finds nothing to do
    assert current_revision(engine) == "0005"


def test_message_bytes_move_to_their_own_table_and_back(empty: tuple[URL, Engine]) -> None:
    url, engine = empty
    data = [b"UNA:+.? 'UNB+UNOA:4+KL+NL'\x00\xff", b""]
    insert = text(
        "INSERT INTO raw_messages (id, received_at, source, size, sha256, body, status, issues) "
        "VALUES (:id, :at, 'gateway/x', :size, 'x', :body, 'received', '[]')"
    ).bindparams(bindparam("body", type_=LargeBinary()))
    upgrade(url, "0004")  # a store written before the bytes moved
    with engine.begin() as connection:
        for ident, body in enumerate(data, start=1):
            at = datetime(2026, 11, 1, tzinfo=UTC)
            connection.execute(insert, {"id": ident, "at": at, "size": len(body), "body": body})
    upgrade(url)
    sessions = make_sessions(engine)
    with sessions() as session:
        assert [message_bytes(session, i) for i in (1, 2)] == data
    assert "body" not in {c["name"] for c in inspect(engine).get_columns("raw_messages")}
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    with engine.connect() as connection:
        back = connection.execute(text("SELECT body FROM raw_messages ORDER BY id")).scalars()
        assert [bytes(b) for b in back] == data


def test_sqlite_file_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "waystation.sqlite3"
    upgrade(f"sqlite:///{path}")
    assert path.is_file()


def test_migrations_ship_inside_the_package() -> None:
    assert MIGRATIONS.parent.name == "store"
    assert (MIGRATIONS / "env.py").is_file()
    assert (MIGRATIONS / "script.py.mako").is_file()
    assert [p.name for p in sorted((MIGRATIONS / "versions").glob("*.py"))] == [
        "0001_initial_schema.py",
        "0002_service_tables.py",
        "0003_retention_and_sharing.py",
        "0004_kept_traveller_keys.py",
        "0005_raw_message_bodies.py",
    ]
    assert not (MIGRATIONS.parent / "alembic.ini").exists()


def test_an_upgrade_waits_only_for_an_upgrade_of_its_own_schema(postgres_schema_factory: object) -> None:
    """Another schema's upgrade in progress (its lock held) does not hold this one up; an upgrade
    of the same schema does (``lock_timeout`` makes the wait an error instead of a hang)."""
    if postgres_schema_factory is None:
        pytest.skip("PostgreSQL not configured")
    assert callable(postgres_schema_factory)
    busy, other = postgres_schema_factory(), postgres_schema_factory()
    holder = make_engine(busy)
    try:
        with holder.begin() as connection:
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key, hashtext(current_schema()))"), {"key": ADVISORY_LOCK}
            )
            upgrade(_with_lock_timeout(other))  # not the held schema: goes straight on
            assert current_revision(make_engine(other)) == head_revision()
            with pytest.raises(OperationalError, match="lock timeout"):
                upgrade(_with_lock_timeout(busy))
    finally:
        holder.dispose()


def _with_lock_timeout(url: URL) -> URL:
    options = url.query["options"]
    assert isinstance(options, str)
    return url.update_query_dict({"options": f"{options} -clock_timeout=2s"})
