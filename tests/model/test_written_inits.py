"""Three frozen dataclasses on the parse path write their ``__init__`` out by hand (speed: see
their comments); it must take exactly the declared fields, in order, with the same defaults, and
set each one — or a field added later would be silently left unset. ``Segment`` is compiled by
mypyc (docs/matching.md), which keeps that ``__init__`` and checks its argument types, so every
field is given a value of its own type, none equal to its default."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import UTC, datetime
from typing import Any

import pytest

from waystation.exc import Locator
from waystation.ingest.edifact.segment import Segment
from waystation.model import Provenance

VALUES: dict[type, dict[str, Any]] = {
    Locator: {"source": "m.edi", "segment": 7, "tag": "NAD", "field": "name", "line": 3},
    Provenance: {"locator": Locator("m.edi"), "raw": "NAD+FL", "seen_at": datetime(2026, 1, 1, tzinfo=UTC)},
    Segment: {
        "tag": "NAD",
        "elements": (("FL",), ("DOE", "JOHN")),
        "position": 7,
        "raw": "NAD+FL++DOE:JOHN",
        "line": 3,
        "repeated": ((0, (("FL",), ("X",))),),
    },
}


@pytest.mark.parametrize("cls", [Locator, Provenance, Segment])
def test_the_written_init_takes_every_field_with_its_default(cls: type) -> None:
    fields = dataclasses.fields(cls)
    parameters = list(inspect.signature(cls).parameters.values())
    assert [p.name for p in parameters] == [f.name for f in fields]
    for parameter, field in zip(parameters, fields, strict=True):
        expected = inspect.Parameter.empty if field.default is dataclasses.MISSING else field.default
        assert parameter.default == expected, field.name


@pytest.mark.parametrize("cls", [Locator, Provenance, Segment])
def test_the_written_init_sets_every_field(cls: type) -> None:
    fields = dataclasses.fields(cls)
    values = VALUES[cls]
    assert sorted(values) == sorted(f.name for f in fields)
    assert all(values[f.name] != f.default for f in fields)
    made = cls(**values)
    assert {f.name: getattr(made, f.name) for f in fields} == values
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, fields[0].name, None)
