"""Locator and Provenance behave as the frozen dataclasses they were, compiled (group ``core``,
acyclic: not tracked by the collector) or from source: equal, hashable, frozen, printable, and
they pickle and copy (a compiled frozen dataclass does not by itself)."""

from __future__ import annotations

import copy
import dataclasses
import gc
import pickle
from datetime import UTC, datetime

import pytest

from waystation import compiled
from waystation.exc import InputError, Locator
from waystation.model import Provenance
from waystation.model.provenance import read_at

LOCATOR = Locator("m.edi", 7, "NAD", "name", 3)
PROVENANCE = Provenance(LOCATOR, "NAD+FL+++DOE:JOHN", datetime(2026, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    "record", [LOCATOR, PROVENANCE, Provenance(Locator())], ids=["locator", "provenance", "bare"]
)
def test_pickle_and_copy_give_an_equal_record(record: object) -> None:
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(record, protocol)) == record
    assert copy.copy(record) == record
    assert copy.deepcopy(record) == record


def test_frozen_equal_hashable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        LOCATOR.field = "sex"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        PROVENANCE.raw = None  # type: ignore[misc]
    same = Provenance(
        Locator("m.edi", 7, "NAD", "name", 3), "NAD+FL+++DOE:JOHN", datetime(2026, 1, 1, tzinfo=UTC)
    )
    assert same == PROVENANCE
    assert hash(same) == hash(PROVENANCE)
    assert {LOCATOR: 1}[Locator("m.edi", 7, "NAD", "name", 3)] == 1
    assert dataclasses.replace(LOCATOR, field=None) == Locator("m.edi", 7, "NAD", None, 3)
    assert dataclasses.asdict(PROVENANCE)["locator"]["tag"] == "NAD"


def test_printed_as_before() -> None:
    assert repr(LOCATOR) == "Locator(source='m.edi', segment=7, tag='NAD', field='name', line=3)"
    assert str(PROVENANCE) == "m.edi, segment 7 (NAD), line 3, field name"
    assert str(InputError("bad date", LOCATOR)) == "m.edi, segment 7 (NAD), line 3, field name: bad date"
    assert str(Locator()) == "<unknown location>"


def test_read_at_is_the_two_constructors() -> None:
    assert read_at("m.edi", 7, "NAD", "name", 3, "NAD+FL") == Provenance(LOCATOR, "NAD+FL")


def test_untracked_by_the_collector_when_compiled() -> None:
    tracked = compiled.loaded["core"] != "compiled"
    assert gc.is_tracked(read_at("m.edi", 7, "NAD", "name", 3, "NAD+FL")) is tracked
    assert gc.is_tracked(Locator("m.edi")) is tracked
