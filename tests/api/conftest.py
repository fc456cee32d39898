"""API fixtures: one served workspace per backend (SQLite always, PostgreSQL when configured).

Each pytest worker builds, once per backend, a migrated store with the bundled UN list, a day
of synthetic traffic received through the gateway path (so alerts exist), and one user per
role with an API token; tests talk to it through FastAPI's in-process client. Tests that change
state create what they change (their own messages, alerts), so they do not depend on order.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from tests.store.conftest import fresh_url, postgres_schema_factory  # noqa: F401  (fixture)
from waystation.api import create_app
from waystation.cases.vocab import Role
from waystation.ingest.lists import BUNDLED_UN_SHA256, bundled_un_list
from waystation.model import Watchlist
from waystation.services.lists import import_watchlist
from waystation.services.users import create_user
from waystation.services.workspace import AuditConfig, Workspace, open_workspace
from waystation.settings import Settings
from waystation.synth import SynthDay, generate_day

DAY = date(2026, 3, 14)


@dataclass
class Served:
    """A served workspace, its client, a token per role, and the synthetic day it holds."""

    workspace: Workspace
    app: FastAPI
    client: TestClient
    tokens: dict[Role, str]
    day: SynthDay
    home: Path
    un: Watchlist
    counter: list[int] = field(default_factory=lambda: [0])

    def headers(self, role: Role) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def get(self, path: str, role: Role = Role.SUPERVISOR) -> Response:
        return self.client.get(path, headers=self.headers(role))

    def post(self, path: str, body: object, role: Role = Role.SUPERVISOR) -> Response:
        return self.client.post(path, json=body, headers=self.headers(role))

    def put(self, path: str, body: object, role: Role = Role.SUPERVISOR) -> Response:
        return self.client.put(path, json=body, headers=self.headers(role))

    def delete(self, path: str, role: Role = Role.SUPERVISOR) -> Response:
        return self.client.delete(path, headers=self.headers(role))

    def reference(self) -> str:
        """A fresh interchange reference (carriers never reuse one)."""
        self.counter[0] += 1
        return f"T{os.getpid() % 10000:04d}{self.counter[0]:06d}"


def _settings(home: Path, url: str) -> Settings:
    return Settings(home=home, database_url=url)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def served(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_schema_factory: object,  # noqa: F811
) -> Iterator[Served]:
    home = tmp_path_factory.mktemp("served")
    url = fresh_url(request.param, home, postgres_schema_factory)
    workspace = open_workspace(_settings(home, url.render_as_string(hide_password=False)))
    assert workspace.audit.head_path == home / "audit-head.json"
    un = bundled_un_list()
    import_watchlist(workspace, un, sha256=BUNDLED_UN_SHA256, source="bundled")
    tokens = {role: create_user(workspace, f"{role.value}-one", role).token for role in Role}
    day = generate_day(un, seed=5, day=DAY, flights=2, passengers_per_flight=(20, 30), planted=2, namesakes=1)
    app = create_app(workspace)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Served(workspace, app, client, tokens, day, home, un)
    workspace.close()


__all__ = ["AuditConfig", "Served"]
