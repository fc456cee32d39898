"""Every real PAXLST and PNRGOV sample: stored, and read back equal to what the reader produced."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.store.conftest import Database
from waystation.exc import InputError
from waystation.ingest.message import ParseContext
from waystation.ingest.registry import parse_message
from waystation.model import ParseIssue, Severity
from waystation.store.bookings import load_bookings
from waystation.store.messages import (
    MessageStatus,
    get_message,
    mark_rejected,
    message_bytes,
    receive_message,
)
from waystation.store.parsed import store_parsed_message
from waystation.store.travellers import travellers_of_message

FILES = sorted(p.name for p in SAMPLES.glob("*.edi") if p.name.startswith(("paxlst-", "pnrgov-")))


def test_the_samples_are_there() -> None:
    assert len(FILES) >= 40


@pytest.mark.parametrize("name", FILES)
def test_real_sample_round_trip(db: Database, name: str) -> None:
    data = (Path(SAMPLES) / name).read_bytes()
    received = receive_message(db.sessions, data, source=name)
    try:
        parsed = parse_message(data, name, context=ParseContext(card_key=b"test"))
    except InputError as error:
        issue = ParseIssue(Severity.ERROR, error.code, error.reason, error.locator)
        with db.sessions.begin() as session:
            mark_rejected(session, received.id, issues=[issue])
        with db.sessions() as session:
            assert get_message(session, received.id).status is MessageStatus.REJECTED
            assert message_bytes(session, received.id) == data
        return
    with db.sessions.begin() as session:
        content = store_parsed_message(session, received.id, parsed)
    with db.sessions() as session:
        stored = travellers_of_message(session, received.id)
        bookings = load_bookings(session, content.booking_ids)
        message = get_message(session, received.id)
    assert message.status is MessageStatus.PARSED
    assert message.issues == parsed.issues
    expected = [t for m in parsed.manifests for t in m.travellers]
    expected += [t for p in parsed.pnr_pushes for b in p.bookings for t in b.travellers if t not in expected]
    assert [s.traveller for s in stored] == expected
    assert [s.traveller.fields for s in stored] == [t.fields for t in expected]
    originals = [b for p in parsed.pnr_pushes for b in p.bookings]
    assert [b.booking.record_locator for b in bookings] == [b.record_locator for b in originals]
    for got, want in zip(bookings, originals, strict=True):
        for field in ("travellers", "contacts", "addresses", "payments", "agency", "remarks", "created_at"):
            assert getattr(got.booking, field) == getattr(want, field), (name, field)
        want_flights = [
            (leg.origin, leg.destination, leg.booking_class, leg.status) for leg in want.itinerary
        ]
        got_flights = [
            (leg.origin, leg.destination, leg.booking_class, leg.status) for leg in got.booking.itinerary
        ]
        assert got_flights == want_flights, name
