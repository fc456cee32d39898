"""Personal and organisation names, kept in parts.

Passenger messages give a surname and given names (``SURNAME:GIVEN``); watchlists give up to four
name fields, aliases of good or low quality, and names in original scripts. Matching needs the
parts and their roles, so a name is never flattened to one string in the model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Name", "NamePart", "NamePartKind", "NameQuality", "NameRole"]


class NamePartKind(StrEnum):
    """What a part of a name is, as far as the source says."""

    GIVEN = "given"
    MIDDLE = "middle"
    FAMILY = "family"
    PATRONYMIC = "patronymic"
    TITLE = "title"
    UNKNOWN = "unknown"


class NameRole(StrEnum):
    """Which of a subject's names this is."""

    PRIMARY = "primary"
    ALIAS = "alias"
    FORMER = "former"
    ORIGINAL_SCRIPT = "original_script"


class NameQuality(StrEnum):
    """How much a list publisher trusts an alias (the UN's Good / Low)."""

    STRONG = "strong"
    WEAK = "weak"


@dataclass(frozen=True, slots=True)
class NamePart:
    """One part of a name as written by the source, with its role."""

    text: str
    kind: NamePartKind = NamePartKind.UNKNOWN

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Name:
    """A name in parts, with its role among the subject's names and its quality.

    ``script`` is the ISO 15924 code of the writing system (``Latn``, ``Arab``, ``Cyrl``…) when
    known; ``note`` keeps what the list publisher said about this name ("previously listed as",
    "call sign") because analysts read it when they weigh an alias.
    """

    parts: tuple[NamePart, ...]
    role: NameRole = NameRole.PRIMARY
    quality: NameQuality = NameQuality.STRONG
    script: str | None = None
    note: str | None = None

    @classmethod
    def from_parts(
        cls,
        family: str | None = None,
        given: Iterable[str] | str | None = None,
        *,
        role: NameRole = NameRole.PRIMARY,
        quality: NameQuality = NameQuality.STRONG,
        script: str | None = None,
    ) -> Name:
        """A name from a surname and given names (a string of several given names is kept whole)."""
        parts: list[NamePart] = []
        givens = [given] if isinstance(given, str) else list(given or [])
        for index, text in enumerate(g.strip() for g in givens):
            if text:
                kind = NamePartKind.GIVEN if index == 0 else NamePartKind.MIDDLE
                parts.append(NamePart(text, kind))
        if family and family.strip():
            parts.append(NamePart(family.strip(), NamePartKind.FAMILY))
        return cls(tuple(parts), role, quality, script)

    @classmethod
    def from_full(
        cls,
        text: str,
        *,
        role: NameRole = NameRole.PRIMARY,
        quality: NameQuality = NameQuality.STRONG,
        script: str | None = None,
    ) -> Name:
        """A name written as one string, whose parts' roles are unknown."""
        return cls((NamePart(" ".join(text.split())),) if text.strip() else (), role, quality, script)

    @property
    def full(self) -> str:
        """Given names first, then family name, as a reader would write it."""
        return self.family_given_full()[2]

    @property
    def family(self) -> str | None:
        return self.family_given_full()[0]

    @property
    def given(self) -> str | None:
        return self.family_given_full()[1]

    def family_given_full(self) -> tuple[str | None, str | None, str]:
        """``family``, ``given`` and ``full`` in one pass over the parts (the store writes all
        three for every traveller)."""
        family: list[str] = []
        given: list[str] = []
        full: list[str] = []
        for part in self.parts:
            kind = part.kind
            if kind is NamePartKind.FAMILY:
                family.append(part.text)
            elif kind is NamePartKind.GIVEN or kind is NamePartKind.MIDDLE:
                given.append(part.text)
            if kind is not NamePartKind.TITLE:
                full.append(part.text)
        return " ".join(family) or None, " ".join(given) or None, " ".join(full)

    def __bool__(self) -> bool:
        return any(p.text for p in self.parts)

    def __str__(self) -> str:
        return self.full
