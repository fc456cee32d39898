"""One segment as received: its tag, elements and components, and where it was in the message.

``elements[i]`` is the i-th data element after the tag, as a tuple of components (the first
repetition when the element repeats; all repetitions are in ``repeated``). Absent and empty stay
distinct in the structure (``DTM+329`` has one element, ``DTM+329:`` has two components); the
accessors fold both to ``None`` for readers that only care about values.
"""

from __future__ import annotations

from dataclasses import dataclass

from waystation._mypyc import mypyc_attr
from waystation.model import Provenance
from waystation.model.provenance import read_at

__all__ = ["Element", "Segment"]

Element = tuple[str, ...]


# Acyclic when compiled (not tracked by the collector): a segment refers only to strings, whole
# numbers and tuples of them, and a 300-passenger message has ~2,700, all alive while it is read.
@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True, init=False)
class Segment:
    """A tokenized segment; ``position`` is 1-based in the interchange, ``raw`` is the text received."""

    tag: str
    elements: tuple[Element, ...]
    position: int = 0
    raw: str = ""
    line: int | None = None
    repeated: tuple[tuple[int, tuple[Element, ...]], ...] = ()

    def __init__(
        self,
        tag: str,
        elements: tuple[Element, ...],
        position: int = 0,
        raw: str = "",
        line: int | None = None,
        repeated: tuple[tuple[int, tuple[Element, ...]], ...] = (),
    ) -> None:
        # Written out (a 300-passenger manifest makes ~2,700 segments): compiled, mypyc turns each
        # ``object.__setattr__(self, "name", value)`` into a direct store (the generated __init__,
        # or ``object.__setattr__`` under another name, would go through descriptors); from
        # source it is the frozen dataclass's own way of setting a field.
        object.__setattr__(self, "tag", tag)
        object.__setattr__(self, "elements", elements)
        object.__setattr__(self, "position", position)
        object.__setattr__(self, "raw", raw)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "repeated", repeated)

    def element(self, index: int) -> Element:
        """Components of the 1-based data element ``index`` (``()`` when absent)."""
        return self.elements[index - 1] if 0 < index <= len(self.elements) else ()

    def get(self, index: int, component: int = 0) -> str | None:
        """The stripped value at data element ``index`` (1-based), component ``component`` (0-based).

        ``None`` when absent or blank: readers treat both as unknown.
        """
        # Bounds compared, not an IndexError caught: a passenger's NAD lacks its address elements,
        # a DTM its format code, so about one call in four (of ~8,000 per 300-passenger manifest)
        # asks for an absent value, and raising cost ~170 ns more than these comparisons.
        elements = self.elements
        if 0 < index <= len(elements):
            element = elements[index - 1]
            if 0 <= component < len(element):
                return element[component].strip() or None
        return None

    def repetitions(self, index: int) -> tuple[Element, ...]:
        """Every repetition of data element ``index``."""
        for at, reps in self.repeated:
            if at == index - 1:
                return reps
        element = self.element(index)
        return (element,) if element else ()

    def literal(self, index: int, repetition_char: str = "*") -> Element:
        """The element with repetition separators read back as data.

        Service segments never repeat elements, so a ``*`` there is part of a value
        (``UNB+UNOA:4+APIS*C3K:ZZ`` with syntax version 4 defaults).
        """
        reps = self.repetitions(index)
        if len(reps) < 2:
            return self.element(index)
        comps = list(reps[0])
        for rep in reps[1:]:
            comps[-1] += repetition_char + (rep[0] if rep else "")
            comps.extend(rep[1:])
        return tuple(comps)

    def provenance(self, source: str | None, field: str | None = None) -> Provenance:
        """Where a value read from this segment came from, with the segment text as received."""
        return read_at(source, self.position, self.tag, field, self.line, self.raw)

    def __str__(self) -> str:
        return self.raw or self.tag
