"""ICAO Doc 9303 check digits, on the specimen passport of Doc 9303 Part 4 and by property."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waystation.services.mrz import MrzNumber, check_digit, parse_mrz_number

# The specimen TD3 passport of ICAO Doc 9303 Part 4 (Anna Maria Eriksson, Utopia), line 2:
# L898902C36UTO7408122F1204159ZE184226B<<<<<10
SPECIMEN = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"


@pytest.mark.parametrize(
    ("field", "digit"),
    [
        ("L898902C3", 6),  # document number
        ("740812", 2),  # date of birth
        ("120415", 9),  # date of expiry
        ("ZE184226B<<<<<", 1),  # optional data
        ("<<<<<<<<<", 0),
        ("520727", 3),  # Doc 9303 Part 3 worked example
    ],
)
def test_specimen_check_digits(field: str, digit: int) -> None:
    assert check_digit(field) == digit


def test_composite_check_digit_of_the_specimen() -> None:
    composite = SPECIMEN[0:10] + SPECIMEN[13:20] + SPECIMEN[21:43]
    assert check_digit(composite) == int(SPECIMEN[43]) == 0


def test_a_number_copied_from_the_mrz_is_checked() -> None:
    assert parse_mrz_number("L898902C<3") == MrzNumber("L898902C", 3, check_digit("L898902C<"))
    assert parse_mrz_number("AB1234<<<0") == MrzNumber("AB1234", 0, check_digit("AB1234<<<"))
    assert parse_mrz_number("ab1234<<<0") == MrzNumber("AB1234", 0, check_digit("AB1234<<<"))


@pytest.mark.parametrize(
    "text", [None, "", "L898902C3", "L898902C36", "X<", "AB-12<<<4", "<<<<<<<<<4", "AB<12<<<5"]
)
def test_numbers_without_an_mrz_check_digit_are_not_checked(text: str | None) -> None:
    assert parse_mrz_number(text) is None


def test_validity() -> None:
    good = parse_mrz_number(f"AB1234<<<{check_digit('AB1234<<<')}")
    bad = parse_mrz_number(f"AB1234<<<{(check_digit('AB1234<<<') + 1) % 10}")
    assert good is not None
    assert good.valid
    assert bad is not None
    assert not bad.valid


def test_a_non_mrz_character_is_an_error() -> None:
    with pytest.raises(ValueError, match="not an MRZ character"):
        check_digit("AB-1")


@given(st.text(alphabet="0123456789", min_size=1, max_size=20), st.data())
def test_any_single_digit_substitution_changes_the_check_digit(field: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(field) - 1))
    replacement = data.draw(st.sampled_from([d for d in "0123456789" if d != field[position]]))
    changed = field[:position] + replacement + field[position + 1 :]
    assert check_digit(changed) != check_digit(field)
