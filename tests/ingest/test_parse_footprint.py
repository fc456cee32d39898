"""What a parsed PAXLST leaves for the cyclic garbage collector: a count, not a timing.

The gateway holds a parsed message until it has answered it, and every collection that happens
meanwhile walks each object of it the collector tracks (bench/RESULTS.md, "parse4"). Locators and
provenances are ~22 of a traveller's objects; compiled (group ``core``) they are acyclic and not
tracked, and a fields dict holding only them is untracked too. This pins the count per parsed
traveller so that a change adding tracked objects to every value read is seen.
"""

from __future__ import annotations

import gc
from datetime import date

import pytest

from waystation import compiled
from waystation.ingest.message import ParseContext
from waystation.ingest.registry import parse_message
from waystation.synth import generate_day
from waystation.synth.render_iapi import render_iapi

# Tracked objects alive per traveller after a collection, this message (130 travellers, measured
# 2026-11-26): 8.05 with the core group compiled, 31.08 from the sources (and before it, either way).
MOST_PER_TRAVELLER = {"compiled": 8.1, "source": 31.1}


@pytest.fixture(scope="module")
def message() -> bytes:
    flight = generate_day(
        None, seed=3, day=date(2026, 6, 1), flights=1, passengers_per_flight=(120, 120)
    ).flights[0]
    return render_iapi(flight.leg, flight.travellers, reference="FOOT0001", transaction="FOOT0001")


def _tracked_after_parsing(data: bytes, context: ParseContext) -> tuple[int, int]:
    """Tracked objects the parsed message adds (its caches already warm), and its travellers."""
    gc.collect()
    before = len(gc.get_objects())
    parsed = parse_message(data, "footprint.edi", context=context)
    gc.collect()
    added = len(gc.get_objects()) - before
    return added, sum(1 for _ in parsed.travellers())


def test_tracked_objects_per_parsed_traveller(message: bytes) -> None:
    context = ParseContext(today=date(2026, 6, 1))
    parse_message(message, "footprint.edi", context=context)  # the readers' caches (dates, countries)
    added, travellers = _tracked_after_parsing(message, context)
    assert travellers >= 120  # the passengers and the crew
    how = compiled.loaded["core"]
    assert added / travellers <= MOST_PER_TRAVELLER[how], (how, added, travellers)
