"""Segments back to text and bytes, with chosen service characters.

The inverse of the tokenizer: every character of data that is a service character is released
(``O?'LEARY``). The CUSRES answer and the synthetic-message generator write through this, and the
round trip ``tokenize(serialize(s)) == s`` is a property test.
"""

from __future__ import annotations

from collections.abc import Iterable

from waystation.ingest.edifact.segment import Element, Segment
from waystation.ingest.edifact.syntax import DEFAULT, Syntax

__all__ = ["escape", "serialize", "serialize_text"]


def escape(value: str, syntax: Syntax) -> str:
    """Release every service character in ``value``; raises ``ValueError`` when that is impossible."""
    specials = syntax.specials
    if not any(ch in specials for ch in value):
        return value
    if syntax.release is None:
        raise ValueError(f"{value!r} holds a service character and the syntax has no release character")
    release = syntax.release
    return "".join(release + ch if ch in specials else ch for ch in value)


def _element(element: Element, syntax: Syntax) -> str:
    return syntax.component.join(escape(c, syntax) for c in element)


def _segment(segment: Segment, syntax: Syntax) -> str:
    repeated = dict(segment.repeated)
    parts = [segment.tag]
    for index, element in enumerate(segment.elements):
        reps = repeated.get(index)
        if reps and len(reps) > 1:
            if syntax.repetition is None:
                raise ValueError(
                    f"{segment.tag} repeats an element and the syntax has no repetition separator"
                )
            parts.append(syntax.repetition.join(_element(r, syntax) for r in reps))
        else:
            parts.append(_element(element, syntax))
    return syntax.element.join(parts) + syntax.terminator


def serialize_text(
    segments: Iterable[Segment], syntax: Syntax = DEFAULT, *, una: bool = True, line_break: str = ""
) -> str:
    """The interchange as text: optional UNA, then one segment after another."""
    lines = [syntax.una()] if una else []
    lines.extend(_segment(s, syntax) for s in segments)
    return line_break.join(lines) + (line_break if lines and line_break else "")


def serialize(
    segments: Iterable[Segment],
    syntax: Syntax = DEFAULT,
    *,
    una: bool = True,
    line_break: str = "",
    encoding: str = "utf-8",
) -> bytes:
    """The interchange as bytes (UTF-8 by default; pass ``ascii`` or ``iso8859_1`` for UNOA/UNOC)."""
    return serialize_text(segments, syntax, una=una, line_break=line_break).encode(encoding)
