"""FollowTheMoney JSON lines (the OpenSanctions Zala Aero fixture; a format sample, not CT data)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest

from tests.conftest import WATCHLISTS
from waystation.exc import WatchlistError
from waystation.ingest.lists import read_watchlist, sniff_watchlist
from waystation.ingest.lists.ftm import read_ftm
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

FILE = WATCHLISTS / "opensanctions-zala-entities.ftm.json"


@pytest.fixture(scope="module")
def zala() -> Watchlist:
    return read_watchlist(FILE)


def test_sniffed_and_counted(zala: Watchlist) -> None:
    assert sniff_watchlist(FILE.read_bytes()).name == "ftm_json"
    # 6 Person and 11 Company entities; 3 companies are not targets and are left out.
    assert Counter(e.kind for e in zala.entries) == {EntryKind.PERSON: 6, EntryKind.ORGANIZATION: 8}
    assert zala.version == "sha256:3f718f1328ae368d"
    assert zala.published == datetime(2026, 4, 29, 7, 55, 2)
    # The one Passport entity names its holder but gives no number.
    assert [i.code for i in zala.issues] == ["document_without_number"]


def test_person_names_in_both_scripts(zala: Watchlist) -> None:
    entry = zala.by_id()["NK-aU5ybkbRFJucf8YMwsJvDw"]
    primary = entry.names[0]
    assert [(p.text, p.kind) for p in primary.parts] == [
        ("Alexander", NamePartKind.GIVEN),
        ("Vyacheslavovich", NamePartKind.PATRONYMIC),
        ("Zakharov", NamePartKind.FAMILY),
    ]
    by_text = {n.full: n for n in entry.names}
    cyrillic = by_text["Александр Вячеславович Захаров"]
    assert (cyrillic.role, cyrillic.script) == (NameRole.ORIGINAL_SCRIPT, "Cyrl")
    assert by_text["Aleksandr Vjačeslavovič Zacharov"].script == "Latn"
    # "ZAKHAROV, Aleksandr Vyacheslavovich" and "Aleksandr Vyacheslavovich ZAKHAROV" are one name
    # with "Aleksandr Vyacheslavovich Zakharov": letter case is not a difference.
    assert len(entry.names) == 11
    assert not any("," in n.full or n.full == "Aleksandr Vyacheslavovich ZAKHAROV" for n in entry.names)
    assert entry.birth_dates == (BirthDate(PartialDate(1965, 9, 21)),)
    assert entry.gender is Sex.MALE
    assert entry.nationalities == ("RUS",)
    assert entry.documents == (IdentityDocument("other", "183111242406", None, "tax number"),)
    assert "EU-UKR" in entry.programmes
    assert entry.listed_on == date(2023, 7, 1)


def test_documents_from_labelled_values(zala: Watchlist) -> None:
    entries = zala.by_id()
    # idNumber "Taxpayer No. 184101937739" and "184101937739" are one document.
    assert entries["NK-JseaPJctnK9o8wrmz8xmoT"].documents == (
        IdentityDocument("other", "184101937739", None, "Taxpayer No"),
    )
    assert entries["NK-hUAjuiA3vTKXF6v2X6MYnS"].documents == (IdentityDocument("passport", "089132114"),)
    osetrova = entries["NK-2Tbri3s6GgNtAwsSXh4qpL"]
    assert osetrova.gender is Sex.FEMALE
    assert osetrova.birth_places == ("Russia", "Izhevsk")


def test_organisation_with_weak_aliases(zala: Watchlist) -> None:
    entry = zala.by_id()["NK-abdzbEBkqyT29GyREbiURZ"]
    assert entry.kind is EntryKind.ORGANIZATION
    assert entry.names[0].full == "LLC CST"
    weak = [n.full for n in entry.names if n.quality is NameQuality.WEAK]
    assert weak == ["TsST LLC", "CST, OOO", "OOO TSST", "CST LLC", "CST", "TsST, OOO", "ZALA"]
    scripts = Counter(n.script for n in entry.names)
    assert scripts["Cyrl"] == 10
    assert scripts["Kana"] == 7
    assert entry.listed_on == date(2021, 10, 30)


def test_non_latin_caption_falls_back_to_a_latin_name(zala: Watchlist) -> None:
    entry = zala.by_id()["NK-DSxJ9ZzHxBBMyEMnnTBhai"]  # caption is Ukrainian Cyrillic
    assert entry.names[0].full == 'Joint-Stock Company "TransKomplektHolding"'
    assert entry.names[0].role is NameRole.PRIMARY


@pytest.mark.parametrize(
    ("data", "reason", "line"),
    [
        (b"", "the file is empty", None),
        (b'{"id": "a", "schema": "Person", "properties": {}}\n{broken', "not a JSON object", 2),
        (b'{"id": "a", "properties": {}}', "not a FollowTheMoney entity", 1),
        (b'{"id": "a", "schema": "Address", "properties": {}}', "holds no target", None),
    ],
)
def test_bad_files(data: bytes, reason: str, line: int | None) -> None:
    with pytest.raises(WatchlistError) as caught:
        read_ftm(data, "x.json")
    assert reason in caught.value.reason
    assert caught.value.locator.source == "x.json"
    assert caught.value.locator.line == line
