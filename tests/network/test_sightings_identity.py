"""Sighting ids must not collide when senders reuse UNH references (most send ``UNH+1``)."""

from __future__ import annotations

from waystation.model import Leg, Manifest, ManifestKind, Name, Traveller
from waystation.network import collect_sightings


def _manifest(interchange: str, flight: str, surname: str) -> Manifest:
    leg = Leg("TK", flight, "IST", "GZT")
    traveller = Traveller("P1", Name.from_parts(surname, "ALI"))
    return Manifest(
        "1", ManifestKind.PASSENGERS, (leg,), (traveller,), "paxlst", interchange_ref=interchange, sender="TK"
    )


def test_same_unh_reference_in_two_interchanges_gives_two_sightings() -> None:
    sightings = collect_sightings([_manifest("0001", "TK100", "KAYA"), _manifest("0002", "TK200", "DEMIR")])
    assert [s.sighting_id for s in sightings] == ["TK/0001/1|P1", "TK/0002/1|P1"]
    assert [s.traveller.name.family for s in sightings] == ["KAYA", "DEMIR"]


def test_the_same_interchange_twice_counts_once() -> None:
    sightings = collect_sightings([_manifest("0001", "TK100", "KAYA"), _manifest("0001", "TK100", "KAYA")])
    assert len(sightings) == 1
