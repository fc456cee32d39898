"""Free text in lists: document descriptions (a table of real cases), dates, alias strings, scripts."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waystation.ingest.lists.alias_text import AliasText, split_alias
from waystation.ingest.lists.documents import document_kind, read_document_text
from waystation.ingest.lists.scripts import detect_script
from waystation.ingest.lists.text_dates import parse_text_date
from waystation.model import BirthDate, PartialDate

CASES = list(
    csv.DictReader((Path(__file__).parent / "fixtures" / "document_text.csv").open(encoding="utf-8"))
)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:30] for c in CASES])
def test_document_text(case: dict[str, str]) -> None:
    found = read_document_text(case["text"])
    assert found.number == (case["number"] or None)
    assert found.country == (case["country"] or None)
    assert document_kind(case["text"]) == case["kind"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Mar 1975", BirthDate(PartialDate(1975, 3, 12))),
        ("Nov. 1973", BirthDate(PartialDate(1973, 11))),
        ("circa 1970", BirthDate(PartialDate(1970), approximate=True)),
        ("1957 to 1959", BirthDate(PartialDate(1957), PartialDate(1959))),
        ("circa 1960-1962", BirthDate(PartialDate(1960), PartialDate(1962), approximate=True)),
        ("Between Aug. and Sep. 1977", BirthDate(PartialDate(1977, 8), PartialDate(1977, 9))),
        ("01 Jan 1960 to 31 Dec 1962", BirthDate(PartialDate(1960, 1, 1), PartialDate(1962, 12, 31))),
        ("1975-03-12", BirthDate(PartialDate(1975, 3, 12))),
        ("24/06/1402 (Hijri Calendar)", None),
        ("30-35 years old", None),
        ("31 Feb 1970", None),
    ],
)
def test_text_dates(text: str, expected: BirthDate | None) -> None:
    assert parse_text_date(text) == expected


@pytest.mark.parametrize(
    ("text", "organisation", "expected"),
    [
        ("Jin Tiesan (金铁三)", False, [AliasText("Jin Tiesan", "Latn"), AliasText("金铁三", "Hani")]),
        (
            "Abubakar (original script: Абубакар)",
            False,
            [AliasText("Abubakar", "Latn"), AliasText("Абубакар", "Cyrl")],
        ),
        ("EL PARA (COMBAT NAME)", False, [AliasText("EL PARA", "Latn", "COMBAT NAME")]),
        ("(Sheikh) Musa Hilal", False, [AliasText("Musa Hilal", "Latn", "Sheikh")]),
        ("Al-Qaida in Yemen (AQY)", True, [AliasText("Al-Qaida in Yemen", "Latn"), AliasText("AQY", "Latn")]),
        ("Al-Qaida in Yemen (AQY)", False, [AliasText("Al-Qaida in Yemen", "Latn", "AQY")]),
        (
            "Leader (Hong Kong) International Trading Limited",
            True,
            [AliasText("Leader (Hong Kong) International Trading Limited", "Latn")],
        ),
        ("   ", False, []),
    ],
)
def test_alias_strings(text: str, organisation: bool, expected: list[AliasText]) -> None:
    assert split_alias(text, organisation=organisation) == expected


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)


@given(_TEXT, st.booleans())
def test_alias_splitting_never_loses_letters_to_nothing(text: str, organisation: bool) -> None:
    names = split_alias(text, organisation=organisation)
    for name in names:
        assert name.text == name.text.strip()
        assert name.text
        assert name.script == detect_script(name.text)


@given(_TEXT)
def test_document_number_comes_from_the_text(text: str) -> None:
    found = read_document_text(text)
    if found.number is not None:
        squeezed = "".join(text.split()).replace("-", "")
        assert "".join(found.number.split()).replace("-", "") in squeezed


@given(_TEXT)
def test_text_dates_take_their_years_from_the_text(text: str) -> None:
    parsed = parse_text_date(text)
    if parsed is not None:
        for value in (parsed.earliest, parsed.latest):
            if value is not None and value.year is not None:
                assert f"{value.year:04d}" in text


@given(
    st.dates(date(1900, 1, 1), date(2030, 12, 31)),
    st.sampled_from(["%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%b %Y"]),
)
def test_written_dates_read_back(day: date, pattern: str) -> None:
    parsed = parse_text_date(day.strftime(pattern))
    assert parsed is not None
    assert parsed.earliest.year == day.year
    assert parsed.earliest.month == day.month
