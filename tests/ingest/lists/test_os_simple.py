"""OpenSanctions targets.simple.csv (INTERPOL Red Notices export): the large second list."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.conftest import WATCHLISTS
from waystation.exc import WatchlistError
from waystation.ingest.lists import read_watchlist, sniff_watchlist
from waystation.ingest.lists.os_simple import read_os_simple
from waystation.model import BirthDate, EntryKind, NameRole, PartialDate, Watchlist

FILE = WATCHLISTS / "opensanctions-interpol-red-notices-targets.simple.csv"


@pytest.fixture(scope="module")
def red_notices() -> Watchlist:
    return read_watchlist(FILE)


def test_counts_match_the_source_notes(red_notices: Watchlist) -> None:
    assert sniff_watchlist(FILE.read_bytes()[:4096]).name == "os_targets_simple"
    assert len(red_notices.entries) == 6561
    assert {e.kind for e in red_notices.entries} == {EntryKind.PERSON}
    dates = [d for e in red_notices.entries for d in e.birth_dates]
    assert sum(d.earliest.is_complete for d in dates) == 6436
    assert sum(d.earliest.month is None for d in dates) == 121
    assert sum(not e.birth_dates for e in red_notices.entries) == 4
    assert sum(len(e.names) > 1 for e in red_notices.entries) == 2
    countries = Counter(c for e in red_notices.entries for c in e.nationalities)
    assert countries.most_common(2) == [("RUS", 3052), ("SLV", 846)]
    assert sum("terror" in (e.remarks or "").lower() for e in red_notices.entries) == 1878
    assert red_notices.issues == ()


def test_one_row(red_notices: Watchlist) -> None:
    entry = red_notices.by_id()["NK-224TRezPqwzhQZ37exWxtX"]
    assert entry.names[0].full == "SANAVBARI NIKITENKO"
    assert entry.birth_dates == (BirthDate(PartialDate(1992, 6, 28)),)
    assert entry.nationalities == ("RUS", "TJK")
    assert entry.remarks == (
        "Red Notice - participation in the activity of a terrorist organization\n"
        "participation in the activity of an illegal armed formation\n"
        "Dataset: INTERPOL Red Notices"
    )
    with_alias = [e for e in red_notices.entries if len(e.names) > 1]
    assert all(e.names[1].role is NameRole.ALIAS for e in with_alias)


def test_wrong_header() -> None:
    with pytest.raises(WatchlistError) as caught:
        read_os_simple(b"id,name\n1,2\n", "t.csv")
    assert "targets.simple" in caught.value.reason
