"""The synthetic day as the carriers would send it: one PAXLST and one PNRGOV message per flight.

PAXLST follows the WCO/IATA/ICAO D05B layout of the real samples (UNB, UNG, UNH, BGM, NAD+MS,
TDT/LOC/DTM, then NAD+FL/ATT/DTM/NAT/RFF/DOC/DTM/LOC per passenger, CNT); PNRGOV the 13.1 push
(MSG+:22, ORG, TVL, EQN, then SRC/RCI/DAT/ORG/IFT per PNR, TIF/SSR DOCS/TKT/DAT/FOP per
traveller, TVL/RPI per itinerary segment). Written through the project's EDIFACT serializer, so
every value is escaped with the release character.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from datetime import date, datetime

from waystation.ingest.edifact import Segment, serialize
from waystation.model import Booking, ContactKind, Leg, PartialDate, Traveller
from waystation.synth.day import FlightManifest, SynthDay

__all__ = ["references", "render_paxlst", "render_pnrgov"]

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def _seg(tag: str, *elements: str | tuple[str, ...]) -> Segment:
    return Segment(tag, tuple((e,) if isinstance(e, str) else e for e in elements))


def _yymmdd(value: PartialDate | date | None) -> str:
    if isinstance(value, PartialDate):
        value = value.to_date()
    return value.strftime("%y%m%d") if value else ""


def _ddmmmyy(value: PartialDate | None) -> str:
    day = value.to_date() if value else None
    return f"{day.day:02d}{_MONTHS[day.month - 1]}{day.year % 100:02d}" if day else ""


def _stamp(value: date | None) -> str:
    return value.strftime("%y%m%d%H%M") if isinstance(value, datetime) else _yymmdd(value)


def _number(leg: Leg) -> str:
    flight = leg.flight or ""
    return flight[len(leg.carrier) :] if leg.carrier and flight.startswith(leg.carrier) else flight


def _envelope(
    kind: str, sender: str, reference: str, prepared: datetime, body: list[Segment], version: tuple[str, ...]
) -> bytes:
    stamp = (prepared.strftime("%y%m%d"), prepared.strftime("%H%M"))
    paxlst = kind == "PAXLST"
    syntax = ("UNOA", "4") if paxlst else ("IATA", "1")
    header = [
        _seg("UNB", syntax, sender, "WAYSTATION", stamp, reference, "", "APIS" if paxlst else "PNRGOV"),
        _seg("UNG", kind, sender, "WAYSTATION", stamp, reference, "UN" if paxlst else "IA", version),
    ]
    message = [*body]
    message.append(_seg("UNT", str(len(message) + 1), body[0].elements[0][0]))
    trailer = [_seg("UNE", "1", reference), _seg("UNZ", "1", reference)]
    return serialize([*header, *message, *trailer], line_break="\n")


def _traveller_segments(traveller: Traveller) -> list[Segment]:
    name = traveller.name
    segments = [
        _seg("NAD", "FL", "", "", (name.family or "", name.given or "")),
        _seg("ATT", "2", "", traveller.sex.value if traveller.sex else "U"),
    ]
    if traveller.birth_date:
        segments.append(_seg("DTM", ("329", _yymmdd(traveller.birth_date))))
    segments += [_seg("NAT", "2", n) for n in traveller.nationalities[:1]]
    segments += [_seg("RFF", (key, value)) for key, value in traveller.references.items()]
    for document in traveller.documents:
        segments.append(_seg("DOC", (document.doc_type or "P", "110", "111"), document.number or ""))
        if document.expiry:
            segments.append(_seg("DTM", ("36", _yymmdd(document.expiry))))
        if document.issuing_country:
            segments.append(_seg("LOC", "91", document.issuing_country))
    return segments


def render_paxlst(flight: FlightManifest, reference: str) -> bytes:
    """One D05B passenger list for ``flight``; ``reference`` is the interchange control reference."""
    leg = flight.leg
    assert isinstance(leg.departure, datetime)
    access = f"{leg.designator}/{leg.departure:%y%m%d}/{leg.departure:%H%M}"
    body = [
        _seg("UNH", "1", ("PAXLST", "D", "05B", "UN", "IATA"), access, ("01", "F")),
        _seg("BGM", "745"),
        _seg("NAD", "MS", "", "", f"{leg.carrier} OPERATIONS CONTROL"),
        _seg("TDT", "20", leg.designator, "", "", leg.carrier or ""),
        _seg("LOC", "125", leg.origin or ""),
        _seg("DTM", ("189", _stamp(leg.departure), "201")),
        _seg("LOC", "87", leg.destination or ""),
        _seg("DTM", ("232", _stamp(leg.arrival), "201")),
    ]
    for traveller in flight.travellers:
        body += _traveller_segments(traveller)
    body.append(_seg("CNT", ("42", str(len(flight.travellers)))))
    prepared = leg.departure.replace(minute=0) if leg.departure.hour else leg.departure
    return _envelope("PAXLST", f"{leg.carrier}APIS", reference, prepared, body, ("D", "05B"))


def _docs(traveller: Traveller, carrier: str, number: int) -> Segment:
    doc = traveller.documents[0]
    text = "/".join((
        "", doc.doc_type or "P", doc.issuing_country or "", doc.number or "",
        traveller.nationalities[0] if traveller.nationalities else "", _ddmmmyy(traveller.birth_date),
        traveller.sex.value if traveller.sex else "", _ddmmmyy(doc.expiry), traveller.name.family or "",
        traveller.name.given or "",
    ))  # fmt: skip
    return _seg("SSR", ("DOCS", "HK", "", carrier, "", "", "", "", text), ("", "", str(number)))


def _tvl(leg: Leg) -> Segment:
    assert isinstance(leg.departure, datetime)
    assert isinstance(leg.arrival, datetime)
    when = (
        leg.departure.strftime("%d%m%y"),
        leg.departure.strftime("%H%M"),
        "",
        leg.arrival.strftime("%H%M"),
    )
    return _seg("TVL", when, leg.origin or "", leg.destination or "", leg.carrier or "", (_number(leg), "Y"))


def _pnr(booking: Booking, carrier: str, cards: dict[str, str]) -> list[Segment]:
    created = booking.created_at or datetime(2000, 1, 1)
    day, time = created.strftime("%d%m%y"), created.strftime("%H%M")
    segments = [
        _seg("SRC"),
        _seg("RCI", (booking.system or carrier, booking.record_locator, "", day, time)),
        _seg("DAT", ("700", day, time)),
    ]
    if booking.agency:
        segments.append(_seg("ORG", (booking.agency.code or "", booking.agency.location or "")))
    for contact in booking.contacts:
        if contact.kind is ContactKind.PHONE:
            segments.append(_seg("IFT", ("4", "28", "", carrier), f"CTCM {contact.value}"))
        elif contact.kind is ContactKind.EMAIL:
            encoded = contact.value.upper().replace("_", "..").replace("@", "//")
            segments.append(_seg("IFT", ("4", "28", "", carrier), f"CTCE {encoded}"))
    ticketed = booking.ticketed_at or created
    for number, traveller in enumerate(booking.travellers, start=1):
        segments.append(
            _seg("TIF", traveller.name.family or "", (traveller.name.given or "", "A", str(number)))
        )
        if traveller.documents:
            segments.append(_docs(traveller, carrier, number))
        segments.append(
            _seg("TKT", (f"{zlib.crc32(f'{booking.record_locator}/{number}'.encode()):013d}", "T", "1"))
        )
        segments.append(_seg("DAT", ("710", ticketed.strftime("%d%m%y"), ticketed.strftime("%H%M"))))
        for payment in booking.payments:
            card = cards.get(booking.record_locator)
            if payment.method == "CC" and card:
                segments.append(
                    _seg("FOP", ("CC", "", payment.amount or "", payment.card_vendor or "", card, "1229"))
                )
            else:
                segments.append(_seg("FOP", ("CA", "", payment.amount or "")))
    for leg in booking.itinerary:
        segments += [_tvl(leg), _seg("RPI", str(len(booking.travellers)), "HK")]
    return segments


def render_pnrgov(day: SynthDay, flight: FlightManifest, reference: str) -> bytes:
    """The PNRGOV push for ``flight``: every booking with a traveller on it."""
    leg = flight.leg
    assert isinstance(leg.departure, datetime)
    on_flight = {t.booking_ref for t in flight.travellers}
    bookings = [b for b in day.bookings if b.record_locator in on_flight]
    carrier = leg.carrier or "YY"
    body = [
        _seg("UNH", "1", ("PNRGOV", "13", "1", "IA"), f"{leg.designator}/{leg.departure:%d%m%y/%H%M}"),
        _seg("MSG", ("", "22")),
        _seg("ORG", (carrier, leg.origin or "")),
        _seg("TVL", (leg.departure.strftime("%d%m%y"), leg.departure.strftime("%H%M")), leg.origin or "",
             leg.destination or "", carrier, _number(leg)),
        _seg("EQN", str(len(bookings))),
    ]  # fmt: skip
    for booking in bookings:
        body += _pnr(booking, carrier, day.cards)
    return _envelope("PNRGOV", carrier, reference, leg.departure, body, ("13", "1"))


def references(day: SynthDay, run: int = 0) -> dict[Leg, str]:
    """An interchange control reference per flight, stable for a day and ``run`` number.

    Carriers never reuse a reference, so a second generation of the same day (a demo run again)
    passes a new ``run`` to be received as new messages rather than duplicates.
    """
    counter: dict[str, int] = defaultdict(int)
    result = {}
    for flight in day.flights:
        counter[flight.leg.carrier or "YY"] += 1
        result[flight.leg] = f"{day.day:%y%m%d}{run % 10000:04d}{counter[flight.leg.carrier or 'YY']:04d}"
    return result
