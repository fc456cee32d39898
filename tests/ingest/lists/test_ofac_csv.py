"""OFAC's SDN CSV set, with its siblings found beside the main file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import WATCHLISTS
from waystation.exc import WatchlistError
from waystation.ingest.lists import read_watchlist
from waystation.ingest.lists.ofac_csv import read_ofac_csv, sibling_path
from waystation.model import (
    BirthDate,
    EntryKind,
    IdentityDocument,
    NamePartKind,
    NameRole,
    PartialDate,
    Sex,
    Watchlist,
)


def test_siblings_are_found_beside_the_main_file() -> None:
    main = Path("/lists/ofac-sdn.csv")
    assert sibling_path(main, "alt") == Path("/lists/ofac-alt.csv")
    assert sibling_path(main, "comments") == Path("/lists/ofac-sdn_comments.csv")
    assert sibling_path(Path("sdn.csv"), "add") == Path("add.csv")


def test_counts_and_version(ofac_sdn: Watchlist) -> None:
    assert ofac_sdn.source_format == "ofac_csv"
    assert Counter(e.kind for e in ofac_sdn.entries) == {
        EntryKind.PERSON: 4620,
        EntryKind.ORGANIZATION: 3673,
        EntryKind.VESSEL: 406,
        EntryKind.AIRCRAFT: 277,
    }
    persons = [e for e in ofac_sdn.entries if e.kind is EntryKind.PERSON]
    assert sum("SDGT" in e.programmes for e in persons) == 997
    # No date in the files: the version is a hash of the four files' contents.
    assert ofac_sdn.version == "sha256:5428c1e3f5994097"
    assert ofac_sdn.published is None
    assert ofac_sdn.issues == ()


def test_version_changes_with_a_sibling() -> None:
    data = (WATCHLISTS / "ofac-sdn.csv").read_bytes()
    alt = (WATCHLISTS / "ofac-alt.csv").read_bytes()
    one = read_ofac_csv(data, "sdn.csv", {"alt": alt})
    other = read_ofac_csv(data, "sdn.csv", {"alt": alt[:-200]})
    assert one.version != other.version
    assert [i.code for i in one.issues] == ["missing_file", "missing_file"]  # add, comments


def test_person_field_by_field(ofac_sdn: Watchlist) -> None:
    entry = ofac_sdn.by_id()["23043"]
    primary = entry.names[0]
    assert [(p.text, p.kind) for p in primary.parts] == [
        ("Adil Abduh Fari Uthman", NamePartKind.GIVEN),
        ("AL-DHUBHANI", NamePartKind.FAMILY),
    ]
    aliases = [n.full for n in entry.names[1:]]
    assert aliases[:2] == ["Adil Abdu Bin-Fari BIN-UTHMAN", "Adil Muhammad Abdu FARI"]
    assert "'ADIL 'ABDIH FAR'A" in aliases  # only in the remarks, quotes and all
    assert entry.birth_dates == (BirthDate(PartialDate(1963, 7, 15)), BirthDate(PartialDate(1971)))
    assert entry.birth_places == ("Ta'izz, Yemen",)
    assert entry.nationalities == ("YEM",)
    assert entry.gender is Sex.MALE
    assert entry.documents == (IdentityDocument("national_id", "01010013602", "YEM"),)
    assert entry.programmes == ("SDGT",)
    assert entry.addresses[0] == "Ta'izz City, Ta'izz Governorate, Yemen"


def test_circa_range_and_passports(ofac_sdn: Watchlist) -> None:
    entries = ofac_sdn.by_id()
    assert entries["7846"].birth_dates == (BirthDate(PartialDate(1957), approximate=True),)
    khorasan = entries["21392"]
    assert khorasan.birth_dates == (BirthDate(PartialDate(1957), PartialDate(1959)),)
    assert [(d.kind, d.number, d.country) for d in khorasan.documents] == [
        ("passport", "TR030544", "AFG"),
        ("passport", "TR035506", "AFG"),
    ]
    zawahiri = entries["2676"]
    assert zawahiri.names[0].full == "Dr. Ayman AL ZAWAHIRI"
    assert zawahiri.documents == (
        IdentityDocument("passport", "1084010", "EGY"),
        IdentityDocument("passport", "19820215", None),
    )
    assert zawahiri.remarks is not None
    assert zawahiri.remarks.startswith(
        "Title: Operational and Military Leader of JIHAD GROUP\nDOB 19 Jun 1951"
    )


def test_remarks_continue_in_the_comments_file(ofac_sdn: Watchlist) -> None:
    entry = ofac_sdn.by_id()["12300"]
    assert entry.remarks is not None
    assert entry.remarks.endswith("Linked To: R D I S.A.")
    assert "SALVA LA SELVA" in entry.remarks  # from sdn_comments.csv
    assert entry.birth_dates == (
        BirthDate(PartialDate(1965, 5, 13)),
        BirthDate(PartialDate(1968, 4, 13)),
        BirthDate(PartialDate(1964, 7, 7)),
    )
    assert IdentityDocument("national_id", "172489729-1", "ECU", "Cedula No.") in entry.documents
    assert IdentityDocument("other", "CIVJ650513LJA", "MEX", "R.F.C.") in entry.documents


def test_former_names_entities_vessels_aircraft(ofac_sdn: Watchlist) -> None:
    entries = ofac_sdn.by_id()
    wei = entries["11292"]
    former = [n for n in wei.names if n.role is NameRole.FORMER]
    assert [n.full for n in former] == ["Sae Wei HAI HSING"]
    assert (
        IdentityDocument("national_id", "5570700010951", "THA", "National Foreign ID Number") in wei.documents
    )
    bank = entries["306"]
    assert bank.kind is EntryKind.ORGANIZATION
    assert [n.full for n in bank.names] == ["BANCO NACIONAL DE CUBA", "NATIONAL BANK OF CUBA", "BNC"]
    assert bank.addresses[0] == "Zweierstrasse 35, Zurich CH-8022, Switzerland"
    vessel = entries["4234"]
    assert vessel.kind is EntryKind.VESSEL
    assert vessel.remarks == (
        "Call sign: CL2685; Vessel type: General Cargo; Tonnage: 2597; GRT: 1098; Flag: Cuba; "
        "Owner: Compania Navegacion Golfo S.A."
    )
    assert entries["15431"].kind is EntryKind.AIRCRAFT
    assert entries["15431"].names[0].full == "EP-GOM"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"\x1a", "the file is empty"),
        (b"ent_num,name\r\n1,2\r\n", "not an OFAC sdn.csv"),
    ],
)
def test_bad_files(data: bytes, reason: str) -> None:
    with pytest.raises(WatchlistError) as caught:
        read_ofac_csv(data, "sdn.csv")
    assert caught.value.locator.source == "sdn.csv"
    assert reason in caught.value.reason


def test_truncated_file_keeps_whole_rows() -> None:
    data = (WATCHLISTS / "ofac-sdn.csv").read_bytes()
    cut = data[: data.index(b"\r\n", 100_000) + 2] + b'99999,"BROKEN'
    listed = read_watchlist(cut, format="ofac_csv", source="cut.csv")
    assert listed.entries[-1].entry_id != "99999"
    assert [i.code for i in listed.issues if i.code == "bad_row"] == ["bad_row"]
