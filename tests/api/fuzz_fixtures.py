"""A served workspace of its own for the fuzzers: they change state at random (policies, users,
national entries), which must not leak into the other API tests."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import DAY, Served
from tests.store.conftest import fresh_url
from waystation.api import create_app
from waystation.cases.vocab import Role
from waystation.ingest.lists import BUNDLED_UN_SHA256, bundled_un_list
from waystation.services.lists import import_watchlist
from waystation.services.users import create_user
from waystation.services.workspace import open_workspace
from waystation.settings import Settings
from waystation.synth import generate_day
from waystation.synth.render_edifact import render_paxlst

__all__ = ["EXAMPLES", "fuzz_served"]

EXAMPLES = int(os.environ.get("WAYSTATION_FUZZ_EXAMPLES", "12"))


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def fuzz_served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, postgres_schema_factory: object
) -> Iterator[Served]:
    home = tmp_path_factory.mktemp("fuzz")
    url = fresh_url(request.param, home, postgres_schema_factory)
    workspace = open_workspace(Settings(home=home, database_url=url.render_as_string(hide_password=False)))
    un = bundled_un_list()
    import_watchlist(workspace, un, sha256=BUNDLED_UN_SHA256, source="bundled")
    tokens = {role: create_user(workspace, f"{role.value}-fuzz", role).token for role in Role}
    day = generate_day(un, seed=9, day=DAY, flights=2, passengers_per_flight=(10, 12), planted=1)
    app = create_app(workspace)
    with TestClient(app, raise_server_exceptions=False) as client:
        served = Served(workspace, app, client, tokens, day, home, un)
        for number, flight in enumerate(day.flights):
            data = render_paxlst(flight, f"FUZZ{number:04d}")
            assert client.post("/v1/messages", content=data, headers=served.headers(Role.CARRIER)).is_success
        yield served
    workspace.close()
