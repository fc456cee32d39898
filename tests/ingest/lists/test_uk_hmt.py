"""The UK HM Treasury consolidated list of 2018: Windows-1252, one row per name, grouped."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest

from tests.conftest import WATCHLISTS
from waystation.exc import WatchlistError
from waystation.ingest.lists import read_watchlist, sniff_watchlist
from waystation.ingest.lists.uk_hmt import read_uk_hmt
from waystation.model import (
    BirthDate,
    EntryKind,
    IdentityDocument,
    NamePartKind,
    NameRole,
    PartialDate,
    Watchlist,
)

FILE = WATCHLISTS / "uk-hmt-conlist-2018-04-13.csv"
ISIL = "The ISIL (Da'esh) and Al-Qaida organisations"


@pytest.fixture(scope="module")
def hmt() -> Watchlist:
    return read_watchlist(FILE)


def test_groups_and_version(hmt: Watchlist) -> None:
    assert sniff_watchlist(FILE.read_bytes()[:4096]).name == "uk_hmt_csv"
    assert hmt.version == "2018-04-13"
    assert hmt.published == datetime(2018, 4, 13)
    assert len(hmt.entries) == 2106  # Group IDs
    isil = [e for e in hmt.entries if ISIL in e.programmes]
    assert len(isil) == 344
    assert Counter(e.kind for e in isil)[EntryKind.PERSON] == 262
    # Three nationalities the reader does not guess: "Qatarian", "Afgan", "DRC and Belgian nationalities".
    assert Counter(i.code for i in hmt.issues) == {"unknown_country": 3}


def test_rows_of_one_group_merge(hmt: Watchlist) -> None:
    entry = hmt.by_id()["13616"]
    primary = entry.names[0]
    assert primary.role is NameRole.PRIMARY
    assert [(p.text, p.kind) for p in primary.parts] == [
        ("Umar", NamePartKind.GIVEN),
        ("Mahmud", NamePartKind.MIDDLE),
        ("Irhayyim", NamePartKind.MIDDLE),
        ("AL-KUBAYSI", NamePartKind.FAMILY),
    ]
    assert len(entry.names) == 10
    assert entry.birth_dates[0] == BirthDate(PartialDate(1967, 6, 16))
    assert entry.birth_places == ("Al-Qaim, Al-Anbar Province, Iraq",)
    assert entry.nationalities == ("IRQ",)
    assert entry.listed_on == date(2018, 3, 7)
    assert [(d.kind, d.number, d.country) for d in entry.documents] == [
        ("passport", "A4059346", "IRQ"),
        ("national_id", "00405771", "IRQ"),
        ("national_id", "540763", "IRQ"),
    ]


def test_windows_1252_and_partial_dates(hmt: Watchlist) -> None:
    entry = hmt.by_id()["13349"]
    assert entry.nationalities == ("SAU", "QAT")  # "1) Saudi Arabia 2) Qatar"
    assert entry.birth_dates == (BirthDate(PartialDate(1980)), BirthDate(PartialDate(1981)))  # 00/00/1980
    assert entry.documents == (
        IdentityDocument(
            "passport", "592667", "QAT", "Passport No: 592667 (Qatari passport issued on 3 May 2007)"
        ),
    )
    curly = [e for e in hmt.entries if e.remarks and "“Fundamental”" in e.remarks]
    assert [e.entry_id for e in curly] == ["12999"]  # bytes 0x93/0x94 read as curly quotes


def test_not_an_hmt_file() -> None:
    with pytest.raises(WatchlistError) as caught:
        read_uk_hmt(b"Name 6,Name 1\n", "uk.csv")
    assert "not an HMT consolidated list" in caught.value.reason
