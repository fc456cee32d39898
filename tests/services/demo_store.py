"""A store seeded by the demo service (the UN list, a synthetic day, every kind of alert), per backend."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.store.conftest import fresh_url
from waystation.services.demo import DemoReport, run_demo
from waystation.services.workspace import Workspace, open_workspace
from waystation.settings import Settings

DEMO_DAY = date(2026, 11, 26)


@dataclass
class DemoStore:
    workspace: Workspace
    settings: Settings
    report: DemoReport
    home: Path


def demo_store(backend: str, tmp: Path, postgres_schema_factory: object) -> Iterator[DemoStore]:
    url = fresh_url(backend, tmp, postgres_schema_factory)
    settings = Settings(home=tmp / "home", database_url=url.render_as_string(hide_password=False))
    workspace = open_workspace(settings)
    report = run_demo(workspace, folder=tmp / "demo", seed=3, day=DEMO_DAY, flights=6, planted=4)
    yield DemoStore(workspace, settings, report, tmp / "home")
    workspace.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seeded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, postgres_schema_factory: object
) -> Iterator[DemoStore]:
    yield from demo_store(request.param, tmp_path_factory.mktemp("demo"), postgres_schema_factory)
