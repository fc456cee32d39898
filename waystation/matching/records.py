"""Hits as the ``screen`` contract records of ARCHITECTURE.md (one JSON object each).

``{"passenger_ref", "entry_id", "list", "score", "alert", "explanation"}``: the record is what
other tools parse, so it is produced here, in one place, from the hit alone. ``explanation`` is
one string (the hit's sentences joined), because consumers of JSON Lines print it as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from waystation.matching.types import Hit

__all__ = ["CONTRACT_FIELDS", "hit_record", "hit_records"]

CONTRACT_FIELDS = ("passenger_ref", "entry_id", "list", "score", "alert", "explanation")


def hit_record(hit: Hit) -> dict[str, Any]:
    """One contract record (keys in contract order; score rounded to 4 places)."""
    return {
        "passenger_ref": hit.traveller_ref,
        "entry_id": hit.entry_id,
        "list": hit.list_name,
        "score": round(hit.score, 4),
        "alert": hit.alert,
        "explanation": " ".join(hit.explanation),
    }


def hit_records(hits: Iterable[Hit]) -> list[dict[str, Any]]:
    """Records for hits in the order given (the screener returns them best first)."""
    return [hit_record(hit) for hit in hits]
