from __future__ import annotations

from datetime import date

import pytest

from waystation.ingest.lists import bundled_un_list
from waystation.ingest.message import ParseContext
from waystation.ingest.registry import parse_message
from waystation.synth import SynthDay, generate_day
from waystation.synth.render_edifact import references, render_paxlst, render_pnrgov


@pytest.fixture(scope="module")
def synth_day() -> SynthDay:
    return generate_day(bundled_un_list(), seed=5, day=date(2026, 7, 7), flights=4, planted=3)


def test_paxlst_reads_back_every_traveller(synth_day: SynthDay) -> None:
    refs = references(synth_day)
    for flight in synth_day.flights:
        parsed = parse_message(
            render_paxlst(flight, refs[flight.leg]), "f.edi", context=ParseContext(date(2026, 7, 1))
        )
        assert parsed.message_format == "paxlst"
        assert parsed.issues == ()
        (manifest,) = parsed.manifests
        assert manifest.legs[0].designator == flight.leg.designator
        assert manifest.legs[0].departure == flight.leg.departure
        assert manifest.declared_count == len(flight.travellers)
        for sent, got in zip(flight.travellers, manifest.travellers, strict=True):
            assert got.name.family == sent.name.family
            assert got.name.given == sent.name.given
            assert got.birth_date == sent.birth_date
            assert got.nationalities == sent.nationalities
            assert got.documents[0].number == sent.documents[0].number
            assert got.documents[0].expiry == sent.documents[0].expiry
            assert got.references["ABO"] == sent.ref


def test_pnrgov_reads_back_bookings_with_hashed_cards(synth_day: SynthDay) -> None:
    refs = references(synth_day)
    flight = synth_day.flights[0]
    context = ParseContext(date(2026, 7, 1), card_key=b"key")
    parsed = parse_message(render_pnrgov(synth_day, flight, refs[flight.leg]), "p.edi", context=context)
    assert parsed.message_format == "pnrgov"
    assert parsed.issues == ()
    (push,) = parsed.pnr_pushes
    sent = {b.record_locator: b for b in synth_day.bookings}
    assert {b.record_locator for b in push.bookings} == {t.booking_ref for t in flight.travellers}
    for booking in push.bookings:
        original = sent[booking.record_locator]
        assert [t.name.full for t in booking.travellers] == [t.name.full for t in original.travellers]
        assert [leg.designator for leg in booking.itinerary] == [leg.designator for leg in original.itinerary]
        assert {c.value.upper() for c in booking.contacts} == {c.value.upper() for c in original.contacts}
        card = synth_day.cards.get(booking.record_locator)
        if card:
            assert booking.payments[0].card_hash == context.card_hash(card)
            assert card not in repr(booking)
        else:
            assert booking.payments[0].method == "CA"
