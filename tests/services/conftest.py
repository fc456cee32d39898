"""A fresh workspace per test, on SQLite and (when configured) PostgreSQL, with its home folder."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.store.conftest import fresh_url, postgres_schema_factory  # noqa: F401  (fixture)
from waystation.services.workspace import Workspace, open_workspace
from waystation.settings import Settings


@dataclass
class Fresh:
    workspace: Workspace
    settings: Settings

    @property
    def env(self) -> dict[str, str]:
        """The environment a CLI command needs to open this same store."""
        return {
            "WAYSTATION_HOME": str(self.settings.home),
            "WAYSTATION_DATABASE_URL": self.settings.database_url or "",
        }


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    postgres_schema_factory: object,  # noqa: F811
) -> Iterator[Fresh]:
    url = fresh_url(request.param, tmp_path, postgres_schema_factory)
    settings = Settings(home=tmp_path / "home", database_url=url.render_as_string(hide_password=False))
    workspace = open_workspace(settings)
    yield Fresh(workspace, settings)
    workspace.close()
