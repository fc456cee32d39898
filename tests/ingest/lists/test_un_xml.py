"""The UN consolidated list, checked against the counts in SOURCES.md and entry by entry."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

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


def test_version_and_counts(un_may: Watchlist) -> None:
    assert un_may.version == "2026-05-08T23:00:06.922Z"
    assert un_may.published == datetime(2026, 5, 8, 23, 0, 6, 922000, tzinfo=UTC)
    assert un_may.source_format == "un_xml"
    kinds = Counter(e.kind for e in un_may.entries)
    assert kinds == {EntryKind.PERSON: 737, EntryKind.ORGANIZATION: 272}
    assert sum(e.entry_id.startswith("QDi.") for e in un_may.entries) == 255
    assert sum(e.entry_id.startswith("QDe.") for e in un_may.entries) == 88
    programmes = Counter(e.programmes[0] for e in un_may.entries if e.kind is EntryKind.PERSON)
    assert programmes["Al-Qaida"] == 255
    assert programmes["Taliban"] == 135
    assert programmes["DPRK"] == 80
    assert programmes["SouthSudan"] == 8
    assert len({e.entry_id for e in un_may.entries}) == 1009


def test_january_copy_counts(un_january: Watchlist) -> None:
    assert un_january.version == "2026-01-28T00:00:11.197Z"
    kinds = Counter(e.kind for e in un_january.entries)
    assert kinds == {EntryKind.PERSON: 726, EntryKind.ORGANIZATION: 273}
    assert sum(e.entry_id.startswith("QDi.") for e in un_january.entries) == 252
    assert sum(e.entry_id.startswith("QDe.") for e in un_january.entries) == 89


def test_every_country_and_date_resolves(un_may: Watchlist) -> None:
    # The only issues in the May file: three documents that give no number at all.
    assert Counter(i.code for i in un_may.issues) == {"document_without_number": 3}
    persons = [e for e in un_may.entries if e.kind is EntryKind.PERSON]
    listed = [d for e in persons for d in e.birth_dates if not (d.note or "").startswith("given with alias")]
    # 947 INDIVIDUAL_DATE_OF_BIRTH elements, 49 of them empty.
    assert len(listed) == 898
    assert sum(d.earliest.is_complete for d in listed) == 481
    assert sum(d.is_range for d in listed) == 32  # 31 BETWEEN, and "Between Aug. and Sep. 1977"
    assert sum(d.earliest.year is None for d in listed) == 2  # a Hijri date and "30-35 years old"
    assert all(e.listed_on is not None for e in un_may.entries)


def test_individual_field_by_field(un_may: Watchlist) -> None:
    entry = un_may.by_id()["QDi.334"]
    assert entry.kind is EntryKind.PERSON
    assert entry.source_id == "6908414"
    primary = entry.names[0]
    assert primary.role is NameRole.PRIMARY
    assert [(p.text, p.kind) for p in primary.parts] == [
        ("‘ABD AL-RAHMAN", NamePartKind.GIVEN),
        ("BIN ‘UMAYR", NamePartKind.MIDDLE),
        ("AL-NU’AYMI", NamePartKind.FAMILY),
    ]
    assert primary.script == "Latn"
    aliases = [n.full for n in entry.names[1:]]
    assert aliases[0] == "Abd al-Rahman bin 'Amir al-Na'imi"
    assert "Abdulrahman Omair al Neaimi" in aliases
    assert all(n.quality is NameQuality.STRONG for n in entry.names)
    assert entry.birth_dates == (BirthDate(PartialDate(1954)),)
    assert entry.birth_places == ("Doha, Qatar",)
    assert entry.nationalities == ("QAT",)
    assert entry.programmes == ("Al-Qaida",)
    assert entry.listed_on == date(2014, 9, 23)
    assert entry.documents == (
        IdentityDocument("passport", "01461558", "QAT", "expiring 20 Jan. 2024"),
        IdentityDocument(
            "passport", "00868774", "QAT", "Qatari passport number 00868774; expired on 27 Apr. 2014"
        ),
        IdentityDocument("national_id", "25463400086", "QAT", None),
        IdentityDocument("national_id", "25463401784", "QAT", "expires on 6 Dec. 2019"),
    )
    assert entry.addresses == ("Al-Waab, Qatar",)
    assert entry.remarks is not None
    assert entry.remarks.startswith("Financier and facilitator for Al-Qaida")


def test_original_script_and_weak_alias(un_may: Watchlist) -> None:
    entry = un_may.by_id()["QDi.190"]
    assert [(n.full, n.role, n.quality, n.script) for n in entry.names] == [
        ("ABDELKADER LAAGOUB", NameRole.PRIMARY, NameQuality.STRONG, "Latn"),
        ("عبد القادر لاغوب", NameRole.ORIGINAL_SCRIPT, NameQuality.STRONG, "Arab"),
        ("Rachid", NameRole.ALIAS, NameQuality.WEAK, "Latn"),
    ]
    # The number is only in the NOTE: "Moroccan national identity card DE- 473900".
    assert entry.documents[1] == IdentityDocument(
        "national_id", "DE-473900", "MAR", "Moroccan national identity card DE- 473900"
    )
    assert entry.birth_dates == (BirthDate(PartialDate(1966, 4, 23)),)


def test_document_number_with_prefix_and_issue_date(un_may: Watchlist) -> None:
    entry = un_may.by_id()["QDi.312"]
    assert entry.documents == (
        IdentityDocument("passport", "BN 4196361", "PAK", "expiring 27 Oct. 2013; issued 2008-10-28"),
        IdentityDocument("national_id", "33202-7126636-9", "PAK", None),
    )


def test_korean_order_and_han_script_in_parentheses(un_may: Watchlist) -> None:
    entry = un_may.by_id()["KPi.035"]
    primary = entry.names[0]
    assert [(p.text, p.kind) for p in primary.parts] == [
        ("KIM", NamePartKind.FAMILY),
        ("CHOL SAM", NamePartKind.GIVEN),
    ]
    assert primary.family == "KIM"
    # "Jin Tiesan (金铁三)": one alias string, two names.
    assert [(n.full, n.role, n.script) for n in entry.names[1:]] == [
        ("Jin Tiesan", NameRole.ALIAS, "Latn"),
        ("金铁三", NameRole.ORIGINAL_SCRIPT, "Hani"),
    ]


def test_alias_notes_in_cyrillic_become_names(un_may: Watchlist) -> None:
    entry = un_may.by_id()["QDi.365"]
    by_text = {n.full: n for n in entry.names}
    assert by_text["Ахмед Ражапович Чатаев"].role is NameRole.ORIGINAL_SCRIPT
    assert by_text["Ахмед Ражапович Чатаев"].script == "Cyrl"
    assert by_text["Akhmad Shishani"].note == "original script: Ахмад Шишани"
    assert by_text["Ахмад Шишани"].role is NameRole.ORIGINAL_SCRIPT
    assert by_text["Odnorukiy"].quality is NameQuality.WEAK
    assert by_text["Однорукий"].quality is NameQuality.WEAK
    assert entry.nationalities == ("RUS",)
    assert entry.documents[0].number == "9600133195"


def test_dates_between_approximate_and_in_notes(un_may: Watchlist) -> None:
    entries = un_may.by_id()
    assert entries["TAi.109"].birth_dates == (
        BirthDate(PartialDate(1966), PartialDate(1967), approximate=True, note="Approximately"),
    )
    assert entries["QDi.306"].birth_dates == (
        BirthDate(PartialDate(1977, 8), PartialDate(1977, 9), note="Between Aug. and Sep. 1977"),
        BirthDate(PartialDate(1976)),
    )
    assert entries["QDi.306"].nationalities == ("PAK", "SAU")
    hijri = entries["QDi.291"].birth_dates
    assert BirthDate(PartialDate(), note="24/06/1402 (Hijri Calendar)") in hijri


def test_alias_level_birth_data(un_may: Watchlist) -> None:
    entry = un_may.by_id()["QDi.217"]
    assert BirthDate(PartialDate(1938, 8, 17), note="given with alias Abu Bakar Baasyir") in entry.birth_dates
    assert "Jombang, East Java, Indonesia" in entry.birth_places


def test_title_kept_out_of_the_name(un_may: Watchlist) -> None:
    entry = un_may.by_id()["TAi.034"]
    assert entry.names[0].full == "ABDUL JALIL HAQQANI WALI MOHAMMAD"
    assert entry.remarks is not None
    assert entry.remarks.startswith("Title: Maulavi; Mullah\n")
    previously = next(n for n in entry.names if n.full == "Abdul Jalil Haqqani")
    assert previously.note == "previously listed as"


def test_gender_from_element_and_from_comment(un_may: Watchlist) -> None:
    entries = un_may.by_id()
    # SDi.007 (new in May) has no GENDER element but COMMENTS1 "Gender: Male."
    assert entries["SDi.007"].gender is Sex.MALE
    genders = Counter(e.gender for e in un_may.entries if e.kind is EntryKind.PERSON)
    assert genders[Sex.FEMALE] == 5
    assert genders[Sex.MALE] == 99


def test_entity_with_scripts_and_acronyms(un_may: Watchlist) -> None:
    entry = un_may.by_id()["QDe.146"]
    assert entry.kind is EntryKind.ORGANIZATION
    names = [(n.full, n.role) for n in entry.names]
    assert names[0] == ("ANSAR AL CHARIA BENGHAZI", NameRole.PRIMARY)
    assert ("أنصار الشريعة بليبيا", NameRole.ORIGINAL_SCRIPT) in names
    assert ("Ansar al Charia in Libya", NameRole.ALIAS) in names
    assert ("ASL", NameRole.ALIAS) in names
    assert entry.addresses == ("Operates in Benghazi, Libya", "Support network in Tunisia")
    assert entry.gender is None


def test_entity_former_names(un_may: Watchlist) -> None:
    former = {(e.entry_id, n.full) for e in un_may.entries for n in e.names if n.role is NameRole.FORMER}
    # 19 f.k.a. alias strings; the acronyms in their parentheses are former names of their own.
    assert len(former) == 21
    assert {("QDe.129", "Al-Qaida in Yemen"), ("QDe.129", "AQY"), ("QDe.014", "GSPC")} <= former
