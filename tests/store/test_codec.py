"""The list-entry codec: model -> JSON text -> model gives back an equal entry, provenance too."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.conftest import WATCHLISTS
from waystation.exc import Locator
from waystation.ingest.lists.un_xml import read_un_xml
from waystation.model import (
    BirthDate,
    EntryKind,
    IdentityDocument,
    ListEntry,
    Name,
    NamePart,
    NamePartKind,
    NameQuality,
    NameRole,
    ParseIssue,
    PartialDate,
    Provenance,
    Severity,
    Sex,
    Watchlist,
)
from waystation.store.codec import (
    content_sha256,
    entry_from_json,
    entry_to_json,
    issue_from_json,
    issue_to_json,
    jsonable,
)

texts = st.text(max_size=12)
maybe_text = st.none() | texts
small = st.none() | st.integers(min_value=0, max_value=10_000)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.none() | st.integers(min_value=1, max_value=9999))
    month = draw(st.none() | st.integers(min_value=1, max_value=12))
    day = draw(st.none() | st.integers(min_value=1, max_value=31)) if month else None
    try:
        return PartialDate(year, month, day)
    except ValueError:
        assume(False)
        raise


locators = st.builds(Locator, maybe_text, small, maybe_text, maybe_text, small)
instants = st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30))]))
provenances = st.builds(Provenance, locators, maybe_text, st.none() | instants)
names = st.builds(
    Name,
    st.lists(st.builds(NamePart, texts, st.sampled_from(NamePartKind)), max_size=4).map(tuple),
    st.sampled_from(NameRole),
    st.sampled_from(NameQuality),
    maybe_text,
    maybe_text,
)
birth_dates = st.builds(BirthDate, partial_dates(), st.none() | partial_dates(), st.booleans(), maybe_text)
documents = st.builds(IdentityDocument, texts, texts, maybe_text, maybe_text)
entries = st.builds(
    ListEntry,
    entry_id=texts,
    kind=st.sampled_from(EntryKind),
    names=st.lists(names, max_size=4).map(tuple),
    birth_dates=st.lists(birth_dates, max_size=3).map(tuple),
    birth_places=st.lists(texts, max_size=2).map(tuple),
    nationalities=st.lists(texts, max_size=3).map(tuple),
    documents=st.lists(documents, max_size=3).map(tuple),
    gender=st.none() | st.sampled_from(Sex),
    programmes=st.lists(texts, max_size=2).map(tuple),
    listed_on=st.none() | st.dates(),
    remarks=maybe_text,
    addresses=st.lists(texts, max_size=2).map(tuple),
    source_id=maybe_text,
    provenance=st.none() | provenances,
)


def through_text(entry: ListEntry) -> ListEntry:
    """What the database does: encode, write JSON text, read it, decode."""
    return entry_from_json(json.loads(json.dumps(entry_to_json(entry), ensure_ascii=False)))


@given(entries)
def test_any_entry_round_trips(entry: ListEntry) -> None:
    again = through_text(entry)
    assert again == entry
    assert again.provenance == entry.provenance  # provenance is compare=False: check it on its own


@given(st.builds(ParseIssue, st.sampled_from(Severity), texts, texts, locators))
def test_any_issue_round_trips(issue: ParseIssue) -> None:
    assert issue_from_json(json.loads(json.dumps(issue_to_json(issue)))) == issue


def test_the_codec_knows_every_model_field() -> None:
    """Fails when a model class gains a field: teach the codec (and bump its version if needed)."""
    known = {
        ListEntry: "entry_id kind names birth_dates birth_places nationalities documents gender programmes "
        "listed_on remarks addresses source_id provenance",
        Name: "parts role quality script note",
        NamePart: "text kind",
        BirthDate: "earliest latest approximate note",
        PartialDate: "year month day",
        IdentityDocument: "kind number country note",
        Provenance: "locator raw seen_at",
        Locator: "source segment tag field line",
        ParseIssue: "severity code message locator",
        Watchlist: "name source_format version entries published source issues",
    }
    for cls, fields in known.items():
        assert {f.name for f in dataclasses.fields(cls)} == set(fields.split()), cls.__name__


def test_a_full_entry_encodes_to_readable_json() -> None:
    entry = ListEntry(
        entry_id="QDi.999",
        kind=EntryKind.PERSON,
        names=(
            Name.from_parts("AL-BAGHDADI", ["Abu", "Bakr"]),
            Name((NamePart("أبو بكر البغدادي"),), NameRole.ORIGINAL_SCRIPT, script="Arab"),
            Name.from_full("Dr. Ibrahim", role=NameRole.ALIAS, quality=NameQuality.WEAK),
        ),
        birth_dates=(
            BirthDate(PartialDate(1971)),
            BirthDate(PartialDate(1970), PartialDate(1972), True, "c."),
        ),
        nationalities=("IRQ",),
        documents=(IdentityDocument("passport", "A123", "IRQ", "expired"),),
        gender=Sex.MALE,
        listed_on=date(2011, 10, 5),
        provenance=Provenance(
            Locator("un.xml", tag="INDIVIDUAL", line=77), seen_at=datetime(2026, 1, 1, tzinfo=UTC)
        ),
    )
    data = entry_to_json(entry)
    assert data["names"][0] == {"parts": [["Abu", "given"], ["Bakr", "middle"], ["AL-BAGHDADI", "family"]]}
    assert data["names"][1] == {
        "parts": [["أبو بكر البغدادي", "unknown"]],
        "role": "original_script",
        "script": "Arab",
    }
    assert data["birth_dates"] == [
        {"from": "1971"},
        {"from": "1970", "to": "1972", "approx": True, "note": "c."},
    ]
    assert data["provenance"] == {
        "source": "un.xml",
        "tag": "INDIVIDUAL",
        "line": 77,
        "seen_at": "2026-01-01T00:00:00+00:00",
    }
    assert "birth_places" not in data
    assert "remarks" not in data
    assert through_text(entry) == entry


@cache
def un_list(name: str) -> Watchlist:
    path = WATCHLISTS / name
    return read_un_xml(Path(path).read_bytes(), name)


@pytest.mark.parametrize("name", ["un-consolidated.xml", "un-consolidated-2026-01-28.xml"])
def test_every_entry_of_the_real_un_list_round_trips(name: str) -> None:
    watchlist = un_list(name)
    assert len(watchlist.entries) in (1009, 999)
    for entry in watchlist.entries:
        again = through_text(entry)
        assert again == entry, entry.entry_id
        assert again.provenance == entry.provenance, entry.entry_id


def test_content_hash_ignores_key_order_only() -> None:
    assert content_sha256({"a": 1, "b": [1, 2]}) == content_sha256({"b": [1, 2], "a": 1})
    assert content_sha256({"a": 1, "b": [1, 2]}) != content_sha256({"a": 1, "b": [2, 1]})


def test_jsonable_turns_engine_objects_into_plain_json() -> None:
    @dataclasses.dataclass(frozen=True)
    class Feature:
        name: str
        score: float
        compared: tuple[str, ...]
        when: date
        sex: Sex | None

    value = {
        "name": Feature("dob", 0.5, ("1971", "1971-03"), date(2026, 1, 2), Sex.FEMALE),
        "nan": float("nan"),
    }
    assert jsonable(value) == {
        "name": {
            "name": "dob",
            "score": 0.5,
            "compared": ["1971", "1971-03"],
            "when": "2026-01-02",
            "sex": "F",
        },
        "nan": "nan",
    }
    assert jsonable(frozenset({"b", "a"})) == ["a", "b"]
