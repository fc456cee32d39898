from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, datetime

import pytest

from waystation.ingest.lists import bundled_un_list
from waystation.ingest.registry import parse_message
from waystation.model import Watchlist
from waystation.synth import SynthDay, generate_day
from waystation.synth.render_csv import render_csv, render_truth

DAY = date(2026, 7, 7)


@pytest.fixture(scope="module")
def un() -> Watchlist:
    return bundled_un_list()


@pytest.fixture(scope="module")
def synth_day(un: Watchlist) -> SynthDay:
    return generate_day(un, seed=11, day=DAY, flights=9, planted=7, namesakes=3)


def test_deterministic_for_a_seed(un: Watchlist, synth_day: SynthDay) -> None:
    again = generate_day(un, seed=11, day=DAY, flights=9, planted=7, namesakes=3)
    assert render_csv(again) == render_csv(synth_day)
    other = generate_day(un, seed=12, day=DAY, flights=9, planted=7, namesakes=3)
    assert render_csv(other) != render_csv(synth_day)


def test_planted_people_are_listed_isil_al_qaida_entries(un: Watchlist, synth_day: SynthDay) -> None:
    entries = un.by_id()
    listed = [row for row in synth_day.truth if row.kind == "listed"]
    people = {row.ref.split("-")[0] for row in listed}
    assert len(people) == 7
    assert {row.variant for row in listed} == {
        "exact",
        "alias",
        "spelling",
        "swap",
        "particle",
        "drop_part",
        "passport",
    }
    for row in listed:
        assert row.entry_id is not None
        entry = entries[row.entry_id]
        assert "Al-Qaida" in entry.programmes
        traveller = next(t for f in synth_day.flights for t in f.travellers if t.ref == row.ref)
        assert traveller.nationalities[0] in entry.nationalities
        assert traveller.birth_date is not None
        assert traveller.birth_date.year in {y for b in entry.birth_dates for y in b.years()}
        assert all(ch.isupper() or ch in " -" for ch in traveller.name.full)
        if row.variant == "passport":
            assert traveller.documents[0].number in {d.number for d in entry.documents}


def test_namesakes_differ_in_birth_and_nationality(un: Watchlist, synth_day: SynthDay) -> None:
    travellers = {t.ref: t for f in synth_day.flights for t in f.travellers}
    namesakes = [row for row in synth_day.truth if row.kind == "namesake"]
    assert len(namesakes) == 3
    for row in namesakes:
        assert row.entry_id is not None
        entry = un.by_id()[row.entry_id]
        person = travellers[row.ref]
        assert person.birth_date is not None
        assert person.birth_date.year is not None
        assert all(abs(person.birth_date.year - y) >= 12 for b in entry.birth_dates for y in b.years())
        assert person.nationalities[0] not in entry.nationalities


def test_networks_share_bookings_and_phones(synth_day: SynthDay) -> None:
    kinds = Counter(row.kind for row in synth_day.truth)
    assert kinds["associate"] >= 7
    assert kinds["contact"] >= 7
    by_ref = {t.ref: t for f in synth_day.flights for t in f.travellers}
    bookings = {b.record_locator: b for b in synth_day.bookings}
    listed = next(row for row in synth_day.truth if row.kind == "listed")
    contact = next(r for r in synth_day.truth if r.kind == "contact" and r.entry_id == listed.entry_id)
    listed_booking = bookings[by_ref[listed.ref].booking_ref or ""]
    contact_booking = bookings[by_ref[contact.ref].booking_ref or ""]
    assert listed_booking.record_locator != contact_booking.record_locator
    assert {c.value for c in listed_booking.contacts} & {c.value for c in contact_booking.contacts}


def test_connections_are_feasible(synth_day: SynthDay) -> None:
    for booking in synth_day.bookings:
        legs = booking.itinerary
        for first, second in itertools.pairwise(legs):
            assert first.destination == second.origin == "IST"
            assert isinstance(first.arrival, datetime)
            assert isinstance(second.departure, datetime)
            assert (second.departure - first.arrival).total_seconds() >= 3600


def test_csv_rendering_reads_back(synth_day: SynthDay) -> None:
    parsed = parse_message(render_csv(synth_day), "synth.csv")
    assert parsed.issues == ()
    refs = [t.ref for t in parsed.travellers()]
    assert len(refs) == synth_day.traveller_count == len(synth_day.truth)
    truth = render_truth(synth_day).decode().splitlines()
    assert truth[0] == "ref,kind,expected,list,variant"
    assert len(truth) == len(refs) + 1
    (push,) = parsed.pnr_pushes
    assert len(push.bookings) == len(synth_day.bookings)
    with_cards = [b for b in push.bookings if b.payments and b.payments[0].method == "CC"]
    assert with_cards
    assert all(b.payments[0].card_hash for b in with_cards)
