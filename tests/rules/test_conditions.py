"""Each shipped condition on concrete subjects: when it holds, when not, and what it says."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from tests.rules.factory import BACK_1, BACK_2, OUT_1, OUT_2, PASSPORT, booking, leg, subject, traveller
from waystation.model import Booking, PartialDate, Payment, TravelDocument
from waystation.rules import (
    AlertState,
    Companion,
    DocumentList,
    Finding,
    ReferenceData,
    RuleSubject,
    SubjectLeg,
)
from waystation.rules.areas import default_areas
from waystation.rules.conditions import BuildContext, BuildError, default_registry

LOST = DocumentList.of("national-lost-stolen", "2026-11-30", [("GBR", "503 912 774"), (None, "X1234567")])
REFS = ReferenceData.of(LOST)


def run(name: str, params: object, who: RuleSubject, refs: ReferenceData = REFS) -> Finding:
    spec = default_registry().get(name)
    assert spec is not None
    return spec.make(params, BuildContext(default_areas())).evaluate(who, refs)


# --- route -----------------------------------------------------------------------------------


def test_route_transit_and_destination_hold_with_airports_named() -> None:
    found = run("route", {"transit": "istanbul", "destination": "syria-border-tr"}, subject())
    assert found.held
    assert found.sentence == (
        "the journey LHR → IST → GZT changes flights at IST (Arnavutköy, Istanbul, TUR), in area istanbul; "
        "ends at GZT (Gaziantep, TUR), in area syria-border-tr"
    )
    assert found.values == (("transit", "IST"), ("destination", "GZT"))


def test_route_origin_by_country_area() -> None:
    found = run("route", {"origin": "europe"}, subject())
    assert found.held
    assert "starts at LHR (London, GBR), in area europe" in found.sentence


def test_route_fails_on_other_destination_and_says_which_part() -> None:
    to_ankara = subject(legs=(SubjectLeg(OUT_1), SubjectLeg(leg("IST", "ESB", datetime(2026, 12, 1, 17, 0)))))
    found = run("route", {"transit": "istanbul", "destination": "syria-border-tr"}, to_ankara)
    assert not found.held
    assert found.sentence == (
        "the journey LHR → IST → ESB has no destination in area syria-border-tr (destination: ESB)"
    )


def test_route_transit_is_not_the_origin() -> None:
    from_istanbul = subject(legs=(SubjectLeg(OUT_2),))
    found = run("route", {"transit": "istanbul"}, from_istanbul)
    assert not found.held
    assert "has no transit in area istanbul (transit: no airport)" in found.sentence


def test_route_with_unknown_area_is_a_build_error() -> None:
    spec = default_registry().get("route")
    assert spec is not None
    with pytest.raises(BuildError, match="unknown area 'raqqa'"):
        spec.make({"destination": "raqqa"}, BuildContext(default_areas()))


# --- one_way / no_return_booked --------------------------------------------------------------


def test_one_way_holds_when_the_booking_has_no_way_back() -> None:
    found = run("one_way", {}, subject())
    assert found.held
    assert found.sentence == "booking ABC123 holds no leg back to LHR (London, GBR): the ticket is one-way"


def test_one_way_fails_with_a_return_leg_and_names_it() -> None:
    round_trip = subject(booking=booking(itinerary=(OUT_1, OUT_2, BACK_1, BACK_2)))
    found = run("one_way", {}, round_trip)
    assert not found.held
    assert (
        found.sentence == "booking ABC123 includes a return to LHR (London, GBR) on TK1971 (2026-12-20 11:00)"
    )


def test_one_way_needs_a_booking() -> None:
    found = run("one_way", {}, subject(booking=None))
    assert not found.held
    assert "no booking is known" in found.sentence


def test_no_return_looks_at_later_bookings_too() -> None:
    later = leg("GZT", "LGW", datetime(2026, 12, 10, 9, 0), carrier="PC", flight="1201")
    found = run("no_return_booked", {}, subject(later_legs=(later,)))
    assert not found.held
    assert found.sentence == "a return to LGW (London, GBR) is booked: PC1201 on 2026-12-10 09:00"
    assert run("no_return_booked", {}, subject()).held


def test_no_return_within_days_ignores_a_return_after_the_window() -> None:
    later = leg("GZT", "LHR", datetime(2027, 3, 1, 9, 0), carrier="PC", flight="1201")
    found = run("no_return_booked", {"within_days": 30}, subject(later_legs=(later,)))
    assert found.held
    assert found.sentence == (
        "none of the 3 known legs after the journey returns to LHR (London, GBR) or its country "
        "within 30 days of arrival"
    )


# --- booking timing, payment, party, remarks ---------------------------------------------------


def test_booked_before_departure_counts_hours() -> None:
    found = run("booked_before_departure", {"within_hours": 72}, subject())
    assert found.held
    assert found.sentence == "booking ABC123 was created 46.0 h before departure, within 72 h"
    late = run("booked_before_departure", {"within_hours": 24, "event": "ticketed"}, subject())
    assert not late.held
    assert late.sentence == "booking ABC123 was ticketed 45.5 h before departure, not within 24 h"


def test_booked_before_departure_with_day_only_departure_uses_end_of_day() -> None:
    day_only = subject(legs=(SubjectLeg(replace(OUT_1, departure=date(2026, 11, 29))),))
    found = run("booked_before_departure", {"within_hours": 12}, day_only)
    assert not found.held  # 10:00 to 23:59:59 is ~14 h: the day never makes a rule fire
    assert found.values[1] == ("departure", "2026-11-29 (day only)")


def test_payment_cash_holds_and_card_does_not() -> None:
    found = run("payment", {"methods": ["CA"]}, subject())
    assert found.held
    assert found.sentence == "booking ABC123 was paid in cash (CA, 420.00 EUR)"
    by_card = subject(booking=booking(payments=(Payment("CC", card_vendor="VI"),)))
    miss = run("payment", {"methods": ["CA"]}, by_card)
    assert not miss.held
    assert miss.sentence == "booking ABC123 was not paid by cash (CA) (forms: CC)"


def test_party_size_alone_and_group() -> None:
    assert (
        run("party_size", {"max": 1}, subject()).sentence
        == "booking ABC123 holds the traveller alone (within 1..1)"
    )
    group = subject(booking=booking(travellers=(traveller("P1"), traveller("P2"), traveller("P3"))))
    found = run("party_size", {"max": 1}, group)
    assert not found.held
    assert found.sentence == "booking ABC123 holds 3 travellers (outside 1..1)"


def test_remark_contains_whole_words_case_insensitive() -> None:
    with_remark = subject(booking=booking(remarks=("OSI TK CTCM PAX REFUSED TO GIVE CONTACT",)))
    found = run("remark_contains", {"terms": ["refused to give contact"]}, with_remark)
    assert found.held
    assert found.values == (("term", "refused to give contact"),)
    assert not run("remark_contains", {"terms": ["refuse"]}, with_remark).held


# --- broken journey -------------------------------------------------------------------------------


def test_broken_journey_separate_bookings_carrier_and_airport_change() -> None:
    second = leg("SAW", "GZT", datetime(2026, 12, 2, 9, 0), datetime(2026, 12, 2, 10, 40), "PC", "2660")
    broken = subject(legs=(SubjectLeg(OUT_1, "ABC123"), SubjectLeg(second, "XYZ789")))
    found = run("broken_journey", {}, broken)
    assert found.held
    assert found.sentence == (
        "at IST (Arnavutköy, Istanbul, TUR): at least 19.0 h between arrival (2026-12-01 14:00) and onward "
        "departure (2026-12-02 09:00); carrier changes from TK to PC; arrives at IST and leaves from SAW; "
        "legs sold in separate bookings ABC123 and XYZ789"
    )
    assert found.values == (
        ("at", "IST"),
        ("breaks", "long_stop,carrier_change,airport_change,separate_bookings"),
    )


def test_broken_journey_not_for_a_through_ticket() -> None:
    found = run("broken_journey", {}, subject())
    assert not found.held
    assert found.sentence == "no break of the selected kinds at the transit points (IST)"


def test_broken_journey_only_selected_kinds_count() -> None:
    second = leg("IST", "GZT", datetime(2026, 12, 1, 17, 0), carrier="PC", flight="2660")
    changed_carrier = subject(legs=(SubjectLeg(OUT_1, "ABC123"), SubjectLeg(second, "ABC123")))
    assert run("broken_journey", {"kinds": ["carrier_change"]}, changed_carrier).held
    assert not run("broken_journey", {"kinds": ["separate_bookings"]}, changed_carrier).held


# --- documents ----------------------------------------------------------------------------------


def _with_document(document: TravelDocument) -> RuleSubject:
    return subject(traveller=traveller(documents=(document,)))


def test_document_expired_before_travel() -> None:
    old = TravelDocument("P", "L898902C3", "GBR", PartialDate(2026, 10, 14))
    found = run("document_expired", {}, _with_document(old))
    assert found.held
    assert found.sentence == "P L898902C3 of GBR expired on 2026-10-14, before travel on 2026-12-01"
    assert not run("document_expired", {}, subject()).held


def test_document_expiry_known_to_the_month_only_counts_to_its_end() -> None:
    this_month = TravelDocument("P", "L898902C3", "GBR", PartialDate(2026, 12))
    assert not run("document_expired", {}, _with_document(this_month)).held


def test_document_recently_issued() -> None:
    new = TravelDocument("P", "C01X00T47", "DEU", PartialDate(2032, 11, 10), PartialDate(2026, 11, 10))
    found = run("document_recently_issued", {"within_days": 30}, _with_document(new))
    assert found.held
    assert (
        found.sentence == "P C01X00T47 of DEU was issued on 2026-11-10, 21 days before travel on 2026-12-01"
    )
    assert not run("document_recently_issued", {"within_days": 30}, subject()).held


def test_document_on_lost_stolen_list_with_spaces_in_the_list() -> None:
    found = run("document_listed", {"list": "national-lost-stolen"}, subject())
    assert found.held
    assert found.sentence == "P 503912774 of GBR is on national-lost-stolen (version 2026-11-30)"
    other_country = _with_document(replace(PASSPORT, issuing_country="IRL"))
    assert not run("document_listed", {"list": "national-lost-stolen"}, other_country).held
    any_country = _with_document(TravelDocument("P", "x1234567", "FRA"))
    assert run("document_listed", {"list": "national-lost-stolen"}, any_country).held


def test_document_list_missing_from_reference_data_does_not_fire() -> None:
    found = run("document_listed", {"list": "national-lost-stolen"}, subject(), ReferenceData())
    assert not found.held
    assert found.sentence == "the list national-lost-stolen was not available to the screening"


# --- companions, nationality, windows, field -----------------------------------------------------


def test_companion_alert_states() -> None:
    together = subject(
        companions=(
            Companion("P2", AlertState.CONFIRMED, "same booking ABC123"),
            Companion("P3", None, "same flight"),
        )
    )
    found = run("companion_alert", {"states": ["confirmed"]}, together)
    assert found.held
    assert found.sentence == "travels with P2 (same booking ABC123) has a confirmed alert"
    cleared = subject(companions=(Companion("P2", AlertState.CLEARED),))
    miss = run("companion_alert", {}, cleared)
    assert not miss.held
    assert miss.sentence == "none of 1 companions has an alert that is confirmed or open"


def test_nationality_condition() -> None:
    found = run("nationality", {"in": ["gbr", "IRL"]}, subject())
    assert found.held
    assert found.sentence == "holds the nationality GBR (United Kingdom)"
    assert not run("nationality", {"in": ["FRA"]}, subject()).held


def test_departure_hours_wrapping_midnight() -> None:
    assert not run("departure_hours", {"after": "22:00", "before": "05:00"}, subject()).held
    night = subject(legs=(SubjectLeg(replace(OUT_1, departure=datetime(2026, 12, 1, 2, 15))),))
    found = run("departure_hours", {"after": "22:00", "before": "05:00"}, night)
    assert found.held
    assert found.sentence == "departs at 02:15 local time, inside 22:00–05:00"


def test_departure_period() -> None:
    found = run("departure_period", {"start": "2026-11-15", "end": "2026-12-15"}, subject())
    assert found.held
    assert found.sentence == "departs on 2026-12-01, inside 2026-11-15 to 2026-12-15"
    assert not run("departure_period", {"start": "2027-01-01", "end": "2027-01-31"}, subject()).held


def test_field_condition_equals_and_contains() -> None:
    found = run("field", {"field": "leg.carrier", "equals": ["tk"]}, subject())
    assert found.held
    assert found.sentence == "leg.carrier is TK"
    agency = subject(booking=booking(remarks=("GRP FARE VIA AGENT 3321",)))
    assert run("field", {"field": "booking.remarks", "contains": ["via agent"]}, agency).held


def test_field_condition_rejects_unknown_field() -> None:
    spec = default_registry().get("field")
    assert spec is not None
    with pytest.raises(BuildError, match=r"unknown field 'traveller\.religion'"):
        spec.make({"field": "traveller.religion", "equals": ["x"]}, BuildContext({}))


def test_every_condition_has_a_summary_and_reads_only_whitelisted_fields() -> None:
    from waystation.rules import default_policy

    policy = default_policy()
    names = default_registry().names()
    assert names == [
        "booked_before_departure",
        "broken_journey",
        "companion_alert",
        "departure_hours",
        "departure_period",
        "document_expired",
        "document_listed",
        "document_recently_issued",
        "field",
        "nationality",
        "no_return_booked",
        "one_way",
        "party_size",
        "payment",
        "remark_contains",
        "route",
    ]
    for spec in default_registry():
        assert len(spec.summary) > 20, spec.name
        assert all(policy.field_violation(f) is None for f in spec.reads), spec.name


def test_booking_without_travellers_counts_as_one() -> None:
    empty = subject(booking=Booking("QQQ111", ()))
    assert run("party_size", {"max": 1}, empty).held
