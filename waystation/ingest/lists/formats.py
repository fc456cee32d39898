"""The built-in watchlist formats; importing this module registers them."""

from __future__ import annotations

from waystation.ingest.lists import un_xml
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
