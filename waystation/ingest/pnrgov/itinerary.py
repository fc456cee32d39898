"""PNRGOV TVL: ``TVL+121210:0915::1230+LHR+JFK+DL+324:B`` (DDMMYY dates; empty arrival date = same day).

Codeshares write ``KE:SQ`` (marketing, operating): the leg keeps the marketing carrier with the
flight number as written, as the booking does. A stub ``TVL+++++303:Y`` (no date, no airports)
is not a flight and is kept as a remark by the caller. ``230220:1010:1422`` (three components, the
third a time) is read as an arrival time on the departure day.
"""

from __future__ import annotations

from datetime import date, datetime

from waystation.ingest.edifact.dates import DateKind, ddmmyy, with_time
from waystation.ingest.edifact.reading import MessageContext
from waystation.ingest.edifact.segment import Segment
from waystation.model import Leg

__all__ = ["tvl_leg"]


def _when(ctx: MessageContext, segment: Segment) -> tuple[datetime | date | None, datetime | date | None]:
    dep_day_text, dep_time = segment.get(1, 0), segment.get(1, 1)
    arr_day_text, arr_time = segment.get(1, 2), segment.get(1, 3)
    if arr_time is None and arr_day_text and len(arr_day_text) == 4:
        arr_day_text, arr_time = None, arr_day_text
    dep_day = ddmmyy(dep_day_text, DateKind.EVENT, ctx.today)
    arr_day = ddmmyy(arr_day_text, DateKind.EVENT, ctx.today) if arr_day_text else dep_day
    if dep_day_text and dep_day is None:
        ctx.log.warn("bad_date", f"unreadable travel date {dep_day_text!r}", segment)
    arrival = with_time(arr_day, arr_time) if arr_time or arr_day_text else None
    return with_time(dep_day, dep_time), arrival


def tvl_leg(ctx: MessageContext, segment: Segment) -> Leg | None:
    """The flight of a TVL, or ``None`` for a stub without date or airports."""
    origin, destination = segment.get(2, 0), segment.get(3, 0)
    if origin is None and destination is None and segment.get(1, 0) is None:
        return None
    carrier = segment.get(4, 0)
    number = segment.get(5, 0)
    departure, arrival = _when(ctx, segment)
    flight = f"{carrier or ''}{number}" if number else None
    return Leg(
        carrier=carrier,
        flight=flight,
        origin=origin,
        destination=destination,
        departure=departure,
        arrival=arrival,
        booking_class=segment.get(5, 1),
        provenance=ctx.prov(segment),
    )
