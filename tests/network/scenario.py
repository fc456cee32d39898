"""The Gaziantep file: a small, hand-made set of API and PNR messages with a planted network.

Karim BENALI flies Paris → Istanbul → Gaziantep on 14 March 2026 on two separate tickets, and
returns on 29 March. His booking's phone is the phone of Abdullah AL-TUNISI (a listed subject,
``QDi.900`` — a made-up reference), who flew to Gaziantep in February. Karim's card paid for the
group booking of Ahmet KAYA, Yusuf DEMIR and Selin DEMIR to Hatay. Leyla AYDIN gave Selin's
e-mail. A travel agency's phone sits on sixty other bookings, Abdullah's and the group's: a hub.
Ayse YILMAZ's passport number turns up with a John SMITH: a reused document.
"""

from __future__ import annotations

from dataclasses import replace

from tests.network.builders import booking, leg, manifest, push, traveller
from waystation.model import Manifest, PnrPush, Traveller
from waystation.network import Resolution

__all__ = ["AGENCY_PHONE", "KARIM_CARD", "messages", "person_named"]

AGENCY_PHONE = "+90 212 555 01 01"
KARIM_CARD = ("6b1f0c0ed2a54f4d9b3e0c7a55aa1e27b1c4d7f08e9a6b5c4d3e2f1a0b9c8d7e", "VI", "4821")

CDG_IST = leg("TK1830", "CDG", "IST", "2026-03-14T07:10", "2026-03-14T11:45")
IST_GZT = leg("TK2228", "IST", "GZT", "2026-03-14T14:05", "2026-03-14T15:40")
GZT_IST = leg("TK2229", "GZT", "IST", "2026-03-29T16:30", "2026-03-29T18:10")
IST_GZT_FEB = leg("TK2226", "IST", "GZT", "2026-02-10T09:00", "2026-02-10T10:35")
IST_HTY = leg("TK2246", "IST", "HTY", "2026-03-14T18:00", "2026-03-14T19:25")


def messages() -> list[Manifest | PnrPush]:
    karim_api = traveller(
        "1",
        "BENALI",
        "KARIM",
        dob="1994-02-11",
        sex="M",
        passport="18AB34567",
        issuer="FRA",
        nationality="FRA",
    )
    abdullah = traveller(
        "1", "AL-TUNISI", "ABDULLAH", dob="1988-07-30", sex="M", passport="Z0912345", issuer="TUN",
        nationality="TUN", booking_ref="ABU777",
    )  # fmt: skip
    group = [
        traveller("1", "KAYA", "AHMET", dob="1979-11-02", sex="M", passport="U55512345", issuer="TUR"),
        traveller("2", "DEMIR", "YUSUF", dob="1999-05-05", sex="M", passport="U55567890", issuer="TUR"),
        traveller("3", "DEMIR", "SELIN", dob="2001-09-09", sex="F", emails=["Selin.Demir@mail.example"]),
    ]
    fillers = [
        booking(
            f"AG{i:04d}",
            [traveller("1", f"MUSTERI{i}", "AYHAN", dob=f"19{50 + i % 40}-01-0{1 + i % 9}")],
            [IST_GZT],
            phones=[AGENCY_PHONE],
        )
        for i in range(60)
    ]
    return [
        # Karim, outbound: two tickets, two API manifests, two PNR pushes.
        manifest("API-TK1830-20260314", [CDG_IST], [_with_avf(karim_api, "KB7Q2X")]),
        manifest(
            "API-TK2228-20260314",
            [IST_GZT],
            [
                _with_avf(karim_api, "TK9ZZ1"),
                traveller(
                    "2", "YILMAZ", "AYSE", dob="1990-04-04", sex="F", passport="U48213577", issuer="TUR"
                ),
            ],
        ),
        push(
            "PNR-TK1830-20260314-72H",
            [
                booking(
                    "KB7Q2X",
                    [traveller("1", "BENALI", "KARIM MR")],
                    [CDG_IST],
                    phones=["+33 6 12 34 56 78"],
                    emails=["KARIM.B94//MAIL.EXAMPLE"],
                    cards=[KARIM_CARD],
                    source="PNR-TK1830-20260314-72H",
                )
            ],
            CDG_IST,
        ),
        push(
            "PNR-TK2228-20260314-24H",
            [
                booking(
                    "TK9ZZ1",
                    [traveller("1", "BENALI", "KARIM")],
                    [IST_GZT],
                    emails=["karim.b94@mail.example"],
                )
            ],
            IST_GZT,
        ),
        # Karim comes back on 29 March (API only).
        manifest("API-TK2229-20260329", [GZT_IST], [karim_api]),
        # Abdullah, in February: his booking gives Karim's phone, and the agency's.
        manifest("API-TK2226-20260210", [IST_GZT_FEB], [abdullah]),
        push(
            "PNR-TK2226-20260210-24H",
            [
                booking(
                    "ABU777",
                    [traveller("1", "AL TUNISI", "ABDULLAH MR")],
                    [IST_GZT_FEB],
                    phones=["0033612345678", AGENCY_PHONE],
                    source="PNR-TK2226-20260210-24H",
                )
            ],
            IST_GZT_FEB,
        ),
        # The group to Hatay, paid with Karim's card, booked through the agency.
        manifest("API-TK2246-20260314", [IST_HTY], [_with_avf(t, "GRP4A1") for t in group]),
        push(
            "PNR-TK2246-20260314-24H",
            [
                booking(
                    "GRP4A1",
                    [
                        traveller("1", "KAYA", "AHMET MR"),
                        traveller("2", "DEMIR", "YUSUF MR"),
                        traveller("3", "DEMIR", "SELIN MS"),
                    ],
                    [IST_HTY],
                    phones=[AGENCY_PHONE],
                    cards=[KARIM_CARD],
                ),
                booking(
                    "LA3030",
                    [traveller("1", "AYDIN", "LEYLA", dob="2000-12-12", sex="F")],
                    [IST_HTY],
                    emails=["selin.demir@MAIL.example"],
                ),
            ],
            IST_HTY,
        ),
        # John SMITH carries Ayse YILMAZ's passport number, in another month.
        manifest(
            "API-TK1980-20260402",
            [leg("TK1980", "LHR", "IST", "2026-04-02T12:00", "2026-04-02T18:00")],
            [traveller("1", "SMITH", "JOHN", dob="1975-01-01", sex="M", passport="U48213577", issuer="TUR")],
        ),
        push("PNR-TK2228-20260314-AGENCY", fillers, IST_GZT),
    ]


def _with_avf(person: Traveller, locator: str) -> Traveller:
    return replace(person, references={"AVF": locator})


def person_named(resolution: Resolution, name: str) -> str:
    """The id of the one resolved person who was ever written ``name`` (e.g. ``KARIM BENALI``)."""
    found = [p.person_id for p in resolution.persons.values() if name in p.names]
    assert len(found) == 1, (name, found)
    return found[0]
