from __future__ import annotations

import pytest

from waystation.cases import check_reason
from waystation.exc import InputError


@pytest.mark.parametrize(
    "text",
    [
        "born 1991, listed person born 1963",
        "Passport K1234567 matches the listed document",
        "  DOB   differs:  1985 vs 1972  ",
        "Имя совпадает, дата рождения нет",
    ],
)
def test_reasons_that_say_something(text: str) -> None:
    assert check_reason(text) == " ".join(text.split())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "a reason is required"),
        ("   ", "a reason is required"),
        ("ok", "restates the decision"),
        ("False positive.", "restates the decision"),
        ("Not the same person", "restates the decision"),
        ("see above", "restates the decision"),
        ("wrong dob", "too short"),
        ("different birth", "too short"),
        ("1234 5678 9012 3456", "does not say anything"),
        ("aaaa aaaa aaaa aaaa", "does not say anything"),
    ],
)
def test_trivial_reasons_are_refused(text: str | None, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        check_reason(text, field="reason")
    assert caught.value.locator.field == "reason"
