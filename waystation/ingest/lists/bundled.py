"""The watchlist shipped inside the package: the public UN consolidated list.

``make demo`` must work from a clean clone without the network, so a copy of the UN list is
package data (``waystation/data/lists``, with its source and sha256 in the README there). It is
a historical snapshot: real deployments import the current list.
"""

from __future__ import annotations

import hashlib
from importlib import resources

from waystation.exc import Locator, WatchlistError
from waystation.ingest.lists.un_xml import read_un_xml
from waystation.model import Watchlist

__all__ = ["BUNDLED_UN_FILE", "BUNDLED_UN_SHA256", "bundled_un_bytes", "bundled_un_list"]

BUNDLED_UN_FILE = "un-consolidated.xml"
BUNDLED_UN_SHA256 = "1f1b3bfe29a53e7ac7c42ee4e58d6a7d1ebdf7c5e91fd990d3e63aefe0313dea"
_SOURCE = f"waystation/data/lists/{BUNDLED_UN_FILE}"


def bundled_un_bytes(*, verify: bool = True) -> bytes:
    """The bundled UN list as stored (checked against its recorded sha256 unless told not to)."""
    data = resources.files("waystation.data").joinpath("lists", BUNDLED_UN_FILE).read_bytes()
    if verify and hashlib.sha256(data).hexdigest() != BUNDLED_UN_SHA256:
        raise WatchlistError(
            "the bundled list does not match its recorded sha256 (edited or damaged)", Locator(_SOURCE)
        )
    return data


def bundled_un_list() -> Watchlist:
    """The bundled UN list, read (its ``source`` names the package file)."""
    return read_un_xml(bundled_un_bytes(), _SOURCE)
