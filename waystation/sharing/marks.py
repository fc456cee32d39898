"""Handling marks: the Traffic Light Protocol 2.0 and originator control.

TLP 2.0 (FIRST, 2022) says how far a recipient may pass information on:

- ``TLP:RED`` — for the named individual recipients only, no further disclosure;
- ``TLP:AMBER+STRICT`` — within the recipient's own organisation only;
- ``TLP:AMBER`` — within the recipient's organisation and its clients, on a need-to-know basis;
- ``TLP:GREEN`` — within the recipient's community, not publicly;
- ``TLP:CLEAR`` — no limit.

``orcon`` (originator control, the ORCON of intelligence handling) adds that no one but the
originator may pass the material on without the originator's recorded consent, whatever the
colour. A mark is *at least as strict* as another when its colour ranks at least as high and it
keeps ORCON if the other has it; a re-shared package may never carry a weaker mark than its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from waystation.exc import InputError, Locator

__all__ = ["HandlingMark", "Tlp"]


class Tlp(StrEnum):
    CLEAR = "TLP:CLEAR"
    GREEN = "TLP:GREEN"
    AMBER = "TLP:AMBER"
    AMBER_STRICT = "TLP:AMBER+STRICT"
    RED = "TLP:RED"

    @property
    def rank(self) -> int:
        """0 for CLEAR up to 4 for RED: higher is more restrictive."""
        return list(Tlp).index(self)


@dataclass(frozen=True, slots=True)
class HandlingMark:
    tlp: Tlp
    orcon: bool = False

    def at_least(self, other: HandlingMark) -> bool:
        """True when this mark restricts at least as much as ``other``."""
        return self.tlp.rank >= other.tlp.rank and (self.orcon or not other.orcon)

    def __str__(self) -> str:
        return f"{self.tlp.value} ORCON" if self.orcon else self.tlp.value

    @classmethod
    def parse(cls, text: str, *, field: str = "mark") -> HandlingMark:
        """Read ``TLP:AMBER``, ``tlp:amber+strict orcon`` (TLP 1.0's ``WHITE`` is read as CLEAR)."""
        words = text.upper().split()
        orcon = "ORCON" in words
        rest = [w for w in words if w != "ORCON"]
        label = rest[0] if len(rest) == 1 else ""
        label = label if label.startswith("TLP:") else f"TLP:{label}"
        label = "TLP:CLEAR" if label == "TLP:WHITE" else label
        try:
            return cls(Tlp(label), orcon)
        except ValueError:
            raise InputError(f"{text!r} is not a TLP 2.0 mark", Locator(field=field)) from None
