"""Watchlists in, :class:`~waystation.model.Watchlist` out: UN XML, OFAC, FollowTheMoney, CSV.

One entry point, :func:`read_watchlist`, picks the reader by format name or by sniffing; each
reader is lenient per value (issues recorded on the watchlist) and strict per file
(:class:`~waystation.exc.WatchlistError` naming the file). XML is read without entity expansion
or network access.
"""

from waystation.ingest.lists.bundled import BUNDLED_UN_SHA256, bundled_un_bytes, bundled_un_list
from waystation.ingest.lists.diff import EntryChange, FieldChange, ListDiff, diff_watchlists
from waystation.ingest.lists.registry import (
    WatchlistReader,
    read_watchlist,
    reader_for,
    readers,
    register,
    sniff_watchlist,
)
from waystation.ingest.lists.un_xml import read_un_xml

__all__ = [
    "BUNDLED_UN_SHA256",
    "EntryChange",
    "FieldChange",
    "ListDiff",
    "WatchlistReader",
    "bundled_un_bytes",
    "bundled_un_list",
    "diff_watchlists",
    "read_un_xml",
    "read_watchlist",
    "reader_for",
    "readers",
    "register",
    "sniff_watchlist",
]
