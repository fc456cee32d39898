"""The schema exists only through migrations, and the migrated schema is exactly the model's."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from tests.store.conftest import fresh_url
from waystation.store.engine import make_engine
from waystation.store.migrate import MIGRATIONS, current_revision, head_revision, upgrade
from waystation.store.schema import metadata


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migrated_schema_equals_the_metadata(
    backend: str, tmp_path: Path, postgres_schema_factory: object
) -> None:
    url = fresh_url(backend, tmp_path, postgres_schema_factory)
    engine = make_engine(url)
    try:
        assert current_revision(engine) is None
        assert inspect(engine).get_table_names() == []
        upgrade(url)
        assert current_revision(engine) == head_revision() == "0004"
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
        tables = set(inspect(engine).get_table_names())
        assert tables == {t.name for t in metadata.sorted_tables} | {"alembic_version"}
        upgrade(url)  # a second start finds nothing to do
        assert current_revision(engine) == "0004"
    finally:
        engine.dispose()


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
    ]
    assert not (MIGRATIONS.parent / "alembic.ini").exists()
