"""A small partner directory and packages built from a real UN entry (QDi.335, public data)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from waystation.model import (
    BirthDate,
    EntryKind,
    IdentityDocument,
    ListEntry,
    Name,
    NameQuality,
    NameRole,
    PartialDate,
)
from waystation.sharing import (
    HandlingMark,
    Partner,
    Recipient,
    SharedEntry,
    SharedHit,
    ShareItem,
    SharePackage,
    Tlp,
)

T0 = datetime(2025, 3, 2, 9, 30, tzinfo=UTC)
US = Partner("WS-PIU", "Passenger Information Unit", community="ftf-route")
ANKARA = Partner(
    "NCB-ANKARA",
    "INTERPOL NCB Ankara",
    community="ftf-route",
    clients=frozenset({"TR-BORDER"}),
    personal_data=True,
)
TR_BORDER = Partner("TR-BORDER", "Border police", community="ftf-route", personal_data=True)
SOFIA = Partner("EU-PIU-SOFIA", "PIU Sofia", community="eu-piu", personal_data=False)
AMMAN = Partner("JO-PIU", "PIU Amman", community="ftf-route", personal_data=False)
DIRECTORY = {p.org_id: p for p in (US, ANKARA, TR_BORDER, SOFIA, AMMAN)}

QDI_335 = ListEntry(
    entry_id="QDi.335",
    kind=EntryKind.PERSON,
    names=(
        Name.from_full("‘ABD AL-RAHMAN KHALAF ‘UBAYD JUDAY’ AL-‘ANIZI"),
        Name.from_full("‘Abd al-Rahman Khalaf al-Anizi", role=NameRole.ALIAS),
        Name.from_full("Abu Usamah al-Kuwaiti", role=NameRole.ALIAS, quality=NameQuality.WEAK),
    ),
    birth_dates=(BirthDate(PartialDate(1973, 3, 6)),),
    nationalities=("KWT",),
    documents=(IdentityDocument("national_id", "273030601222", "KWT"),),
    programmes=("Al-Qaida",),
    listed_on=date(2014, 9, 23),
)

ENTRY = SharedEntry.from_list_entry(QDI_335, "un-sc-consolidated", "2025-02-27")

HIT = SharedHit(
    hit_id="A-1",
    flight="TK784",
    flight_date="2025-03-03",
    list_name="un-sc-consolidated",
    entry_id="QDi.335",
    score=0.94,
    explanation=(
        "name: ABDULRAHMAN KHALAF ALANIZI ~ ‘Abd al-Rahman Khalaf al-Anizi (0.96)",
        "date of birth 1973-03-06 equal",
    ),
    disposition="true_match",
    traveller_name="ABDULRAHMAN KHALAF ALANIZI",
    traveller_birth_date="1973-03-06",
    traveller_nationalities=("KWT",),
    traveller_document="P KWT K0000001",
    reviewer_note="national id and birth date agree with the UN listing",
)


def package(
    tlp: Tlp, *recipients: Recipient, orcon: bool = False, items: tuple[ShareItem, ...] = (ENTRY, HIT)
) -> SharePackage:
    return SharePackage(
        package_id="PKG-2025-0007",
        originator="WS-PIU",
        sender="WS-PIU",
        mark=HandlingMark(tlp, orcon),
        recipients=recipients or (Recipient("NCB-ANKARA", "Insp. Kaya"),),
        created_at=T0,
        created_by="sofia",
        purpose="listed Al-Qaida supporter booked through the hub to Istanbul",
        items=items,
        case_number="WS-2025-000123-5",
    )
