"""Whole numbers in text are ASCII digits only (waystation/numbers.py)."""

from __future__ import annotations

import pytest

from waystation.ingest.edifact.envelope import read_interchange
from waystation.numbers import is_number, number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("0042", 42),
        ("", None),
        (None, None),
        ("¹1", None),  # a superscript: str.isdigit() says yes, int() refuses it
        ("٣", None),  # an Arabic-Indic digit: no EDIFACT character set carries it
        ("1 2", None),
        ("-1", None),
    ],
)
def test_only_ascii_digits_are_a_number(text: str | None, expected: int | None) -> None:
    assert number(text) == expected
    assert is_number(text) is (expected is not None)


def test_a_superscript_in_a_message_header_is_read_as_no_number_not_a_crash() -> None:
    data = (
        b"UNA:+.? 'UNB+UNOA:4+SENDER+RECEIVER+200101:1200+1'"
        b"UNH+1+PAXLST:D:05B:UN:IATA+REF+\xc2\xb91'UNT+2+1'UNZ+1+1'"
    )
    interchange = read_interchange(data.decode("utf-8"), "fuzz.edi")
    assert [m.header.sequence for m in interchange.messages] == [None]
