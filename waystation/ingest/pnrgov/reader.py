"""One PNRGOV message: the pushed flight (TVL before the first PNR), EQN, and the PNRs (SRC groups).

A PNR normally starts at SRC. Real messages also start one at an RCI that follows EQN with no
SRC (the guide examples do: ``EQN+1'RCI+DL:ABCDEF'MSG+8'...``); that PNR is read as well and a
warning says that its SRC is missing.
"""

from __future__ import annotations

from datetime import datetime

from waystation.ingest.edifact.reading import MessageContext
from waystation.ingest.pnrgov.booking import BookingDraft
from waystation.ingest.pnrgov.itinerary import tvl_leg
from waystation.model import Booking, Leg, PnrPush
from waystation.numbers import is_number

__all__ = ["read_pnrgov_message"]


def read_pnrgov_message(ctx: MessageContext) -> PnrPush:
    """A PNR push: the flight, and one booking per PNR."""
    flight: Leg | None = None
    declared: int | None = None
    bookings: list[Booking] = []
    draft: BookingDraft | None = None
    for segment in ctx.message.body:
        tag = segment.tag
        if tag == "SRC":
            if draft is not None:
                bookings.append(draft.finish())
            draft = BookingDraft(ctx, segment, len(bookings) + 1)
        elif tag == "EQN" and draft is not None:
            bookings.append(draft.finish())
            draft = None
        elif draft is not None:
            draft.feed(segment)
        elif tag == "TVL" and flight is None:
            flight = tvl_leg(ctx, segment)
        elif tag == "EQN":
            count = segment.get(1)
            if is_number(count) and declared is None:
                declared = int(count)
        elif tag == "RCI":
            ctx.log.warn("no_src", "a PNR starts without SRC", segment)
            draft = BookingDraft(ctx, segment, len(bookings) + 1)
            draft.feed(segment)
        elif tag not in ("MSG", "ORG", "DAT"):
            ctx.log.warn("unexpected_segment", f"{tag} before the first PNR ignored", segment)
    if draft is not None:
        bookings.append(draft.finish())
    with_travellers = sum(1 for b in bookings if b.travellers)
    if declared is not None and declared != len(bookings):
        ctx.log.warn(
            "control_count",
            f"EQN declares {declared} PNRs, the message holds {len(bookings)} "
            f"({with_travellers} with travellers)",
            ctx.message.unh,
        )
    header = ctx.message.header
    interchange = ctx.interchange.header
    prepared = interchange.prepared_at if interchange else None
    return PnrPush(
        message_ref=header.ref,
        message_format=f"{header.type} {header.version or ''}:{header.release or ''}".rstrip(":"),
        bookings=tuple(bookings),
        flight=flight,
        sender=interchange.sender if interchange else None,
        recipient=interchange.recipient if interchange else None,
        interchange_ref=interchange.control_ref if interchange else None,
        prepared_at=prepared if isinstance(prepared, datetime) else None,
        declared_count=declared,
        provenance=ctx.prov(ctx.message.unh),
    )
