"""The national-list CSV format of docs/watchlists.md."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from waystation.exc import WatchlistError
from waystation.ingest.lists import read_watchlist, sniff_watchlist
from waystation.ingest.lists.national_csv import read_national_csv
from waystation.model import (
    BirthDate,
    EntryKind,
    IdentityDocument,
    NamePartKind,
    NameQuality,
    NameRole,
    PartialDate,
    Sex,
    Watchlist,
)

FIXTURE = Path(__file__).parent / "fixtures" / "national.csv"


@pytest.fixture(scope="module")
def national() -> Watchlist:
    return read_watchlist(FIXTURE, name="national-ftf")


def test_sniffed_named_and_versioned(national: Watchlist) -> None:
    assert sniff_watchlist(FIXTURE.read_bytes()).name == "national_csv"
    assert national.name == "national-ftf"
    assert national.version.startswith("sha256:")
    assert [e.entry_id for e in national.entries] == ["NAT-001", "NAT-002", "NAT-003", "NAT-004"]


def test_full_row(national: Watchlist) -> None:
    entry = national.by_id()["NAT-001"]
    assert entry.kind is EntryKind.PERSON
    assert [(p.text, p.kind) for p in entry.names[0].parts] == [
        ("Khalid Yusuf", NamePartKind.GIVEN),
        ("AL-HAMADI", NamePartKind.FAMILY),
    ]
    assert [(n.full, n.role, n.quality, n.script) for n in entry.names[1:]] == [
        ("Abu Yusuf al-Iraqi", NameRole.ALIAS, NameQuality.STRONG, "Latn"),
        ("Abu Yusuf", NameRole.ALIAS, NameQuality.WEAK, "Latn"),
        ("خالد يوسف الحمادي", NameRole.ORIGINAL_SCRIPT, NameQuality.STRONG, "Arab"),
    ]
    assert entry.birth_dates == (
        BirthDate(PartialDate(1984, 3, 12)),
        BirthDate(PartialDate(1983), approximate=True),
    )
    assert entry.birth_places == ("Mosul, Iraq",)
    assert entry.nationalities == ("IRQ", "SYR")
    assert entry.documents == (
        IdentityDocument("passport", "A1234567", "IRQ"),
        IdentityDocument("national_id", "00112233445", "IRQ"),
    )
    assert entry.gender is Sex.MALE
    assert entry.programmes == ("National FTF list",)
    assert entry.listed_on == date(2025, 11, 3)
    assert entry.remarks == "Returned from Syria in 2024."


def test_ranges_former_names_icao_letters(national: Watchlist) -> None:
    entry = national.by_id()["NAT-002"]
    assert entry.birth_dates == (BirthDate(PartialDate(1990), PartialDate(1992)),)
    assert [(n.full, n.role) for n in entry.names] == [
        ("Timur BEKOV", NameRole.PRIMARY),
        ("Timur ISMAILOV", NameRole.FORMER),
    ]
    assert entry.nationalities == ("RUS",)
    assert entry.documents == (IdentityDocument("passport", "751234567", "RUS"),)
    organisation = national.by_id()["NAT-003"]
    assert organisation.kind is EntryKind.ORGANIZATION
    assert [n.full for n in organisation.names] == ["Sham Relief Fund", "SRF"]


def test_bad_values_are_issues_not_failures(national: Watchlist) -> None:
    entry = national.by_id()["NAT-004"]
    assert entry.birth_dates == (BirthDate(PartialDate(1995)),)  # 30 February dropped
    assert entry.nationalities == ("UZB",)
    assert entry.documents == (IdentityDocument("passport", "FA99887766"),)
    assert entry.gender is None
    assert entry.listed_on is None
    found = sorted((i.locator.line, i.code) for i in national.issues)
    assert found == [
        (5, "bad_date"),
        (5, "bad_date"),
        (5, "bad_document"),
        (5, "bad_gender"),
        (5, "unknown_country"),
        (6, "missing_value"),
        (7, "duplicate_id"),
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"ref,surname\nX,Y\n", "lacks the column(s) id, names"),
        (b"id,names\n,\n", "holds no readable entry"),
        (b"id,names\n1,\xff\xfe\n", "not UTF-8"),
    ],
)
def test_bad_files(data: bytes, reason: str) -> None:
    with pytest.raises(WatchlistError) as caught:
        read_national_csv(data, "list.csv")
    assert reason in caught.value.reason
    assert caught.value.locator.source == "list.csv"
