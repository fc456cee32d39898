"""Watchlists in, :class:`~waystation.model.Watchlist` out: UN XML, OFAC, FollowTheMoney, CSV.

One entry point, :func:`read_watchlist`, picks the reader by format name or by sniffing; each
reader is lenient per value (issues recorded on the watchlist) and strict per file
(:class:`~waystation.exc.WatchlistError` naming the file). XML is read without entity expansion
or network access. :func:`diff_watchlists` says what a new version added, removed and changed.
The formats and their choices are described in docs/watchlists.md.
"""

from waystation.ingest.lists.bundled import BUNDLED_UN_SHA256, bundled_un_bytes, bundled_un_list
from waystation.ingest.lists.diff import EntryChange, FieldChange, ListDiff, diff_watchlists
from waystation.ingest.lists.ftm import read_ftm
from waystation.ingest.lists.national_csv import read_national_csv
from waystation.ingest.lists.ofac_csv import read_ofac_csv
from waystation.ingest.lists.ofac_xml import read_ofac_xml
from waystation.ingest.lists.os_simple import read_os_simple
from waystation.ingest.lists.registry import (
    WatchlistReader,
    read_watchlist,
    reader_for,
    readers,
    register,
    sniff_watchlist,
)
from waystation.ingest.lists.scripts import detect_script
from waystation.ingest.lists.uk_hmt import read_uk_hmt
from waystation.ingest.lists.un_xml import read_un_xml

__all__ = [
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
