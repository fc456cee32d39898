"""Journeys: legs from API and PNR joined per person, with transits, breaks and split tickets."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.network import scenario
from tests.network.builders import booking, leg, manifest, push, traveller
from waystation.model import Leg, Manifest, PnrPush
from waystation.network import (
    Itinerary,
    SourceKind,
    StopKind,
    build_itineraries,
    collect_sightings,
    itinerary_of,
    resolve_persons,
)


def _single(messages: list[Manifest | PnrPush], max_stay: timedelta = timedelta(hours=24)) -> Itinerary:
    return itinerary_of("P-x", collect_sightings(messages), max_stay)


def test_karim_transits_in_istanbul_on_a_split_ticket_then_stays_in_gaziantep() -> None:
    sightings = collect_sightings(scenario.messages())
    resolution = resolve_persons(sightings)
    karim = scenario.person_named(resolution, "KARIM BENALI")
    itinerary = build_itineraries(sightings, resolution.person_of)[karim]

    outbound, back = itinerary.journeys
    assert outbound.airports == ("CDG", "IST", "GZT")
    (transit,) = outbound.transits
    assert transit.kind is StopKind.TRANSIT
    assert transit.airport == "IST"
    assert transit.arrived == datetime(2026, 3, 14, 11, 45)
    assert transit.departs == datetime(2026, 3, 14, 14, 5)
    assert transit.duration == timedelta(hours=2, minutes=20)
    assert transit.certain
    assert transit.split_ticket is True
    assert outbound.split_ticket

    first, second = outbound.legs
    assert first.booking_locators == ("KB7Q2X",)
    assert second.booking_locators == ("TK9ZZ1",)
    assert first.sources == (SourceKind.API, SourceKind.PNR)
    assert first.sighting_ids == ("API-TK1830-20260314|1", "PNR-TK1830-20260314-72H|KB7Q2X|1")

    (stay,) = itinerary.breaks
    assert stay.kind is StopKind.STAY
    assert stay.airport == "GZT"
    assert stay.duration == timedelta(days=15, minutes=50)
    assert back.airports == ("GZT", "IST")
    assert back.transits == ()


def test_same_ticket_transit_is_not_split() -> None:
    legs = [
        leg("TK1830", "CDG", "IST", "2026-03-14T07:10", "2026-03-14T11:45"),
        leg("TK2246", "IST", "HTY", "2026-03-14T18:00", "2026-03-14T19:25"),
    ]
    itinerary = _single([push("P1", [booking("ABC123", [traveller("1", "KAYA", "AHMET")], legs)])])
    (journey,) = itinerary.journeys
    assert journey.airports == ("CDG", "IST", "HTY")
    assert journey.transits[0].split_ticket is False
    assert journey.transits[0].duration == timedelta(hours=6, minutes=15)


def test_long_stay_is_configurable() -> None:
    legs = [
        leg("TK1830", "CDG", "IST", "2026-03-14T07:10", "2026-03-14T11:45"),
        leg("TK2228", "IST", "GZT", "2026-03-15T14:05", "2026-03-15T15:40"),
    ]
    messages: list[Manifest | PnrPush] = [
        push("P1", [booking("ABC123", [traveller("1", "KAYA", "AHMET")], legs)])
    ]
    day = _single(messages)
    assert len(day.journeys) == 2
    assert day.breaks[0].kind is StopKind.STAY
    assert day.breaks[0].duration == timedelta(hours=26, minutes=20)
    two_days = _single(messages, max_stay=timedelta(hours=48))
    assert [j.airports for j in two_days.journeys] == [("CDG", "IST", "GZT")]


def test_arriving_at_one_airport_and_leaving_from_another_breaks_the_journey() -> None:
    legs = [
        leg("TK2246", "IST", "HTY", "2026-03-14T18:00", "2026-03-14T19:25"),
        leg("TK2229", "GZT", "IST", "2026-03-15T16:30", "2026-03-15T18:10"),
    ]
    itinerary = _single([push("P1", [booking("ABC123", [traveller("1", "KAYA", "AHMET")], legs)])])
    (surface,) = itinerary.breaks
    assert surface.kind is StopKind.SURFACE
    assert (surface.airport, surface.next_origin) == ("HTY", "GZT")
    assert surface.duration == timedelta(hours=21, minutes=5)


def test_days_only_give_a_range_and_an_uncertain_transit() -> None:
    """A CSV manifest gives days, not times: one day apart may have been a transit or not."""
    legs = [leg("TK1830", "CDG", "IST", "2026-03-14"), leg("TK2228", "IST", "GZT", "2026-03-15")]
    messages: list[Manifest | PnrPush] = [
        manifest("M1", [legs[0]], [traveller("1", "KAYA", "AHMET", passport="U55512345", issuer="TUR")]),
        manifest("M2", [legs[1]], [traveller("1", "KAYA", "AHMET", passport="U55512345", issuer="TUR")]),
    ]
    (journey,) = _single(messages).journeys
    (transit,) = journey.transits
    assert transit.kind is StopKind.TRANSIT
    assert not transit.certain
    assert (transit.at_least, transit.at_most) == (timedelta(0), timedelta(days=2))
    assert transit.duration is None
    assert transit.split_ticket is None  # the API named no booking

    far = [leg("TK1830", "CDG", "IST", "2026-03-14"), leg("TK2228", "IST", "GZT", "2026-03-18")]
    itinerary = _single([manifest("M", far, [traveller("1", "KAYA", "AHMET")])])
    assert [b.kind for b in itinerary.breaks] == [StopKind.STAY]
    assert itinerary.breaks[0].at_least == timedelta(days=2)


def test_copies_merge_keep_the_best_times_and_drop_cancelled_and_undated_legs() -> None:
    day_only = leg("TK2228", "IST", "GZT", "2026-03-14")
    timed = leg("TK2228", "IST", "GZT", "2026-03-14T14:05", "2026-03-14T15:40")
    cancelled = leg("TK2230", "IST", "GZT", "2026-03-14T20:00", "2026-03-14T21:35", status="HX")
    undated = leg("TK9999", "IST", "GNY", None)
    ahmet = traveller("1", "KAYA", "AHMET")
    itinerary = _single(
        [
            manifest("CSV", [day_only], [ahmet]),
            push("P1", [booking("ABC123", [ahmet], [timed, cancelled])]),
            push("P2", [booking("XYZ789", [ahmet], [undated])]),
        ]
    )
    (journey,) = itinerary.journeys
    (only,) = journey.legs
    assert only.leg.departure == datetime(2026, 3, 14, 14, 5)
    assert only.leg.arrival == datetime(2026, 3, 14, 15, 40)
    assert only.sighting_ids == ("CSV|1", "P1|ABC123|1")
    assert [u.leg.flight for u in itinerary.undated] == ["TK9999"]


@st.composite
def _legs(draw: st.DrawFn) -> list[Leg]:
    airports = ["IST", "GZT", "HTY", "CDG"]
    found = []
    for n in range(draw(st.integers(1, 6))):
        day = draw(st.integers(1, 20))
        origin, destination = draw(st.permutations(airports))[:2]
        if draw(st.booleans()):
            hour = draw(st.integers(0, 20))
            found.append(leg(f"TK{n}", origin, destination, f"2026-03-{day:02d}T{hour:02d}:00",
                             f"2026-03-{day:02d}T{hour + 2:02d}:30"))  # fmt: skip
        else:
            found.append(leg(f"TK{n}", origin, destination, f"2026-03-{day:02d}"))
    return found


@settings(max_examples=200, deadline=None)
@given(_legs(), st.integers(1, 96))
def test_journeys_partition_the_legs_and_stops_obey_max_stay(legs: list[Leg], hours: int) -> None:
    max_stay = timedelta(hours=hours)
    itinerary = _single([push("P1", [booking("ABC123", [traveller("1", "KAYA", "AHMET")], legs)])], max_stay)
    flown = [j.leg.flight for journey in itinerary.journeys for j in journey.legs]
    assert sorted(flown) == sorted(lg.flight for lg in legs)
    assert len(itinerary.breaks) == len(itinerary.journeys) - 1
    days = [j.day for journey in itinerary.journeys for j in journey.legs]
    assert days == sorted(days)
    for journey in itinerary.journeys:
        for transit in journey.transits:
            assert transit.kind is StopKind.TRANSIT
            assert transit.at_least <= max_stay
            assert transit.airport == transit.next_origin
            assert transit.certain == (transit.at_most is not None and transit.at_most <= max_stay)
            assert transit.split_ticket is False
    for stop in itinerary.breaks:
        assert stop.kind is StopKind.SURFACE or stop.at_least > max_stay
        assert stop.at_most is None or stop.at_least <= stop.at_most
