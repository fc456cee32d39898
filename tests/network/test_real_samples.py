"""The network stage over every real PAXLST and PNRGOV sample (read by the real readers)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from waystation.ingest.message import ParseContext
from waystation.ingest.registry import parse_message
from waystation.model import Manifest, PnrPush
from waystation.network import (
    LinkGraph,
    LinkKind,
    MatchBasis,
    Resolution,
    Sighting,
    build_itineraries,
    build_link_graph,
    collect_sightings,
    resolve_persons,
)

Stage = tuple[list[Sighting], Resolution, LinkGraph]


@pytest.fixture(scope="module")
def stage(samples_dir: Path) -> Stage:
    messages: list[Manifest | PnrPush] = []
    context = ParseContext(date(2026, 1, 1), b"test-key")
    for path in sorted([*samples_dir.glob("paxlst-*.edi"), *samples_dir.glob("pnrgov-*.edi")]):
        parsed = parse_message(path.read_bytes(), path.name, context=context)
        messages += [*parsed.manifests, *parsed.pnr_pushes]
    sightings = collect_sightings(messages)
    resolution = resolve_persons(sightings)
    return sightings, resolution, build_link_graph(sightings, resolution)


def _named(resolution: Resolution, name: str) -> str:
    (found,) = [p.person_id for p in resolution.persons.values() if name in p.names]
    return found


def test_a_passenger_pushed_in_two_files_is_one_person(stage: Stage) -> None:
    """pnrgov-gtas-3 and pnrgov-gtas-10 both push booking 35K2IO (Munich to Montreal)."""
    _, resolution, graph = stage
    charlotte = resolution.persons[_named(resolution, "CHARLOTTE LENDROT")]
    assert len(charlotte.sighting_ids) == 2
    assert charlotte.matched_by == (MatchBasis.NAME_BIRTH_DATE,)
    assert str(charlotte.birth_date) == "1952-02-14"
    (nina,) = graph.neighbours(charlotte.person_id)
    assert resolution.persons[nina].label == "NINA DORON"
    (link,) = graph.links(charlotte.person_id, nina)
    assert (link.kind, link.shown) == (LinkKind.CO_TRAVEL, "LH474 2013-05-27 MUC-YUL in 35K2IO")


def test_real_itineraries_with_transits(stage: Stage) -> None:
    sightings, resolution, _ = stage
    itineraries = build_itineraries(sightings, resolution.person_of)
    (smith,) = itineraries[_named(resolution, "JOHN SMITHJR")].journeys  # pnrgov-gtas-1
    assert smith.airports == ("LHR", "JFK", "YVR")
    assert [(t.airport, t.duration, t.split_ticket) for t in smith.transits] == [
        ("JFK", timedelta(hours=9, minutes=30), False)
    ]
    (nuguse,) = itineraries[_named(resolution, "NEGISTI NUGUSE")].journeys  # pnrgov-gtas-15
    assert nuguse.airports == ("WDH", "ADD", "FRA", "IAD")
    assert [(t.airport, t.duration) for t in nuguse.transits] == [
        ("ADD", timedelta(hours=2)),
        ("FRA", timedelta(hours=6, minutes=49)),
    ]


def test_placeholder_document_numbers_join_nobody(stage: Stage) -> None:
    """Test senders put 12345678 in 260 passports: as a key it would make one person of them all."""
    sightings, resolution, graph = stage
    holders = [s for s in sightings if any(d.number == "12345678" for d in s.traveller.documents)]
    assert len(holders) > 100
    assert len({resolution.person_of[s.sighting_id] for s in holders}) == len(holders)
    assert all(link.kind is not LinkKind.DOCUMENT or "1******8" not in link.shown
               for _, _, data in graph.graph.edges(data=True) for link in data["links"])  # fmt: skip
