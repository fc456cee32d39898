"""Provenance encoded directly by the row builder is the text ``dumps_json`` writes for the same value
(a traveller's, with its places, is checked by reading it back: ``test_provenance.py``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from waystation.exc import Locator
from waystation.model import Provenance
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
