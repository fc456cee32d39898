"""Provenance stored without repeating itself comes back exactly as parsed, and rows written in the
older shape (one object per value) still read: on every real sample, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from tests.conftest import SAMPLES
from tests.store.conftest import Database
from waystation.cases.retention import mask_traveller
from waystation.exc import InputError, Locator
from waystation.ingest.message import ParseContext, ParsedMessage
from waystation.ingest.registry import parse_message
from waystation.model import Booking, Name, Provenance, Traveller
from waystation.store.bookings import load_bookings
from waystation.store.engine import EncodedJson, dumps_json
from waystation.store.messages import receive_message
from waystation.store.parsed import store_parsed_message
from waystation.store.provenance import (
    ProvenanceWriter,
    provenance_object,
    restore_provenance,
    restore_traveller_provenance,
)
from waystation.store.retention import MaskedTraveller, write_masked_travellers
from waystation.store.rows import RowBuilder
from waystation.store.schema import (
    AddressRow,
    BookingRow,
    ContactRow,
    PaymentRow,
    TravelDocumentRow,
    TravellerRow,
)
from waystation.store.travellers import travellers_of_message

SOURCE = "gateway/dcs"
UNUSUAL = [
    Provenance(Locator(SOURCE, 12, "NAD", "name", 13), "NAD+FL+++UMAROV:ELENA"),
    Provenance(Locator(SOURCE, 12, "NAD", None, 13), "NAD+FL+++UMAROV:ELENA"),
    Provenance(Locator(None, 3, "DOC", "documents[0]", 4), 'DOC+P+"quoted" back\\slash'),
    Provenance(Locator(SOURCE, 7, "NAD", "name", 1), "NAD+FL+++Novák:Zoë 李\u2028\t\x01"),
    Provenance(Locator("other/file", 5, "DTM", "birth_date", 6), "DTM+329:450804"),
    Provenance(Locator(SOURCE, 5, "DTM", None, None), "DTM+329:450804"),
    Provenance(Locator(SOURCE, None, "DTM", "x", 2), "DTM"),
    Provenance(Locator(SOURCE, 5, None, "x", 2), None),
    Provenance(Locator(SOURCE, 5, "NAD", "x", 2), None),  # masked: the raw text stripped
    Provenance(Locator(SOURCE, 5, "nad", "x", 2), "NAD+FL"),  # a tag not the text's first three
    Provenance(Locator(SOURCE, 5, None, None, 2), "NAD+FL"),
    Provenance(Locator(SOURCE, None, None, None, 14), None),  # a CSV line
    Provenance(Locator(SOURCE, 5, "DTM", "x", 2), "DTM", datetime(2026, 6, 1, 5, 0, tzinfo=UTC)),
    Provenance(Locator(SOURCE, True, "DTM", "x", 2), "DTM"),  # type: ignore[arg-type]
    Provenance(Locator(), None),
]
NUL = Provenance(Locator(SOURCE, 7, "NAD", "name", 1), "NAD+FL+++NUL\x00HERE")


def _whole(provenance: Provenance | None, source: str = SOURCE) -> Provenance | None:
    """What reading gives back: an unnamed source is the message's (as it always was)."""
    if provenance is None or provenance.locator.source is not None:
        return provenance
    return replace(provenance, locator=replace(provenance.locator, source=source))


def _stored_text(value: Any) -> Any:
    """A value as the JSON column stores and returns it."""
    return json.loads(dumps_json(value))


@pytest.mark.parametrize("provenance", UNUSUAL)
def test_one_provenance_round_trip(provenance: Provenance) -> None:
    rows = RowBuilder(1, SOURCE)
    assert restore_provenance(_stored_text(rows.prov(provenance)), SOURCE) == _whole(provenance)


