"""Person resolution: the behaviour table (resolution_cases.csv), and the Gaziantep file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.network import scenario
from tests.network.builders import booking, leg, manifest, push, traveller
from waystation.model import Manifest, Traveller
from waystation.network import MatchBasis, collect_sightings, resolve_persons

CASES = list(csv.DictReader((Path(__file__).parent / "resolution_cases.csv").open(encoding="utf-8")))
FLIGHT = leg("TK2228", "IST", "GZT", "2026-03-14T14:05", "2026-03-14T15:40")


def _side(row: dict[str, str], side: str, ref: str) -> Traveller:
    value = {k[2:]: v or None for k, v in row.items() if k.startswith(f"{side}_")}
    return traveller(
        ref, str(value["surname"]), value["given"], dob=value["dob"], sex=value["sex"],
        passport=value["passport"], issuer=value["issuer"], booking_ref=value["booking"],
    )  # fmt: skip


def _messages(row: dict[str, str]) -> list[Manifest]:
    a, b = _side(row, "a", "1"), _side(row, "b", "2")
    if row["same_message"] == "yes":
        return [manifest("MSG-A", [FLIGHT], [a, b])]
    return [manifest("MSG-A", [FLIGHT], [a]), manifest("MSG-B", [FLIGHT], [b])]


@pytest.mark.parametrize("row", CASES, ids=[row["case"] for row in CASES])
def test_resolution_case(row: dict[str, str]) -> None:
    resolution = resolve_persons(collect_sightings(_messages(row)))
    persons = set(resolution.person_of.values())
    assert len(persons) == (1 if row["expected"] == "same" else 2)
    if row["basis"]:
        (person,) = resolution.persons.values()
        assert MatchBasis(row["basis"]) in person.matched_by
    reasons = [c.reason for c in resolution.conflicts]
    assert reasons == ([row["conflict"]] if row["conflict"] else [])


def test_ids_do_not_depend_on_message_order() -> None:
    messages = scenario.messages()
    forward = resolve_persons(collect_sightings(messages))
    backward = resolve_persons(collect_sightings(list(reversed(messages))))
    assert forward.person_of == backward.person_of
    assert resolve_persons(collect_sightings(messages), secret=b"k").person_of != forward.person_of


def test_karim_is_one_person_across_api_and_pnr() -> None:
    resolution = resolve_persons(collect_sightings(scenario.messages()))
    karim = resolution.persons[scenario.person_named(resolution, "KARIM BENALI")]
    assert karim.sighting_ids == (
        "API-TK1830-20260314|1",
        "API-TK2228-20260314|1",
        "API-TK2229-20260329|1",
        "PNR-TK1830-20260314-72H|KB7Q2X|1",
        "PNR-TK2228-20260314-24H|TK9ZZ1|1",
    )
    assert str(karim.birth_date) == "1994-02-11"
    assert karim.documents == ("FRA:1*******7",)
    assert karim.nationalities == ("FRA",)
    assert set(karim.matched_by) == {MatchBasis.DOCUMENT, MatchBasis.NAME_BOOKING}
    assert karim.person_id.startswith("P-")
    assert len(karim.person_id) == 18


def test_reused_passport_is_two_people_and_a_recorded_conflict() -> None:
    resolution = resolve_persons(collect_sightings(scenario.messages()))
    ayse = scenario.person_named(resolution, "AYSE YILMAZ")
    john = scenario.person_named(resolution, "JOHN SMITH")
    assert ayse != john
    (conflict,) = resolution.conflicts
    assert conflict.basis is MatchBasis.DOCUMENT
    assert conflict.shown == "TUR:U*******7"
    assert conflict.sighting_ids == ("API-TK1980-20260402|1", "API-TK2228-20260314|2")
    assert conflict.reason == "birth dates differ"


def test_ambiguous_shorter_name_joins_nobody() -> None:
    """``HASSAN/ALI`` in a booking with ALI MOHAMMED HASSAN and ALI YUSUF HASSAN could be either."""
    people = [
        traveller("1", "HASSAN", "ALI", booking_ref="Q1W2E3"),
        traveller("2", "HASSAN", "ALI MOHAMMED", dob="1975-06-30", booking_ref="Q1W2E3"),
        traveller("3", "HASSAN", "ALI YUSUF", dob="1978-01-02", booking_ref="Q1W2E3"),
    ]
    messages = [manifest(f"MSG-{p.ref}", [FLIGHT], [p]) for p in people]
    resolution = resolve_persons(collect_sightings(messages))
    assert len(resolution.persons) == 3


def test_one_push_may_hold_a_person_in_two_bookings() -> None:
    """A split ticket pushed in one message: two bookings, one person."""
    first = leg("TK1830", "CDG", "IST", "2026-03-14T07:10", "2026-03-14T11:45")
    karim = traveller("1", "BENALI", "KARIM", dob="1994-02-11", passport="18AB34567", issuer="FRA")
    pushed = push("PNR-ALL", [booking("KB7Q2X", [karim], [first]), booking("TK9ZZ1", [karim], [FLIGHT])])
    resolution = resolve_persons(collect_sightings([pushed]))
    (person,) = resolution.persons.values()
    assert person.sighting_ids == ("PNR-ALL|KB7Q2X|1", "PNR-ALL|TK9ZZ1|1")
    assert resolution.conflicts == ()


def test_a_key_shared_by_many_different_people_stops_being_tried() -> None:
    people = [
        traveller("1", f"KISI{i}", f"ISIM{i}", dob="1980-01-01", passport="K7730912", issuer="TUR")
        for i in range(30)
    ]
    messages = [manifest(f"MSG-{i:02d}", [FLIGHT], [p]) for i, p in enumerate(people)]
    resolution = resolve_persons(collect_sightings(messages))
    assert len(resolution.persons) == 30
    reasons = [c.reason for c in resolution.conflicts]
    assert reasons == ["document shared by different names"] * 20 + [
        "shared by more than 20 people: not used further"
    ]
