"""The watchlist registry: formats by name, sniffing, and the one entry point."""

from __future__ import annotations

import pytest

from tests.conftest import WATCHLISTS
from waystation.exc import UnknownFormat
from waystation.ingest.lists import read_watchlist, reader_for, readers, sniff_watchlist


def test_un_reader_is_registered() -> None:
    assert "un_xml" in readers()
    assert reader_for("un_xml").name == "un_xml"
    with pytest.raises(UnknownFormat) as caught:
        reader_for("eu_xml")
    assert "un_xml" in caught.value.reason


def test_sniffing_picks_the_un_reader() -> None:
    head = (WATCHLISTS / "un-consolidated.xml").read_bytes()[:8192]
    assert sniff_watchlist(head).name == "un_xml"


def test_read_from_path_with_a_name() -> None:
    path = WATCHLISTS / "un-consolidated-2026-01-28.xml"
    listed = read_watchlist(path, name="un-january")
    assert listed.name == "un-january"
    assert listed.source == str(path)
    assert listed.version == "2026-01-28T00:00:11.197Z"
    assert len(listed.entries) == 999


def test_read_from_bytes_by_format() -> None:
    data = (WATCHLISTS / "un-consolidated.xml").read_bytes()
    listed = read_watchlist(data, format="un_xml", source="un.xml")
    assert listed.name == "un-consolidated"
    assert listed.entries[0].entry_id == "SDi.007"
    assert listed.entries[0].provenance is not None
    assert str(listed.entries[0].provenance) == "un.xml, segment INDIVIDUAL, line 4"