@pytest.mark.parametrize("provenance", [*UNUSUAL, NUL])
def test_provenance_text_is_dumps_json(provenance: Provenance) -> None:
    """What the row builder encodes directly is the text ``dumps_json`` writes for its value."""
    rows = RowBuilder(1, SOURCE)
    encoded = rows.prov_json(provenance)
    assert type(encoded) is EncodedJson
    assert dumps_json(encoded) == dumps_json(rows.prov(provenance))


def test_a_nul_is_stored_as_the_replacement_character() -> None:
    """PostgreSQL cannot store U+0000: both backends keep U+FFFD in its place (store/engine.py)."""
    got = restore_provenance(_stored_text(RowBuilder(1, SOURCE).prov(NUL)), SOURCE)
    assert got is not None
    assert got.raw == "NAD+FL+++NUL\ufffdHERE"


def test_no_provenance_stays_none() -> None:
    assert RowBuilder(1, SOURCE).prov_json(None) is None
    assert RowBuilder(1, SOURCE).prov(None) is None


def test_a_place_is_short() -> None:
    writer = ProvenanceWriter(SOURCE)
    assert writer.one(UNUSUAL[1]) == [12, 13, "NAD+FL+++UMAROV:ELENA"]
    assert writer.one(UNUSUAL[0]) == [12, 13, "NAD+FL+++UMAROV:ELENA", "NAD", "name"]
    assert writer.one(UNUSUAL[9]) == [5, 2, "NAD+FL", "nad", "x"]
    assert writer.one(UNUSUAL[11]) == [None, 14, None]
    assert writer.one(UNUSUAL[4]) == {
        "source": "other/file",
        "segment": 5,
        "tag": "DTM",
        "field": "birth_date",
        "line": 6,
        "raw": "DTM+329:450804",
    }


def test_traveller_provenance_round_trip() -> None:
    rows = RowBuilder(1, SOURCE)
    fields = {f"field{i}": p for i, p in enumerate(UNUSUAL)} | {"références.ÄBO": UNUSUAL[0]}
    compact = {
        "name": UNUSUAL[0],
        "other": UNUSUAL[1],
        "odd": UNUSUAL[9],
        "line": UNUSUAL[11],
        "": UNUSUAL[1],
    }
    mixed = {"name": UNUSUAL[0], "elsewhere": UNUSUAL[4], "seen": UNUSUAL[12], "odd": UNUSUAL[13]}
    for at in (UNUSUAL[1], UNUSUAL[0], None):
        for values in (fields, compact, mixed, {}):
            traveller = Traveller("#1", Name.from_parts("UMAROV", ["ELENA"]), provenance=at, fields=values)
            stored = _stored_text(rows.traveller_row(0, traveller, None, None)["provenance"])
            got_at, got_fields = restore_traveller_provenance(stored, SOURCE)
            assert got_at == _whole(at)
            assert got_fields == {name: _whole(p) for name, p in values.items()}
            assert list(got_fields) == list(values)
    bare = Traveller("#2", Name.from_parts("UMAROV", ["ELENA"]))
    assert rows.traveller_row(0, bare, None, None)["provenance"] is None
    odd_names = Traveller("#3", Name.from_parts("A", []), provenance=UNUSUAL[0], fields={1: UNUSUAL[0]})  # type: ignore[dict-item]
    stored = _stored_text(rows.traveller_row(0, odd_names, None, None)["provenance"])
    assert "s" not in stored
    assert restore_traveller_provenance(stored, SOURCE) == (
        UNUSUAL[0],
        {"1": UNUSUAL[0]},
    )


def test_a_value_that_is_not_a_place_is_kept_whole_beside_places() -> None:
    traveller = Traveller("#1", Name.from_parts("A", []), provenance=UNUSUAL[1], fields={"x": UNUSUAL[4]})
    stored = _stored_text(RowBuilder(1, SOURCE).traveller_row(0, traveller, None, None)["provenance"])
    assert stored == {
        "s": [[12, 13, "NAD+FL+++UMAROV:ELENA"]],
        "at": 0,
        "fields": {"x": ProvenanceWriter(SOURCE).one(UNUSUAL[4])},
    }


