"""The synthetic day as a CSV manifest (the format of ARCHITECTURE.md) and its truth file."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from waystation.ingest.manifest_csv import COLUMNS
from waystation.model import Booking, ContactKind
from waystation.synth.day import SynthDay

__all__ = ["render_csv", "render_truth"]

_EXTRA = ("email", "phone", "payment")


def _payment(booking: Booking, cards: dict[str, str]) -> str:
    if not booking.payments:
        return ""
    payment = booking.payments[0]
    if payment.method == "CC" and booking.record_locator in cards:
        return f"CC:{payment.card_vendor or ''}:{cards[booking.record_locator]}"
    return payment.method


def render_csv(day: SynthDay) -> bytes:
    """All flights of the day in one CSV manifest, with contact and payment columns."""
    bookings = {b.record_locator: b for b in day.bookings}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow((*COLUMNS, *_EXTRA))
    for flight in day.flights:
        leg = flight.leg
        departure = leg.departure.date() if isinstance(leg.departure, datetime) else leg.departure
        for t in flight.travellers:
            booking = bookings.get(t.booking_ref or "")
            doc = t.documents[0] if t.documents else None
            contacts = {c.kind: c.value for c in booking.contacts} if booking else {}
            writer.writerow((
                t.ref, t.name.family or "", t.name.given or "", t.birth_date.iso() if t.birth_date else "",
                t.sex.value if t.sex else "", t.nationalities[0] if t.nationalities else "",
                doc.doc_type if doc else "", doc.number if doc else "", doc.issuing_country if doc else "",
                leg.designator, departure.isoformat() if isinstance(departure, date) else "",
                leg.origin or "", leg.destination or "", t.booking_ref or "",
                contacts.get(ContactKind.EMAIL, ""), contacts.get(ContactKind.PHONE, ""),
                _payment(booking, day.cards) if booking else "",
            ))  # fmt: skip
    return out.getvalue().encode("utf-8")


def render_truth(day: SynthDay) -> bytes:
    """``ref, kind, expected, list, variant``: who each generated traveller really is."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("ref", "kind", "expected", "list", "variant"))
    for row in day.truth:
        writer.writerow((row.ref, row.kind, row.entry_id or "", row.list_name or "", row.variant or ""))
    return out.getvalue().encode("utf-8")
