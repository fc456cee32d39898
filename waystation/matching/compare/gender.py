"""Sex: the weakest feature. Lists derive it from free text and records get it wrong both ways."""

from __future__ import annotations

from typing import Final

from waystation.matching.types import Feature
from waystation.model import Sex

__all__ = ["compare_gender"]

AGREES: Final = 0.2
DIFFERS: Final = -0.5
_KNOWN = (Sex.MALE, Sex.FEMALE)


def compare_gender(traveller: Sex | None, listed: Sex | None) -> Feature | None:
    """Sex evidence, or ``None`` unless both sides say male or female."""
    if traveller not in _KNOWN or listed not in _KNOWN:
        return None
    assert traveller is not None
    assert listed is not None
    if traveller is listed:
        return Feature(
            "sex",
            AGREES,
            traveller.value,
            listed.value,
            f"Sex {traveller.value} on both; barely supports the match.",
        )
    return Feature(
        "sex", DIFFERS, traveller.value, listed.value,
        f"Sex {traveller.value} against listed {listed.value}; weakly contradicts the match (records err).",
    )  # fmt: skip
