from __future__ import annotations

import pytest

from waystation.model import BirthDate, PartialDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1972-09-07", PartialDate(1972, 9, 7)),
        ("1972-09", PartialDate(1972, 9)),
        ("1972", PartialDate(1972)),
        ("", None),
        ("1972-02-31", None),
        ("07/09/1972", None),
    ],
)
def test_parse(text: str, expected: PartialDate | None) -> None:
    assert PartialDate.parse(text) == expected


def test_iso_and_completeness() -> None:
    assert PartialDate(1972, 9).iso() == "1972-09"
    assert not PartialDate(1972, 9).is_complete
    assert PartialDate(1972, 9, 7).to_date() is not None
    assert str(PartialDate()) == "unknown"


def test_day_without_month_is_rejected() -> None:
    with pytest.raises(ValueError, match="day without a month"):
        PartialDate(1972, None, 3)


def test_birth_date_range_years() -> None:
    ranged = BirthDate(PartialDate(1960), PartialDate(1963))
    assert list(ranged.years()) == [1960, 1961, 1962, 1963]
    assert ranged.is_range
    assert str(BirthDate(PartialDate(1975), approximate=True)) == "circa 1975"
    assert list(BirthDate(PartialDate()).years()) == []
