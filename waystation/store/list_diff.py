"""What changed in a list entry between two versions, in words a supervisor can scan.

Works on the codec's JSON form of two entries (pure, no database). List-valued fields are
compared as multisets of their items (``names: +1 −0``), single values by value
(``gender: M → F``); the encoding version and provenance are not content and are ignored, so a
re-encoded but identical entry has no change at all (an empty summary).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

__all__ = ["change_summary"]

_NOT_CONTENT = frozenset({"v", "provenance"})


def _item(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _short(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else _item(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def change_summary(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """``"names: +1 −0; gender: M → F"``, or ``""`` when the entries say the same thing."""
    parts: list[str] = []
    for key in sorted((set(old) | set(new)) - _NOT_CONTENT):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if isinstance(before, list | type(None)) and isinstance(after, list | type(None)):
            gone = Counter(map(_item, before or [])) - Counter(map(_item, after or []))
            came = Counter(map(_item, after or [])) - Counter(map(_item, before or []))
            if gone or came:
                parts.append(f"{key}: +{sum(came.values())} −{sum(gone.values())}")
            else:
                parts.append(f"{key}: reordered")
        else:
            parts.append(f"{key}: {_short(before)} → {_short(after)}")
    return "; ".join(parts)