def test_one_segment_text_is_kept_once() -> None:
    name = Provenance(Locator(SOURCE, 12, "NAD", "name", 13), "NAD+FL+++UMAROV:ELENA")
    at = Provenance(Locator(SOURCE, 12, "NAD", None, 13), "NAD+FL+++UMAROV:ELENA")
    sex = Provenance(Locator(SOURCE, 12, "NAD", "sex", 13), "NAD+FL+++UMAROV:ELENA")
    other = Provenance(Locator(SOURCE, 12, "NAD", "given", 13), "NAD+FL+++UMAROV:ELENA")
    traveller = Traveller(
        "#1",
        Name.from_parts("UMAROV", ["ELENA"]),
        provenance=at,
        fields={"name": name, "sex": sex, "x": other},
    )
    stored = _stored_text(RowBuilder(1, SOURCE).traveller_row(0, traveller, None, None)["provenance"])
    assert stored == {
        "s": [[12, 13, "NAD+FL+++UMAROV:ELENA"]],
        "at": 0,
        "fields": {"name": 0, "sex": 0, "x": [0, "given"]},
    }


# --- real samples, stored and read back -------------------------------------------------------

FILES = sorted(p.name for p in SAMPLES.glob("*.edi") if p.name.startswith(("paxlst-", "pnrgov-")))


def _parsed(name: str) -> tuple[bytes, ParsedMessage] | None:
    data = (Path(SAMPLES) / name).read_bytes()
    try:
        return data, parse_message(data, name, context=ParseContext(card_key=b"test"))
    except InputError:
        return None


def _traveller_provenances(t: Traveller, source: str) -> dict[str, Any]:
    """Every provenance a traveller carries, by where it sits, as reading should give it back."""
    found: dict[str, Any] = {"at": _whole(t.provenance, source)}
    found |= {f"fields.{n}": _whole(p, source) for n, p in t.fields.items()}
    found |= {f"documents[{i}]": _whole(d.provenance, source) for i, d in enumerate(t.documents)}
    found |= {f"contacts[{i}]": _whole(c.provenance, source) for i, c in enumerate(t.contacts)}
    found["address"] = _whole(t.address.provenance, source) if t.address else None
    return found


def _booking_provenances(b: Booking, source: str) -> dict[str, Any]:
    found: dict[str, Any] = {"at": _whole(b.provenance, source)}
    found["agency"] = _whole(b.agency.provenance, source) if b.agency else None
    found |= {f"payments[{i}]": _whole(p.provenance, source) for i, p in enumerate(b.payments)}
    found |= {f"contacts[{i}]": _whole(c.provenance, source) for i, c in enumerate(b.contacts)}
    found |= {f"addresses[{i}]": _whole(a.provenance, source) for i, a in enumerate(b.addresses)}
    return found


def _expected(parsed: ParsedMessage) -> tuple[list[Traveller], list[Booking]]:
    travellers = [t for m in parsed.manifests for t in m.travellers]
    bookings = [b for p in parsed.pnr_pushes for b in p.bookings]
    travellers += [t for b in bookings for t in b.travellers if not any(t is s for s in travellers)]
    return travellers, bookings


def _store(db: Database, name: str) -> tuple[int, tuple[int, ...], ParsedMessage] | None:
    read = _parsed(name)
    if read is None:
        return None
    data, parsed = read
    received = receive_message(db.sessions, data, source=name)
    with db.sessions.begin() as session:
        content = store_parsed_message(session, received.id, parsed)
    return received.id, content.booking_ids, parsed


