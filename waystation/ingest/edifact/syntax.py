"""Service characters of an interchange: read from UNA, or derived from the UNB syntax identifier.

Separators are data, not constants: real traffic uses ``*``/``$``, ``-``/``*``, the Type B safe set
``(``/``)``/``-``, a backslash release character, a five-character UNA, a UNA whose terminator was
typed as U+2019, and Sirena's private ``SIRE`` syntax whose terminator is ``"``. A candidate UNA is
accepted only when the segment after it really starts with a service tag and its element separator;
otherwise the reader falls back to a five-character reading, then to the defaults, and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DEFAULT", "Syntax", "defaults_for", "read_una", "syntax_id_of"]

_TYPOGRAPHIC_APOSTROPHE = "\u2019"
_NEXT_SERVICE = re.compile(r"\s*(UN[BGH])(.)", re.S)
_SERVICE_TAG = re.compile(r"UN[BGH][^\w\s]")
_UNB_ID = re.compile(r"UNB(?P<sep>[^\w\s])\s*(?P<id>[A-Z]{4})(?:[^\w\s](?P<version>\d))?")


@dataclass(frozen=True, slots=True)
class Syntax:
    """The six service characters; ``release``/``repetition`` are ``None`` when not in use."""

    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str | None = "?"
    repetition: str | None = None
    terminator: str = "'"

    def una(self) -> str:
        """The UNA service string advice that declares these characters."""
        return (
            f"UNA{self.component}{self.element}{self.decimal}{self.release or ' '}"
            f"{self.repetition or ' '}{self.terminator}"
        )

    @property
    def specials(self) -> frozenset[str]:
        """Characters that must be released when they occur in data."""
        chars = {self.component, self.element, self.terminator}
        if self.release:
            chars.add(self.release)
        if self.repetition:
            chars.add(self.repetition)
        return frozenset(chars)

    def is_consistent(self) -> bool:
        """Distinct separators that cannot be confused with data letters or line breaks."""
        core = [self.component, self.element, self.terminator]
        if self.release:
            core.append(self.release)
        if self.repetition:
            core.append(self.repetition)
        if len(set(core)) != len(core):
            return False
        return all(len(c) == 1 and not c.isalnum() and not c.isspace() for c in core)


DEFAULT = Syntax()
SIRENA = Syntax(decimal=",", terminator='"')


def syntax_id_of(text: str) -> tuple[str | None, int | None]:
    """The UNB syntax identifier and version (``UNOA``, 4), when a UNB can be seen."""
    match = _UNB_ID.search(text, 0, 4096)
    if not match:
        return None, None
    version = match.group("version")
    return match.group("id"), int(version) if version else None


def defaults_for(text: str, start: int) -> Syntax:
    """Service characters for an interchange without UNA (ISO 9735 defaults, or Sirena's SIRE).

    Syntax version 4 makes ``*`` the default repetition separator; earlier versions have none.
    The element separator is the character that follows the first service tag.
    """
    syntax_id, version = syntax_id_of(text[start:])
    base = SIRENA if syntax_id == "SIRE" else DEFAULT
    element = base.element
    match = _NEXT_SERVICE.match(text, start)
    if match and not match.group(2).isalnum() and not match.group(2).isspace():
        element = match.group(2)
    repetition = "*" if version == 4 and syntax_id and syntax_id.startswith("UNO") else None
    if repetition == element:
        repetition = None
    return Syntax(base.component, element, base.decimal, base.release, repetition, base.terminator)


def _follows(text: str, end: int, syntax: Syntax) -> bool:
    match = _NEXT_SERVICE.match(text, end)
    return bool(match) and match is not None and match.group(2) == syntax.element


def read_una(text: str, at: int) -> tuple[Syntax, int, list[str]]:
    """Read the UNA at ``at``: the syntax, where the next segment starts, and what was odd about it."""
    notes: list[str] = []
    six = text[at + 3 : at + 9]
    if len(six) == 6:
        term = six[5]
        if term == _TYPOGRAPHIC_APOSTROPHE:
            notes.append("UNA terminator typed as U+2019; read as an apostrophe")
            term = "'"
        syntax = Syntax(
            six[0], six[1], six[2], None if six[3] == " " else six[3], None if six[4] == " " else six[4], term
        )
        if syntax.is_consistent() and _follows(text, at + 9, syntax):
            return syntax, at + 9, notes
    five = text[at + 3 : at + 8]
    if len(five) == 5:
        syntax = Syntax(
            five[0],
            five[1],
            ".",
            None if five[2] == " " else five[2],
            None if five[3] == " " else five[3],
            five[4],
        )
        if syntax.is_consistent() and _follows(text, at + 8, syntax):
            notes.append(
                f"UNA has five service characters ({five!r}), not six: read as component, element, "
                "release, repetition, terminator with the default decimal mark"
            )
            return syntax, at + 8, notes
    notes.append(f"UNA service string {text[at : at + 9]!r} is malformed; default separators used")
    found = _SERVICE_TAG.search(text, at + 3)
    end = found.start() if found else min(len(text), at + 9)
    return defaults_for(text, end), end, notes
