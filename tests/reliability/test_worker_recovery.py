"""Recovery runs once per service start, never inside each of several workers.

A worker still starting used to recover every message left ``received`` — including one another
worker had just received and was processing, whose carrier then got HTTP 409 "already parsed"
(seen in the gateway benchmark with two PostgreSQL workers). The app can be built without
recovery, and ``waystation serve --workers N`` recovers once before it starts the workers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SAMPLES
from tests.reliability.server import served_store
from tests.store.conftest import fresh_url, postgres_schema_factory  # noqa: F401  (fixture)
from waystation.api import create_app
from waystation.services.workspace import Workspace, open_workspace
from waystation.settings import Settings
from waystation.store import MessageStatus, get_message, receive_message

SAMPLE = "paxlst-astra-1.edi"


def _left_received(workspace: Workspace) -> int:
    """A message whose bytes were kept and whose processing never ran, as a kill leaves it."""
    data = (SAMPLES / SAMPLE).read_bytes()
    return receive_message(workspace.sessions, data, source=SAMPLE).id


def _status(workspace: Workspace, message_id: int) -> MessageStatus:
    with workspace.transaction() as session:
        return get_message(session, message_id).status


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_app_recovers_at_start_unless_told_not_to(
    backend: str,
    tmp_path: Path,
    postgres_schema_factory: object,  # noqa: F811
) -> None:
    url = fresh_url(backend, tmp_path, postgres_schema_factory).render_as_string(hide_password=False)
    workspace = open_workspace(Settings(home=tmp_path / "home", database_url=url))
    try:
        pending = _left_received(workspace)
        with TestClient(create_app(workspace, recover_at_start=False)):
            assert _status(workspace, pending) is MessageStatus.RECEIVED  # a worker's app leaves it
        with TestClient(create_app(workspace)):
            assert _status(workspace, pending) is MessageStatus.PARSED
    finally:
        workspace.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_serve_with_workers_recovers_before_they_take_requests(
    backend: str,
    tmp_path: Path,
    postgres_schema_factory: object,  # noqa: F811
) -> None:
    workspace, server = served_store(backend, tmp_path, postgres_schema_factory, workers=2)
    try:
        pending = _left_received(workspace)
        server.start()
        assert _status(workspace, pending) is MessageStatus.PARSED
    finally:
        server.stop()
        workspace.close()
