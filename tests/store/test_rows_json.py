"""Provenance encoded directly by the row builder is the text ``dumps_json`` writes for the same value."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from waystation.exc import Locator
from waystation.model import Name, Provenance, Traveller
from waystation.store.engine import EncodedJson, dumps_json
from waystation.store.rows import RowBuilder

SOURCE = "gateway/dcs"
PROVENANCES = [
    Provenance(Locator(SOURCE, 12, "NAD", "name", 13), "NAD+FL+++UMAROV:ELENA"),
    Provenance(Locator(SOURCE, 12, "NAD", None, 13), "NAD+FL+++UMAROV:ELENA"),
    Provenance(Locator(None, 3, "DOC", "documents[0]", 4), 'DOC+P+"quoted" back\\slash'),
    Provenance(Locator(SOURCE, 7, "NAD", "name", 1), "NAD+FL+++Novák:Zoë 李\u2028\t\x01"),
    Provenance(Locator(SOURCE, 7, "NAD", "name", 1), "NAD+FL+++NUL\x00HERE"),
    Provenance(Locator("other/file", 5, "DTM", "birth_date", 6), "DTM+329:450804"),
    Provenance(Locator(SOURCE, 5, "DTM", None, None), "DTM+329:450804"),
    Provenance(Locator(SOURCE, None, "DTM", "x", 2), "DTM"),
    Provenance(Locator(SOURCE, 5, None, "x", 2), None),
    Provenance(Locator(SOURCE, 5, "DTM", "x", 2), "DTM", datetime(2026, 6, 1, 5, 0, tzinfo=UTC)),
    Provenance(Locator(), None),
]


@pytest.mark.parametrize("provenance", PROVENANCES)
def test_provenance_text_is_dumps_json(provenance: Provenance) -> None:
    rows = RowBuilder(1, SOURCE)
    encoded = rows.prov_json(provenance)
    assert type(encoded) is EncodedJson
    assert dumps_json(encoded) == dumps_json(rows.prov(provenance))
    assert json.loads(dumps_json(encoded)) == rows.prov(provenance) or "\x00" in (provenance.raw or "")


def test_no_provenance_stays_none() -> None:
    assert RowBuilder(1, SOURCE).prov_json(None) is None


def test_traveller_provenance_text_is_dumps_json() -> None:
    rows = RowBuilder(1, SOURCE)
    fields = {f"field{i}": p for i, p in enumerate(PROVENANCES)} | {"références.ÄBO": PROVENANCES[0]}
    for at in (PROVENANCES[0], None):
        traveller = Traveller("#1", Name.from_parts("UMAROV", ["ELENA"]), provenance=at, fields=fields)
        row = rows.traveller_row(0, traveller, None, None)
        expected = {"at": rows.prov(at), "fields": {name: rows.prov(p) for name, p in fields.items()}}
        assert dumps_json(row["provenance"]) == dumps_json(expected)
    bare = Traveller("#2", Name.from_parts("UMAROV", ["ELENA"]))
    assert rows.traveller_row(0, bare, None, None)["provenance"] is None
