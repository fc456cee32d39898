"""OFAC's XML format, read from the non-SDN consolidated list (same schema as sdn.xml)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from tests.conftest import WATCHLISTS
from waystation.exc import WatchlistError
from waystation.ingest.lists import read_watchlist
from waystation.ingest.lists.ofac_xml import read_ofac_xml
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


@pytest.fixture(scope="module")
def nonsdn() -> Watchlist:
    return read_watchlist(WATCHLISTS / "ofac-consolidated-nonsdn.xml")


def test_counts_and_version(nonsdn: Watchlist) -> None:
    assert nonsdn.source_format == "ofac_xml"
    assert nonsdn.version == "2026-01-08"
    assert nonsdn.published == datetime(2026, 1, 8)
    assert nonsdn.issues == ()  # Record_Count 442 agrees
    assert Counter(e.kind for e in nonsdn.entries) == {EntryKind.ORGANIZATION: 363, EntryKind.PERSON: 79}
    persons = [e for e in nonsdn.entries if e.kind is EntryKind.PERSON]
    assert sum(len(e.names) - 1 for e in persons) == 87
    programmes = Counter(p for e in nonsdn.entries for p in e.programmes)
    assert programmes["UKRAINE-EO13662"] == 286
    assert programmes["NS-PLC"] == 78


def test_palestinian_legislative_council_entry(nonsdn: Watchlist) -> None:
    entry = nonsdn.by_id()["9640"]
    assert [(p.text, p.kind) for p in entry.names[0].parts] == [
        ("Mohammed", NamePartKind.GIVEN),
        ("ABU TEIR", NamePartKind.FAMILY),
    ]
    assert [n.full for n in entry.names[1:]] == ["Mohammed Mahmud ABU TAIR", "Mohammad Mahmoud ABOU TAYR"]
    assert entry.birth_dates == (BirthDate(PartialDate(1951)),)
    assert entry.birth_places == ("Umm Tuba",)
    assert entry.programmes == ("NS-PLC",)


def test_weak_aliases_gender_nationality(nonsdn: Watchlist) -> None:
    entry = nonsdn.by_id()["9647"]
    assert entry.gender is Sex.MALE
    assert entry.nationalities == ("PSE",)
    assert entry.programmes == ("NS-PLC", "SDGT")
    weak = [(n.family, n.given) for n in entry.names if n.quality is NameQuality.WEAK]
    assert weak == [("ZAHAR", "Mahmoud"), ("AL-ZAHAR", "Mahmoud")]


def test_documents_from_the_id_list(nonsdn: Watchlist) -> None:
    entry = nonsdn.by_id()["50476"]
    assert entry.documents == (
        IdentityDocument("national_id", "0032768386", "HTI"),
        IdentityDocument("other", "M634550610520", "USA", "Driver's License No."),
    )
    assert entry.birth_dates == (BirthDate(PartialDate(1961, 2, 12)),)
    assert [n.full for n in entry.names if n.quality is NameQuality.WEAK] == ["Sweet Micky"]
    assert entry.remarks is not None
    assert "Executive Order 14059 information: Prohibition" in entry.remarks


def test_entity_identifiers(nonsdn: Watchlist) -> None:
    entities = [e for e in nonsdn.entries if e.kind is EntryKind.ORGANIZATION]
    # Tax numbers are documents (kind "other"); registration numbers and notes are remarks.
    kinds = Counter((d.kind, d.note) for e in entities for d in e.documents)
    assert kinds == {("other", "Tax ID No."): 222}
    with_registration = [e for e in entities if e.remarks and "Registration ID: " in e.remarks]
    assert len(with_registration) > 100
    former = [n for e in entities for n in e.names if n.role is NameRole.FORMER]
    assert len(former) == 144


def test_not_an_ofac_list() -> None:
    with pytest.raises(WatchlistError) as caught:
        read_ofac_xml(b"<CONSOLIDATED_LIST/>", "un.xml")
    assert "not an OFAC XML list" in caught.value.reason
    assert caught.value.locator.source == "un.xml"


def test_record_count_mismatch_is_an_issue() -> None:
    data = (WATCHLISTS / "ofac-consolidated-nonsdn.xml").read_bytes()
    changed = data.replace(b"<Record_Count>442</Record_Count>", b"<Record_Count>443</Record_Count>")
    listed = read_ofac_xml(changed, "ofac.xml")
    assert [i.code for i in listed.issues] == ["count_mismatch"]
    assert len(listed.entries) == 442
