"""The UN list shipped as package data: the demo's list, offline, from a clean clone."""

from __future__ import annotations

import hashlib

from tests.conftest import WATCHLISTS
from waystation.ingest.lists import BUNDLED_UN_SHA256, bundled_un_bytes, bundled_un_list


def test_bundled_bytes_are_the_published_may_file() -> None:
    data = bundled_un_bytes()
    assert hashlib.sha256(data).hexdigest() == BUNDLED_UN_SHA256
    assert data == (WATCHLISTS / "un-consolidated.xml").read_bytes()


def test_bundled_list_reads() -> None:
    listed = bundled_un_list()
    assert listed.version == "2026-05-08T23:00:06.922Z"
    assert listed.source == "waystation/data/lists/un-consolidated.xml"
    assert len(listed.entries) == 1009
    assert listed.by_id()["QDi.437"].names[0].full