def _check_read_back(
    db: Database, message_id: int, booking_ids: tuple[int, ...], parsed: ParsedMessage
) -> int:
    source = parsed.source
    travellers, bookings = _expected(parsed)
    with db.sessions() as session:
        stored = [s.traveller for s in travellers_of_message(session, message_id)]
        stored_bookings = [b.booking for b in load_bookings(session, booking_ids)]
    assert len(stored) == len(travellers)
    checked = 0
    for got, want in zip(stored, travellers, strict=True):
        expected = _traveller_provenances(want, source)
        assert _traveller_provenances(got, source) == expected, want.ref
        assert list(got.fields) == list(want.fields) or db.backend == "postgresql"  # JSONB sorts keys
        checked += sum(p is not None for p in expected.values())
    for got_booking, want_booking in zip(stored_bookings, bookings, strict=True):
        expected = _booking_provenances(want_booking, source)
        assert _booking_provenances(got_booking, source) == expected, want_booking.record_locator
        checked += sum(p is not None for p in expected.values())
    return checked


def test_the_samples_are_there() -> None:
    assert len(FILES) >= 40


@pytest.mark.parametrize("name", FILES)
def test_real_sample_provenance_round_trip(db: Database, name: str) -> None:
    stored = _store(db, name)
    if stored is None:
        pytest.skip(f"{name} is rejected by its reader (kept, with nothing to store)")
    message_id, booking_ids, parsed = stored
    with db.sessions() as session:
        text = session.execute(
            select(TravellerRow.provenance).where(TravellerRow.raw_message_id == message_id)
        ).scalars()
        shapes = {"s" in (p or {"s": None}) for p in text}
    assert shapes <= {True}  # every traveller written in the new shape
    travellers, bookings = _expected(parsed)
    assert _check_read_back(db, message_id, booking_ids, parsed) > 0 or not (travellers or bookings)


def _old_shape(value: Any, source: str) -> Any:
    """A stored provenance rewritten as rows were before: one object per value."""
    if isinstance(value, list):
        provenance = restore_provenance(value, source)
        assert provenance is not None
        return provenance_object(provenance, source)
    return value


def _old_traveller_shape(value: dict[str, Any] | None, source: str) -> dict[str, Any] | None:
    if value is None:
        return None
    at, fields = restore_traveller_provenance(value, source)
    return {
        "at": provenance_object(at, source) if at is not None else None,
        "fields": {name: provenance_object(p, source) for name, p in fields.items()},
    }


@pytest.mark.parametrize("name", [n for n in FILES if n.startswith(("paxlst-astra", "pnrgov-gtas"))][:8])
def test_rows_in_the_older_shape_still_read(db: Database, name: str) -> None:
    stored = _store(db, name)
    if stored is None:
        pytest.skip(f"{name} is rejected by its reader")
    message_id, booking_ids, parsed = stored
    source = parsed.source
    rewritten = 0
    with db.sessions.begin() as session:
        for model in (TravellerRow, TravelDocumentRow, ContactRow, AddressRow, PaymentRow, BookingRow):
            for row in session.execute(select(model)).scalars():
                if model is TravellerRow:
                    old = _old_traveller_shape(row.provenance, source)
                elif model is BookingRow:
                    old = {k: _old_shape(v, source) for k, v in (row.provenance or {}).items()}
                else:
                    old = _old_shape(row.provenance, source)
                session.execute(update(model).where(model.id == row.id).values(provenance=old))
                rewritten += 1
    assert rewritten > 0
    with db.sessions() as session:
        sample = session.execute(select(TravellerRow.provenance).limit(1)).scalar_one()
    assert sample is None or ("s" not in sample and "fields" in sample)
    assert _check_read_back(db, message_id, booking_ids, parsed) > 0


@pytest.mark.parametrize("name", FILES)
def test_the_usual_traveller_is_written_as_value_by_value(name: str) -> None:
    """The shortcut for the usual traveller writes exactly what the general writer writes."""
    read = _parsed(name)
    if read is None:
        pytest.skip(f"{name} is rejected by its reader")
    parsed = read[1]
    writer = ProvenanceWriter(parsed.source)
    travellers, _ = _expected(parsed)
    usual = 0
    for t in travellers:
        general = writer._any_traveller_text(t.provenance, t.fields)
        fast = writer._usual_traveller_text(t.provenance, t.fields)
        assert fast is None or fast == general
        usual += fast is not None
    assert usual == len(travellers) or not name.startswith("paxlst-astra")


