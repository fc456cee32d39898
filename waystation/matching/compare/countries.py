"""Nationality: weak evidence either way.

People hold several nationalities, lists record some of them, and carriers send the nationality
of the document presented. So agreement earns a little and disagreement costs a little; the
passport's issuing country counts as a stated nationality. Never enough alone to alert or clear.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from waystation.matching.types import Feature
from waystation.model import TravelDocument, country_name

__all__ = ["compare_countries"]

AGREES: Final = 1.0
DIFFERS: Final = -0.8


def _names(codes: Sequence[str]) -> str:
    return ", ".join(_name(c) for c in codes)


@lru_cache(maxsize=1024)  # (a few hundred codes; the country table is a slow look-up)
def _name(code: str) -> str:
    return country_name(code) or code


def compare_countries(
    nationalities: Sequence[str], documents: Sequence[TravelDocument], listed: Sequence[str]
) -> Feature | None:
    """Nationality evidence, or ``None`` when either side states none."""
    stated = list(
        dict.fromkeys([*nationalities, *(d.issuing_country for d in documents if d.issuing_country)])
    )
    if not stated or not listed:
        return None
    shared = [c for c in stated if c in listed]
    if shared:
        return Feature(
            "nationality", AGREES, _names(stated), _names(listed),
            f"Nationality {_names(shared)} is one the list records; this weakly supports the match.",
        )  # fmt: skip
    return Feature(
        "nationality", DIFFERS, _names(stated), _names(listed),
        f"Nationality {_names(stated)} is not among the listed {_names(listed)};"
        " this weakly contradicts the match.",
    )  # fmt: skip
