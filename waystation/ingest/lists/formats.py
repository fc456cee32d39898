"""The built-in watchlist formats; importing this module registers them."""

from __future__ import annotations

from functools import partial

from waystation.ingest.lists import ftm, national_csv, ofac_csv, ofac_xml, os_simple, uk_hmt, un_xml
from waystation.ingest.lists.registry import Siblings, WatchlistReader, register
from waystation.model import Watchlist

__all__: list[str] = []


def _un(data: bytes, source: str, siblings: Siblings) -> Watchlist:
    return un_xml.read_un_xml(data, source)


register(
    WatchlistReader(
        name=un_xml.FORMAT,
        description="UN Security Council Consolidated List (XML)",
        sniff=un_xml.sniff,
        read=_un,
    )
)


def _ofac_csv(data: bytes, source: str, siblings: Siblings) -> Watchlist:
    return ofac_csv.read_ofac_csv(data, source, dict(siblings))


register(
    WatchlistReader(
        name=ofac_csv.FORMAT,
        description="OFAC SDN list, CSV set (sdn.csv with alt.csv, add.csv, sdn_comments.csv beside it)",
        sniff=ofac_csv.sniff,
        read=_ofac_csv,
        siblings={role: partial(ofac_csv.sibling_path, role=role) for role in ofac_csv.SIBLINGS},
    )
)


def _ofac_xml(data: bytes, source: str, siblings: Siblings) -> Watchlist:
    return ofac_xml.read_ofac_xml(data, source)


register(
    WatchlistReader(
        name=ofac_xml.FORMAT,
        description="OFAC XML list (sdn.xml schema; also the non-SDN consolidated list)",
        sniff=ofac_xml.sniff,
        read=_ofac_xml,
    )
)


def _ftm(data: bytes, source: str, siblings: Siblings) -> Watchlist:
    return ftm.read_ftm(data, source)


register(
    WatchlistReader(
        name=ftm.FORMAT,
        description="FollowTheMoney entities, JSON lines (OpenSanctions exports)",
        sniff=ftm.sniff,
        read=_ftm,
    )
)


def _national(data: bytes, source: str, siblings: Siblings) -> Watchlist:
    return national_csv.read_national_csv(data, source)


register(
    WatchlistReader(
        name=national_csv.FORMAT,
        description="National list CSV (docs/watchlists.md): id, kind, names, birth_dates, documents, ...",
        sniff=national_csv.sniff,
        read=_national,
    )
)


def _os_simple(data: bytes, source: str, siblings: Siblings) -> Watchlist:
    return os_simple.read_os_simple(data, source)


register(
    WatchlistReader(
        name=os_simple.FORMAT,
        description="OpenSanctions targets.simple.csv (flat, lossy; a large second list)",
        sniff=os_simple.sniff,
        read=_os_simple,
    )
)


def _uk_hmt(data: bytes, source: str, siblings: Siblings) -> Watchlist:
    return uk_hmt.read_uk_hmt(data, source)


register(
    WatchlistReader(
        name=uk_hmt.FORMAT,
        description="UK HM Treasury consolidated list, 2018 CSV (Windows-1252, one row per name)",
        sniff=uk_hmt.sniff,
        read=_uk_hmt,
    )
)