@pytest.mark.parametrize("name", ["paxlst-astra-1.edi", "pnrgov-gtas-1.edi"])
def test_masked_rows_keep_their_places_without_the_raw_text(db: Database, name: str) -> None:
    stored = _store(db, name)
    assert stored is not None
    message_id, _, parsed = stored
    with db.sessions() as session:
        travellers = travellers_of_message(session, message_id)
        documents = {
            (d.traveller_id, d.position): d.id for d in session.execute(select(TravelDocumentRow)).scalars()
        }
    items = [
        MaskedTraveller(
            s,
            mask_traveller(s.traveller),
            position,
            {p: i for (t, p), i in documents.items() if t == s.id},
            f"key{position}",
        )
        for position, s in enumerate(travellers)
    ]
    with db.sessions.begin() as session:
        write_masked_travellers(session, message_id, items)
    with db.sessions() as session:
        again = [s.traveller for s in travellers_of_message(session, message_id)]
        text = json.dumps(
            [row.provenance for row in session.execute(select(TravellerRow)).scalars()]
            + [row.provenance for row in session.execute(select(TravelDocumentRow)).scalars()]
        )
    assert again
    source = parsed.source
    for got, item in zip(again, items, strict=True):
        assert _traveller_provenances(got, source) == _traveller_provenances(item.masked, source)
        assert all(p is None or p.raw is None for p in _traveller_provenances(got, source).values())
        assert got.fields.keys() == item.stored.traveller.fields.keys()
        assert {n: p.locator for n, p in got.fields.items()} == {
            n: _whole(p, source).locator for n, p in item.stored.traveller.fields.items()
        }
    raws = {p.raw for s in travellers for p in s.traveller.fields.values() if p.raw}
    assert raws
    assert not any(json.dumps(raw)[1:-1] in text for raw in raws)


@pytest.mark.parametrize(
    "provenance",
    [
        Provenance(Locator("m.edi", 17, "DOC", None, 18), "DOC+P:110:111+F1"),
        Provenance(Locator(None, 17, "DOC", None, 18), "DOC+P"),
        Provenance(Locator("m.edi", 17, "DTM", None, 18), "DOC+P"),  # a tag that is not the text's
        Provenance(Locator("m.edi", 17, None, None, 18), "DOC+P"),
        Provenance(Locator("m.edi", 17, "DOC", "number", 18), 'DOC+P "é\x00'),
        Provenance(Locator("m.edi", 17, None, "number", 18), "DOC+P"),
        Provenance(Locator("other.edi", 17, "DOC", None, 18), "DOC+P"),
        Provenance(Locator("m.edi", None, "DOC", None, 18), "DOC+P"),
        Provenance(Locator("m.edi", 17, "DOC", None, None), "DOC+P"),
        Provenance(Locator("m.edi", 17, "DOC", None, 18), None),
        Provenance(Locator("m.edi", True, "DOC", None, 18), "DOC+P"),  # type: ignore[arg-type]
        Provenance(Locator("m.edi", 17, "DOC", None, 18), "DOC+P", datetime(2026, 5, 1, tzinfo=UTC)),
    ],
)
def test_one_provenance_as_text_is_the_place_written_in_general(provenance: Provenance) -> None:
    writer = ProvenanceWriter("m.edi")
    place, field = writer.place(provenance), provenance.locator.field
    general = (
        None
        if place is None or not (field is None or type(field) is str)
        else writer.place_text(place, field, with_field=True)
    )
    assert writer.one_text(provenance) == general
    if general is not None:
        assert dumps_json(EncodedJson(general)) == dumps_json(writer.one(provenance))  # as stored
