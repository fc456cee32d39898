"""Segments back to text and bytes, with chosen service characters.

The inverse of the tokenizer: every character of data that is a service character is released
(``O?'LEARY``). The CUSRES answer and the synthetic-message generator write through this, and the
round trip ``tokenize(serialize(s)) == s`` is a property test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from waystation.ingest.edifact.segment import Element, Segment
from waystation.ingest.edifact.syntax import DEFAULT, Syntax

__all__ = ["escape", "serialize", "serialize_text"]


def escape(value: str, syntax: Syntax) -> str:
    """Release every service character in ``value``; raises ``ValueError`` when that is impossible."""
    return _Escaper.of(syntax).escape(value)


class _Escaper:
    """The service characters of one syntax, as one pattern (worked out once per serialization)."""

    def __init__(self, syntax: Syntax) -> None:
        self.syntax = syntax
        self.special = re.compile("[" + re.escape("".join(sorted(syntax.specials))) + "]")
        self.release = syntax.release

    @classmethod
    def of(cls, syntax: Syntax) -> _Escaper:
        return _escaper(syntax)

    def escape(self, value: str) -> str:
        if self.special.search(value) is None:
            return value
        if self.release is None:
            raise ValueError(f"{value!r} holds a service character and the syntax has no release character")
        release = self.release
        return self.special.sub(lambda m: release + m.group(), value)

    def element(self, element: Element) -> str:
        return self.syntax.component.join([self.escape(c) for c in element])

    def segment(self, segment: Segment) -> str:
        syntax = self.syntax
        if not segment.repeated:
            # Nearly every segment holds no service character at all: one search over all its
            # values (joined by a character that is never special) decides, and it is written
            # by joins alone. A CUSRES answer for 300 passengers is ~1,500 segments.
            values = [c for element in segment.elements for c in element]
            if self.special.search("\n".join(values)) is None:
                component = syntax.component
                return (
                    syntax.element.join([segment.tag, *[component.join(e) for e in segment.elements]])
                    + syntax.terminator
                )
        repeated = dict(segment.repeated) if segment.repeated else {}
        parts = [segment.tag]
        for index, element in enumerate(segment.elements):
            reps = repeated.get(index)
            if reps and len(reps) > 1:
                if syntax.repetition is None:
                    raise ValueError(
                        f"{segment.tag} repeats an element and the syntax has no repetition separator"
                    )
                parts.append(syntax.repetition.join(self.element(r) for r in reps))
            else:
                parts.append(self.element(element))
        return syntax.element.join(parts) + syntax.terminator


@lru_cache(maxsize=64)
def _escaper(syntax: Syntax) -> _Escaper:
    return _Escaper(syntax)


def serialize_text(
    segments: Iterable[Segment], syntax: Syntax = DEFAULT, *, una: bool = True, line_break: str = ""
) -> str:
    """The interchange as text: optional UNA, then one segment after another."""
    escaper = _Escaper.of(syntax)
    lines = [syntax.una()] if una else []
    # A segment object given again is written once: a CUSRES repeats the same ERP, ERC and FTX
    # objects for every passenger (held in ``segments`` meanwhile, so no id is reused).
    written: dict[int, str] = {}
    for segment in segments:
        text = written.get(id(segment))
        if text is None:
            text = written[id(segment)] = escaper.segment(segment)
        lines.append(text)
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
