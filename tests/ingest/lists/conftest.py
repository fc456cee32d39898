"""The real lists, read once per test session (each takes a fraction of a second)."""

from __future__ import annotations

import pytest

from tests.conftest import WATCHLISTS
from waystation.ingest.lists import read_un_xml, read_watchlist
from waystation.model import Watchlist


@pytest.fixture(scope="session")
def un_may() -> Watchlist:
    path = WATCHLISTS / "un-consolidated.xml"
    return read_un_xml(path.read_bytes(), path.name)


@pytest.fixture(scope="session")
def un_january() -> Watchlist:
    path = WATCHLISTS / "un-consolidated-2026-01-28.xml"
    return read_un_xml(path.read_bytes(), path.name)


@pytest.fixture(scope="session")
def ofac_sdn() -> Watchlist:
    return read_watchlist(WATCHLISTS / "ofac-sdn.csv")
