"""ICAO Doc 9303 check digits: what a machine-readable zone's digits say about a copied number.

A carrier's departure-control system reads the passport's MRZ and copies fields into the API
message. Some systems copy the document-number field whole — nine characters padded with ``<``
and followed by its check digit (``L898902C<3``) — instead of the bare number. When a number
arrives in that shape the check digit can be verified, and a wrong one means the number was
mistyped or mangled on the way: the traveller may not be who the screening compared.

A number without the ``<`` filler carries no recognisable check digit (``L898902C3`` could be a
ten-character number), so it is not checked: guessing would flag honest numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MrzNumber", "check_digit", "parse_mrz_number"]

_WEIGHTS = (7, 3, 1)


def _value(char: str) -> int:
    if "0" <= char <= "9":
        return int(char)
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    if char == "<":
        return 0
    raise ValueError(f"{char!r} is not an MRZ character (A-Z, 0-9, <)")


def check_digit(field: str) -> int:
    """The ICAO 9303 check digit of ``field`` (weights 7, 3, 1 repeating; A=10 … Z=35; ``<`` = 0)."""
    return sum(_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(field.upper())) % 10


@dataclass(frozen=True, slots=True)
class MrzNumber:
    """A document number given in MRZ form: the number, the digit sent, and the digit it should have."""

    number: str
    given: int
    expected: int

    @property
    def valid(self) -> bool:
        return self.given == self.expected


def parse_mrz_number(text: str | None) -> MrzNumber | None:
    """The number and check digit of a field copied from an MRZ, or ``None`` when ``text`` is not one.

    Recognised: at least one ``<`` filler inside, a last character that is a digit, and only MRZ
    characters. ``AB12345<<7`` gives number ``AB12345`` with check digit 7.
    """
    if not text:
        return None
    field = text.strip().upper()
    if len(field) < 3 or "<" not in field[:-1] or not field[-1].isdigit():
        return None
    body = field[:-1]
    if any(not (c.isdigit() or "A" <= c <= "Z" or c == "<") for c in body):
        return None
    number = body.rstrip("<")
    if not number or "<" in number:
        return None
    return MrzNumber(number, int(field[-1]), check_digit(body))
