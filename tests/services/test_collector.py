"""The collector: a service never changes it; the command line freezes each analysed list."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tests.services.conftest import Fresh
from waystation.cli.process import YOUNG_THRESHOLD, prepare_process
from waystation.ingest.lists import BUNDLED_UN_SHA256, bundled_un_list
from waystation.services.lists import import_watchlist
from waystation.services.screening import active_versions, screener_for


@pytest.fixture
def collector() -> Iterator[None]:
    """Put the interpreter's collector back as it was."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_a_service_leaves_the_collector_alone(fresh: Fresh, collector: None) -> None:
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    import_watchlist(fresh.workspace, bundled_un_list(), sha256=BUNDLED_UN_SHA256, source="bundled")
    screener_for(fresh.workspace, active_versions(fresh.workspace))
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == (700, 10, 10)


def test_the_command_line_freezes_each_analysed_list(fresh: Fresh, collector: None) -> None:
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    workspace = prepare_process(fresh.workspace)
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
    import_watchlist(workspace, bundled_un_list(), sha256=BUNDLED_UN_SHA256, source="bundled")
    assert gc.get_freeze_count() == 0  # nothing analysed yet
    screener = screener_for(workspace, active_versions(workspace))
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # the analysed index, out of the collector's way
    assert screener_for(workspace, active_versions(workspace)) is screener  # cached: frozen once
    assert gc.get_freeze_count() <= frozen  # (frozen objects still die when unreferenced)
