"""The iAPI answer: a UN/EDIFACT CUSRES carrying one board / no-board / refer code per passenger.

The shape follows the real answers (FORMATS.md §3, cusres-astra-*): ``BGM+962`` (a response to a
PAXLST), ``RFF+TN`` echoing the request's transaction number, per flight ``RFF+AF`` with
``DTM+189``/``DTM+232`` and ``LOC+125``/``LOC+87``, then per passenger ``ERP+2``, ``RFF+AVF``,
``RFF+ABO``, ``ERC+<code>`` and a fixed ``FTX+AAP`` text for the code. The carrier matches
answers on ABO/AVF, so no name is written; and nothing says why — no list, no score, no rule —
because the carrier must never learn it. Written through the project's EDIFACT serializer, so
any service character in a reference is released.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from waystation.cases.vocab import BoardingAnswer
from waystation.ingest.edifact import Segment, serialize
from waystation.model import Leg, Manifest

__all__ = ["ANSWER_TEXT", "CusresPassenger", "CusresRequest", "render_cusres"]

ANSWER_TEXT = {
    BoardingAnswer.BOARD: "OK TO BOARD",
    BoardingAnswer.NO_BOARD: "DO NOT BOARD",
    BoardingAnswer.REFER: "CONTACT BORDER AUTHORITY BEFORE BOARDING",
    BoardingAnswer.INSUFFICIENT_DATA: "INSUFFICIENT DATA, RESEND WITH DOCUMENT AND BIRTH DATE",
}


@dataclass(frozen=True, slots=True)
class CusresPassenger:
    """One passenger's answer, keyed as the carrier keyed the request (ABO, AVF)."""

    passenger_ref: str | None
    booking_ref: str | None
    answer: BoardingAnswer


@dataclass(frozen=True, slots=True)
class CusresRequest:
    """One answered PAXLST message: its manifest and the answers for its passengers."""

    manifest: Manifest
    passengers: tuple[CusresPassenger, ...]


def _seg(tag: str, *elements: str | tuple[str, ...]) -> Segment:
    return Segment(tag, tuple((e,) if isinstance(e, str) else e for e in elements))


# The segments every passenger's answer repeats, built once (ERC with the code, FTX with its text).
_ERP = _seg("ERP", "2")
_ANSWER_SEGMENTS = {
    answer: (_seg("ERC", answer.value), _seg("FTX", "AAP", "", "", ANSWER_TEXT[answer]))
    for answer in BoardingAnswer
}


def _stamp(value: datetime | date | None) -> str | None:
    if isinstance(value, datetime):
        return value.strftime("%y%m%d%H%M")
    if isinstance(value, date):
        return value.strftime("%y%m%d")
    return None


def _flight(leg: Leg) -> list[Segment]:
    segments = [_seg("RFF", ("AF", leg.designator))]
    for qualifier, value in (("189", leg.departure), ("232", leg.arrival)):
        stamp = _stamp(value)
        if stamp:
            segments.append(_seg("DTM", (qualifier, stamp, "201" if len(stamp) == 10 else "101")))
    if leg.origin:
        segments.append(_seg("LOC", "125", leg.origin))
    if leg.destination:
        segments.append(_seg("LOC", "87", leg.destination))
    return segments


def _message(number: int, request: CusresRequest) -> list[Segment]:
    manifest = request.manifest
    body = [
        _seg("UNH", f"{number:06d}", ("CUSRES", "D", "05B", "UN", "IATA")),
        _seg("BGM", "962"),
    ]
    if manifest.transaction_ref:
        body.append(_seg("RFF", ("TN", manifest.transaction_ref)))
    for leg in manifest.legs:
        body += _flight(leg)
    for passenger in request.passengers:
        body.append(_ERP)
        if passenger.booking_ref:
            body.append(Segment("RFF", (("AVF", passenger.booking_ref),)))
        if passenger.passenger_ref:
            body.append(Segment("RFF", (("ABO", passenger.passenger_ref),)))
        body += _ANSWER_SEGMENTS[passenger.answer]
    body.append(_seg("UNT", str(len(body) + 1), f"{number:06d}"))
    return body


def render_cusres(
    requests: Sequence[CusresRequest],
    *,
    sender: str,
    recipient: str,
    control_ref: str,
    prepared: datetime,
) -> bytes:
    """One interchange answering ``requests`` (one CUSRES message each), from ``sender`` (us) to
    ``recipient`` (the carrier); ``control_ref`` is at most 14 characters."""
    stamp = (prepared.strftime("%y%m%d"), prepared.strftime("%H%M"))
    segments = [
        _seg("UNB", ("UNOA", "4"), sender, recipient, stamp, control_ref[:14], "", "IAPI"),
        _seg("UNG", "CUSRES", sender, recipient, stamp, control_ref[:14], "UN", ("D", "05B")),
    ]
    for number, request in enumerate(requests, start=1):
        segments += _message(number, request)
    segments += [
        _seg("UNE", str(len(requests)), control_ref[:14]),
        _seg("UNZ", "1", control_ref[:14]),
    ]
    return serialize(segments, line_break="\n", encoding="utf-8")
