"""The network stage fed by the real CSV manifest reader: a day of flights via Istanbul."""

from __future__ import annotations

from datetime import date, timedelta

from waystation.ingest.manifest_csv import parse
from waystation.ingest.message import ParseContext
from waystation.model import Manifest, PnrPush
from waystation.network import (
    LinkKind,
    StopKind,
    build_itineraries,
    build_link_graph,
    collect_sightings,
    resolve_persons,
)

HEADER = (
    "ref,surname,given_names,date_of_birth,sex,nationality,document_type,document_number,document_country,"
    "flight,departure_date,origin,destination,booking_ref,email,phone,payment,address"
)
ROWS = [
    "1,BENALI,KARIM,1994-02-11,M,FRA,P,18AB34567,FRA,TK1830,2026-03-14,CDG,IST,KB7Q2X,"
    "karim.b94@mail.example,+33 6 12 34 56 78,CC:VI:4111111111114821,",
    "2,BENALI,KARIM,1994-02-11,M,FRA,P,18AB34567,FRA,TK2228,2026-03-14,IST,GZT,TK9ZZ1,,,CA,",
    "3,KAYA,AHMET,1979-11-02,M,TUR,P,U55512345,TUR,TK2246,2026-03-14,IST,HTY,GRP4A1,"
    ",+90 212 555 01 01,CC:VI:4111111111114821,Atatürk Cad. 12",
    "4,DEMIR,YUSUF,1999-05-05,M,TUR,P,U55567890,TUR,TK2246,2026-03-14,IST,HTY,GRP4A1,,,,",
    "5,AL-TUNISI,ABDULLAH,1988-07-30,M,TUN,P,Z0912345,TUN,TK2226,2026-02-10,IST,GZT,ABU777,,0033612345678,,",
]
CSV = "\n".join([HEADER, *ROWS]) + "\n"


def test_csv_day_via_istanbul() -> None:
    parsed = parse(CSV.encode("utf-8"), "day.csv", ParseContext(date(2026, 3, 14), b"card-key"))
    messages: list[Manifest | PnrPush] = [*parsed.manifests, *parsed.pnr_pushes]
    sightings = collect_sightings(messages)
    resolution = resolve_persons(sightings)
    names = {p.label: p.person_id for p in resolution.persons.values()}
    assert sorted(names) == ["ABDULLAH AL-TUNISI", "AHMET KAYA", "KARIM BENALI", "YUSUF DEMIR"]

    itinerary = build_itineraries(sightings, resolution.person_of)[names["KARIM BENALI"]]
    (journey,) = itinerary.journeys
    assert journey.airports == ("CDG", "IST", "GZT")
    (transit,) = journey.transits
    assert (transit.kind, transit.airport, transit.certain) == (StopKind.TRANSIT, "IST", True)
    assert (transit.at_least, transit.at_most) == (timedelta(0), timedelta(days=1))  # days only
    assert transit.split_ticket is True

    graph = build_link_graph(sightings, resolution)
    karim, ahmet, yusuf = names["KARIM BENALI"], names["AHMET KAYA"], names["YUSUF DEMIR"]
    assert [(lk.kind, lk.shown) for lk in graph.links(karim, ahmet)] == [(LinkKind.CARD, "VI …4821")]
    assert [(lk.kind, lk.shown) for lk in graph.links(karim, names["ABDULLAH AL-TUNISI"])] == [
        (LinkKind.PHONE, "+33*******78")
    ]
    # the CSV reader puts a row's phone, payment and address on its whole booking
    assert {lk.kind for lk in graph.links(ahmet, yusuf)} == {
        LinkKind.ADDRESS, LinkKind.CARD, LinkKind.CO_TRAVEL, LinkKind.PHONE,
    }  # fmt: skip
    (together,) = [lk for lk in graph.links(ahmet, yusuf) if lk.kind is LinkKind.CO_TRAVEL]
    assert together.shown == "TK2246 2026-03-14 IST-HTY in GRP4A1"
    (evidence,) = graph.links(karim, ahmet)[0].evidence_of(karim)
    assert str(evidence.locator) == "day.csv, line 2"
