"""The watchlist package's public surface is pinned, and every built-in format is registered."""

from __future__ import annotations

import waystation.ingest.lists as lists


def test_public_surface() -> None:
    assert sorted(lists.__all__) == [
        "BUNDLED_UN_SHA256",
        "EntryChange",
        "FieldChange",
        "ListDiff",
        "WatchlistReader",
        "bundled_un_bytes",
        "bundled_un_list",
        "detect_script",
        "diff_watchlists",
        "read_ftm",
        "read_national_csv",
        "read_ofac_csv",
        "read_ofac_xml",
        "read_os_simple",
        "read_uk_hmt",
        "read_un_xml",
        "read_watchlist",
        "reader_for",
        "readers",
        "register",
        "sniff_watchlist",
    ]
    for name in lists.__all__:
        assert hasattr(lists, name), name


def test_builtin_formats() -> None:
    assert sorted(lists.readers()) == [
        "ftm_json",
        "national_csv",
        "ofac_csv",
        "ofac_xml",
        "os_targets_simple",
        "uk_hmt_csv",
        "un_xml",
    ]
    assert sorted(lists.reader_for("ofac_csv").siblings) == ["add", "alt", "comments"]
