"""Three frozen dataclasses on the parse path write their ``__init__`` out by hand (speed: see
their comments); it must take exactly the declared fields, in order, with the same defaults, and
set each one — or a field added later would be silently left unset."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from waystation.exc import Locator
from waystation.ingest.edifact.segment import Segment
from waystation.model import Provenance


@pytest.mark.parametrize("cls", [Locator, Provenance, Segment])
def test_the_written_init_takes_every_field_with_its_default(cls: type) -> None:
    fields = dataclasses.fields(cls)
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert [p.name for p in parameters] == [f.name for f in fields]
    for parameter, field in zip(parameters, fields, strict=True):
        expected = inspect.Parameter.empty if field.default is dataclasses.MISSING else field.default
        assert parameter.default == expected, field.name


@pytest.mark.parametrize("cls", [Locator, Provenance, Segment])
def test_the_written_init_sets_every_field(cls: type) -> None:
    fields = dataclasses.fields(cls)
    values = {f.name: object() for f in fields}
    made = cls(**values)
    assert {f.name: getattr(made, f.name) for f in fields} == values
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, fields[0].name, None)
