"""The segment tags the readers know, with the most data elements each may carry.

The table (``waystation/data/edifact_segments.csv``) serves two repairs of real traffic: a line
that starts with a known tag after a missing terminator begins a new segment, and a segment with
more elements than its tag allows, one of which ends in a known tag (``RPI+1+HKIFT+4:19+...``,
``ORG+...+9TIF+KIM:I+...``), is two segments glued together.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

__all__ = ["element_limits", "is_known_tag", "known_tags", "max_elements"]


@cache
def _table() -> dict[str, int | None]:
    text = resources.files("waystation.data").joinpath("edifact_segments.csv").read_text("utf-8")
    return {
        row["tag"]: int(row["max_elements"]) if row["max_elements"] else None
        for row in csv.DictReader(io.StringIO(text))
    }


def known_tags() -> frozenset[str]:
    return frozenset(_table())


def is_known_tag(tag: str) -> bool:
    return tag in _table()


def max_elements(tag: str) -> int | None:
    """The most data elements (after the tag) this segment may have; ``None`` when unbounded or unknown."""
    return _table().get(tag)


def element_limits() -> dict[str, int | None]:
    """Every known tag with its :func:`max_elements` (the table itself: do not change it)."""
    return _table()
