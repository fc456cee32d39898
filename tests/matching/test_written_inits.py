"""The engine's frozen dataclasses whose ``__init__`` is written out (``init=False``, for speed when
compiled): each must still take every field, in field order, by position and by keyword, stay
frozen, and compare and hash as a generated one would."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from tests.conftest import WATCHLISTS
from waystation.ingest.lists.un_xml import read_un_xml
from waystation.matching import Screener
from waystation.matching.compare.names import V2_RULES, _pair_options, compare_names
from waystation.matching.index import _query_groups
from waystation.matching.profiles import profile_traveller
from waystation.matching.screener import _Request
from waystation.model import Name, PartialDate, Traveller


@pytest.fixture(scope="module")
def made() -> list[Any]:
    """One instance of each class, as screening the real UN list makes them."""
    data = (WATCHLISTS / "un-consolidated.xml").read_bytes()
    screener = Screener.build([read_un_xml(data, "un-consolidated.xml")])
    traveller = Traveller(
        ref="P1", name=Name.from_full("Mohammed Omar Abdelrahman"), birth_date=PartialDate(1960, 5, 1)
    )
    profile = profile_traveller(traveller)
    algo = screener.algorithm
    proposals, _ = screener.index.propose(profile, float("-inf"), (0.0, 0.0))
    named = next(p for p in proposals if p.names)
    entry = screener.entries[named.entry]
    assessment = screener.assess(traveller, named.entry)
    assert assessment is not None
    comparison = compare_names(profile.name, entry.names[0], V2_RULES)
    assert comparison is not None
    sources = _query_groups(profile.name)
    word = sources[0].units[0][1]
    return [
        profile,
        entry,
        named,
        assessment,
        comparison,
        _pair_options(profile.name, entry.names[0])[0],
        sources[0],
        screener.index._reach(word),
        _Request(algo.default_threshold, algo.default_alert_threshold, 5, None),
    ]


def test_every_field_taken_in_order(made: list[Any]) -> None:
    assert len({type(x) for x in made}) == 9
    for instance in made:
        cls = type(instance)
        values = [getattr(instance, f.name) for f in dataclasses.fields(cls)]
        assert cls(*values) == instance, cls
        assert cls(**{f.name: getattr(instance, f.name) for f in dataclasses.fields(cls)}) == instance, cls
        if not any(isinstance(v, list | dict) for v in values):
            assert hash(cls(*values)) == hash(instance), cls
        assert dataclasses.replace(instance) == instance, cls
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(instance, dataclasses.fields(cls)[0].name, values[0])
