"""A traveller's small JSON values, written as text by the row builder, are what encoding the
objects gives: the same bytes stored, on both backends (``tests/store/test_binds.py``)."""

from __future__ import annotations

from datetime import date

import pytest

from bench.gateway.traffic import day_requests
from waystation.ingest.message import ParseContext
from waystation.ingest.registry import parse_message
from waystation.model import Name, NamePart, NamePartKind, NameQuality, NameRole
from waystation.store.codec import name_to_json
from waystation.store.engine import EncodedJson, dumps_json
from waystation.store.rows import _name_columns, _text_map_json, _texts_json

_NAMES = [
    Name.from_parts("JANSEN", "INGRID CARLOS"),
    Name((NamePart("DR", NamePartKind.TITLE), NamePart("Ann", NamePartKind.GIVEN))),
    Name(
        (NamePart('Ğül "q" \\', NamePartKind.FAMILY), NamePart("Mé", NamePartKind.MIDDLE)),
        NameRole.ALIAS,
        NameQuality.WEAK,
        "Latn",
        "note\x00with a NUL",
    ),
    Name(()),
    Name((NamePart("X", NamePartKind.UNKNOWN),)),
]


@pytest.mark.parametrize("name", _NAMES)
def test_a_name_is_written_as_its_object_is_encoded(name: Name) -> None:
    family, given, full, written = _name_columns(name)
    assert (family, given, full) == (name.family, name.given, name.full)
    assert type(written) is EncodedJson
    assert dumps_json(written) == dumps_json(name_to_json(name))


def test_a_name_with_a_value_that_is_not_text_falls_back_to_the_object() -> None:
    odd = Name((NamePart("Ann", NamePartKind.GIVEN),), script=5)  # type: ignore[arg-type]
    assert _name_columns(odd) == (None, "Ann", "Ann", name_to_json(odd))


def test_lists_and_references_are_written_as_encoded() -> None:
    for values in ((), ("FRA",), ("FRA", 'D"EU', "ü\x00")):
        written = _texts_json(values)
        assert type(written) is EncodedJson
        assert dumps_json(written) == dumps_json(list(values))
    assert _texts_json((1, "x")) == [1, "x"]  # type: ignore[arg-type]
    for mapping in ({}, {"AVF": "ABC123"}, {"ABO": "1", 'A"VF': "é\x00"}):
        written_map = _text_map_json(mapping)
        assert type(written_map) is EncodedJson
        assert dumps_json(written_map) == dumps_json(dict(mapping))
    assert _text_map_json({"n": 1}) == {"n": 1}  # type: ignore[dict-item]


def test_every_generated_traveller_is_written_as_encoded() -> None:
    (request,) = day_requests(300, size=300, seed=3)
    parsed = parse_message(request.data, "gateway/dcs", None, ParseContext(today=date(2026, 5, 30)))
    travellers = [t for m in parsed.manifests for t in m.travellers]
    assert len(travellers) == 300
    for t in travellers:
        family, given, full, name = _name_columns(t.name)
        assert (family, given, full) == (t.name.family, t.name.given, t.name.full)
        assert dumps_json(name) == dumps_json(name_to_json(t.name))
        assert dumps_json(_texts_json(t.nationalities)) == dumps_json(list(t.nationalities))
        assert dumps_json(_text_map_json(t.references)) == dumps_json(dict(t.references))
